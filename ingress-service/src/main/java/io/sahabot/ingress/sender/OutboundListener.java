package io.sahabot.ingress.sender;

import io.sahabot.schemas.whatsapp.OutboundMessage;
import io.sahabot.schemas.whatsapp.OutboundRecord;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.common.TopicPartition;
import org.springframework.kafka.annotation.KafkaListener;

/**
 * Consumes {@code whatsapp.outbound}. Each listener thread sends its records one at a time, so the
 * order within a partition (one conversation, key {@code tenantId:to}) is the order of sending. A
 * {@link TransientSendFailure} is thrown on as a {@link PartitionBackOff} naming the record's
 * partition, which the container pauses for the back-off while the thread goes on with its other
 * partitions. A {@link SendFailed} goes to {@code whatsapp.outbound.dlt} with the error in the
 * headers, and so does a {@link NumberNotOfTenant} (a business number that is not the message's
 * tenant's).
 */
public class OutboundListener {

  private final OutboundSender sender;

  public OutboundListener(OutboundSender sender) {
    this.sender = sender;
  }

  @KafkaListener(
      id = "whatsapp-outbound-sender",
      topics = "whatsapp.outbound",
      groupId = "${sahabot.ingress.sender.group-id:ingress-sender}",
      concurrency = "${sahabot.ingress.sender.concurrency:3}",
      containerFactory = "outboundContainerFactory")
  public void onMessage(ConsumerRecord<String, OutboundRecord> record) {
    if (record.value() instanceof OutboundMessage message) {
      try {
        sender.send(message);
      } catch (TransientSendFailure e) {
        throw new PartitionBackOff(new TopicPartition(record.topic(), record.partition()), e);
      }
    }
  }
}
