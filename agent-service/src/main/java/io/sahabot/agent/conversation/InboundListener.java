package io.sahabot.agent.conversation;

import io.sahabot.agent.config.AgentProperties;
import io.sahabot.agent.config.InboundOffsets;
import io.sahabot.platform.kafka.DeadLetters;
import io.sahabot.schemas.whatsapp.InboundMessage;
import io.sahabot.schemas.whatsapp.InboundMessageRecord;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.kafka.annotation.KafkaListener;
import org.springframework.kafka.config.KafkaListenerEndpointRegistry;
import org.springframework.kafka.listener.MessageListenerContainer;
import org.springframework.kafka.support.Acknowledgment;
import org.springframework.stereotype.Component;

/**
 * Takes each inbound message off whatsapp.inbound.messages and hands it to the dispatcher, without
 * waiting: the consumer keeps polling while turns run. An offset is acknowledged when its turn and
 * every earlier turn of its partition are done ({@link InboundOffsets}), so a crash replays what
 * was not finished and never skips it. When {@code max-in-flight} turns are queued or running, the
 * consumers pause; they resume once a quarter of them are done.
 *
 * <p>A turn that throws (its reply could not be published, its memory not written) goes to the
 * dead-letter topic and is then done; if even that fails, its record stays unacknowledged, and the
 * partition's next owner (this instance after a restart) replays it.
 */
@Component
class InboundListener {

  static final String ID = "agent-inbound";

  private static final Logger log = LoggerFactory.getLogger(InboundListener.class);

  private final ConversationDispatcher dispatcher;
  private final TurnHandler turns;
  private final InboundOffsets offsets;
  private final DeadLetters deadLetters;
  private final KafkaListenerEndpointRegistry registry;
  private final int maxInFlight;
  private final int resumeAt;
  private boolean paused;

  InboundListener(
      ConversationDispatcher dispatcher,
      TurnHandler turns,
      InboundOffsets offsets,
      DeadLetters deadLetters,
      KafkaListenerEndpointRegistry registry,
      AgentProperties properties) {
    this.dispatcher = dispatcher;
    this.turns = turns;
    this.offsets = offsets;
    this.deadLetters = deadLetters;
    this.registry = registry;
    this.maxInFlight = properties.maxInFlight();
    this.resumeAt = properties.maxInFlight() * 3 / 4;
  }

  @KafkaListener(
      id = ID,
      topics = "whatsapp.inbound.messages",
      groupId = "agent-service",
      containerFactory = "inboundMessagesFactory")
  void on(ConsumerRecord<String, InboundMessageRecord> record, Acknowledgment ack) {
    InboundOffsets.Tracked tracked = offsets.track(record, ack);
    if (!(record.value() instanceof InboundMessage message)) {
      if (tracked.start()) {
        tracked.done(); // nothing to do for this kind of record
      }
      return;
    }
    dispatcher.submit(
        record.key(),
        () -> {
          if (tracked.start()) {
            turns.handle(message, record);
          }
        },
        failure -> finish(record, tracked, failure));
    pauseIfFull();
  }

  private void finish(
      ConsumerRecord<String, InboundMessageRecord> record,
      InboundOffsets.Tracked tracked,
      Throwable failure) {
    try {
      if (failure == null) {
        tracked.done();
      } else {
        deadLetter(record, tracked, failure);
      }
    } finally {
      resumeIfRoom();
    }
  }

  private void deadLetter(
      ConsumerRecord<String, InboundMessageRecord> record,
      InboundOffsets.Tracked tracked,
      Throwable failure) {
    log.warn(
        "Turn of partition {} offset {} failed: {}",
        record.partition(),
        record.offset(),
        failure.toString());
    try {
      deadLetters.publish(
          record, failure instanceof Exception e ? e : new IllegalStateException(failure));
      tracked.done();
    } catch (RuntimeException e) {
      log.error(
          "Partition {} offset {} could not be dead-lettered: it stays uncommitted",
          record.partition(),
          record.offset(),
          e);
      tracked.abandon();
    }
  }

  private synchronized void pauseIfFull() {
    if (!paused && dispatcher.inFlight() >= maxInFlight) {
      MessageListenerContainer container = registry.getListenerContainer(ID);
      if (container != null) {
        paused = true;
        container.pause();
      }
    }
  }

  private synchronized void resumeIfRoom() {
    if (paused && dispatcher.inFlight() <= resumeAt) {
      paused = false;
      MessageListenerContainer container = registry.getListenerContainer(ID);
      if (container != null) {
        container.resume();
      }
    }
  }
}
