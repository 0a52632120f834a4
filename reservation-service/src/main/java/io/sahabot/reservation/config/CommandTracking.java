package io.sahabot.reservation.config;

import java.util.Collection;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.common.TopicPartition;

/**
 * What the command listener's container tells beyond the listener itself (booking's {@code
 * RestoreGuard} keeps the database's watermarks of {@code reservation.commands}): a record the
 * error handler dead-lettered, and partitions this instance no longer has.
 */
public interface CommandTracking {

  /** {@code record}'s dead letter was taken by the broker; its offset is about to be committed. */
  void deadLettered(ConsumerRecord<?, ?> record);

  /** {@code partitions} were revoked or lost. */
  void forget(Collection<TopicPartition> partitions);
}
