package io.sahabot.ingress.sender;

import io.sahabot.schemas.whatsapp.OutboundMessage;
import io.sahabot.schemas.whatsapp.OutboundRecord;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.common.TopicPartition;
import org.springframework.kafka.annotation.KafkaListener;
import org.springframework.kafka.support.Acknowledgment;

/**
 * Consumes {@code whatsapp.outbound} (key: the business number, so one number's messages are on one
 * partition, owned by one instance). Each listener thread sends its records one at a time, so the
 * order within a partition, and so within each conversation, is the order of sending.
 *
 * <ul>
 *   <li>a {@link RecipientRateLimited} (131056) sets the record aside for its recipient's back-off
 *       ({@link RecipientBackOffs}), and that recipient's later records join it, in order; the
 *       partition goes on, so the number's other recipients and the other numbers are not held;
 *   <li>any other {@link TransientSendFailure} is thrown on as a {@link PartitionBackOff} naming
 *       the record's partition, which the container pauses for the back-off while the thread goes
 *       on with its other partitions;
 *   <li>a {@link SendFailed} goes to {@code whatsapp.outbound.dlt} with the error in the headers,
 *       and so does a {@link NumberNotOfTenant} (a business number that is not the message's
 *       tenant's).
 * </ul>
 *
 * Offsets are committed by {@link PendingOffsets}: past a record once it and everything before it
 * on its partition is finished.
 */
public class OutboundListener {

  private final OutboundSender sender;
  private final RecipientBackOffs backOffs;
  private final PendingOffsets offsets;

  public OutboundListener(
      OutboundSender sender, RecipientBackOffs backOffs, PendingOffsets offsets) {
    this.sender = sender;
    this.backOffs = backOffs;
    this.offsets = offsets;
  }

  @KafkaListener(
      id = "whatsapp-outbound-sender",
      topics = "whatsapp.outbound",
      groupId = "${sahabot.ingress.sender.group-id:ingress-sender}",
      concurrency = "${sahabot.ingress.sender.concurrency:3}",
      containerFactory = "outboundContainerFactory")
  public void onMessage(ConsumerRecord<String, OutboundRecord> record, Acknowledgment ack) {
    offsets.received(record, ack);
    if (!(record.value() instanceof OutboundMessage message)) {
      offsets.done(record);
      return;
    }
    if (backOffs.holdIfBackingOff(record, message)) {
      return;
    }
    try {
      sender.send(message);
    } catch (RecipientRateLimited e) {
      backOffs.backOff(record, message);
      return;
    } catch (TransientSendFailure e) {
      throw new PartitionBackOff(new TopicPartition(record.topic(), record.partition()), e);
    }
    offsets.done(record);
  }
}
