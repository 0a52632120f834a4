package io.sahabot.agent.conversation;

import io.sahabot.agent.config.AgentProperties;
import io.sahabot.agent.config.InboundOffsets;
import io.sahabot.platform.kafka.DeadLetters;
import io.sahabot.schemas.whatsapp.InboundMessage;
import io.sahabot.schemas.whatsapp.InboundMessageRecord;
import java.time.Duration;
import java.util.List;
import java.util.OptionalLong;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.common.TopicPartition;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.kafka.annotation.KafkaListener;
import org.springframework.kafka.config.KafkaListenerEndpointRegistry;
import org.springframework.kafka.listener.AbstractConsumerSeekAware;
import org.springframework.kafka.listener.ConsumerSeekAware.ConsumerSeekCallback;
import org.springframework.kafka.listener.MessageListenerContainer;
import org.springframework.kafka.support.Acknowledgment;
import org.springframework.stereotype.Component;

/**
 * Takes each inbound message off whatsapp.inbound.messages and hands it to the dispatcher, without
 * waiting: the consumer keeps polling while turns run. An offset is acknowledged when its turn and
 * every earlier turn of its partition are done ({@link InboundOffsets}), so a crash replays what
 * was not finished and never skips it. When {@code max-in-flight} turns are queued or running, the
 * consumers pause; they resume once a quarter of them are done. A conversation with {@code
 * conversation-queue} turns queued or running gets no more turns: its sender is asked once to slow
 * down, and the other conversations go on.
 *
 * <p>A turn whose output could not be published or stored ({@link TurnNotDurable}) is retried in
 * place: after {@code turn-retry-backoff} the partition is sought back to its record, which runs
 * again (and, if it had been claimed, publishes what was stored, calling no model). Any other
 * failure of a turn sends its record to the dead-letter topic, awaited; if that send fails too, the
 * turn is retried in place. A record is never skipped, and never blocks its partition's commits for
 * longer than its retries.
 */
@Component
class InboundListener extends AbstractConsumerSeekAware {

  static final String ID = "agent-inbound";

  private static final Logger log = LoggerFactory.getLogger(InboundListener.class);

  private final ConversationDispatcher dispatcher;
  private final TurnHandler turns;
  private final InboundOffsets offsets;
  private final DeadLetters deadLetters;
  private final KafkaListenerEndpointRegistry registry;
  private final int maxInFlight;
  private final int resumeAt;
  private final Duration retryBackoff;
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
    this.retryBackoff = properties.turnRetryBackoff();
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
    ConversationDispatcher.Admission admission =
        dispatcher.submit(
            record.key(),
            () -> {
              if (tracked.start()) {
                turns.handle(message, record, tracked::owned);
              }
            },
            failure -> finish(record, tracked, failure));
    switch (admission) {
      case QUEUED -> pauseIfFull();
      case FULL_FIRST ->
          dispatcher.runAside(
              () -> {
                if (tracked.start()) {
                  turns.slowDown(message);
                }
              },
              failure -> finish(record, tracked, failure));
      case FULL -> {
        if (tracked.start()) {
          tracked.done(); // the sender was asked to slow down; the message is not answered
        }
      }
    }
  }

  private void finish(
      ConsumerRecord<String, InboundMessageRecord> record,
      InboundOffsets.Tracked tracked,
      Throwable failure) {
    try {
      if (failure == null) {
        tracked.done();
      } else if (failure instanceof TurnNotDurable) {
        retry(record, tracked, failure);
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
      retry(record, tracked, e);
    }
  }

  /** Seeks the record's partition back to it after the back-off, unless it is no longer ours. */
  private void retry(
      ConsumerRecord<String, InboundMessageRecord> record,
      InboundOffsets.Tracked tracked,
      Throwable failure) {
    InboundOffsets.Retry retry = tracked.retry();
    if (retry == InboundOffsets.Retry.NOT_OURS) {
      log.warn(
          "Turn of partition {} offset {} not completed ({}); the partition's next owner runs it",
          record.partition(),
          record.offset(),
          failure.toString());
      return;
    }
    if (retry == InboundOffsets.Retry.SUPERSEDED) {
      log.debug(
          "Turn of partition {} offset {} not completed; the retry of an earlier record of its"
              + " partition brings it back",
          record.partition(),
          record.offset());
      return;
    }
    log.warn(
        "Turn of partition {} offset {} not completed, retried in {}: {}{}",
        record.partition(),
        record.offset(),
        retryBackoff,
        failure.toString(),
        cause(failure));
    if (retry == InboundOffsets.Retry.SEEK_PENDING) {
      return; // the partition's pending seek brings it back
    }
    TopicPartition tp = new TopicPartition(record.topic(), record.partition());
    CompletableFuture.delayedExecutor(retryBackoff.toMillis(), TimeUnit.MILLISECONDS)
        .execute(
            () -> {
              try {
                OptionalLong target = tracked.seekTarget();
                if (target.isEmpty()) {
                  return; // delivered again already, or the partition was given up
                }
                List<ConsumerSeekCallback> callbacks = getSeekCallbacksFor(tp);
                if (callbacks == null || callbacks.isEmpty()) {
                  log.warn("Partition {} is no longer assigned: not sought back", tp.partition());
                  return;
                }
                callbacks.forEach(c -> c.seek(tp.topic(), tp.partition(), target.getAsLong()));
              } catch (RuntimeException e) {
                log.error("Seeking partition {} back failed", tp.partition(), e);
              }
            });
  }

  /** The innermost cause, when it is not the failure itself: what the operator needs to know. */
  private static String cause(Throwable failure) {
    Throwable root = failure;
    while (root.getCause() != null && root.getCause() != root) {
      root = root.getCause();
    }
    return root == failure ? "" : " (" + root + ")";
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
