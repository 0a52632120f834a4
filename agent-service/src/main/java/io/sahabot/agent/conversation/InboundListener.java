package io.sahabot.agent.conversation;

import io.sahabot.schemas.whatsapp.InboundMessage;
import io.sahabot.schemas.whatsapp.InboundMessageRecord;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.springframework.kafka.annotation.KafkaListener;
import org.springframework.kafka.support.Acknowledgment;
import org.springframework.stereotype.Component;

/**
 * Takes each inbound message off whatsapp.inbound.messages and hands it to the dispatcher; the
 * offset is acknowledged when its turn is done. The container commits acknowledged offsets in order
 * (async acks), so a crash replays what was not finished, never skips it.
 */
@Component
class InboundListener {

  private final ConversationDispatcher dispatcher;
  private final TurnHandler turns;

  InboundListener(ConversationDispatcher dispatcher, TurnHandler turns) {
    this.dispatcher = dispatcher;
    this.turns = turns;
  }

  @KafkaListener(
      id = "agent-inbound",
      topics = "whatsapp.inbound.messages",
      groupId = "agent-service",
      containerFactory = "inboundMessagesFactory")
  void on(ConsumerRecord<String, InboundMessageRecord> record, Acknowledgment ack) {
    if (!(record.value() instanceof InboundMessage message)) {
      ack.acknowledge();
      return;
    }
    dispatcher.submit(record.key(), () -> turns.handle(message, record), ack::acknowledge);
  }
}
