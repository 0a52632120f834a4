package io.sahabot.ingress.sender;

import java.util.Collection;
import java.util.HashMap;
import java.util.Map;
import java.util.TreeMap;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.common.TopicPartition;
import org.springframework.kafka.support.Acknowledgment;

/**
 * Which records of each partition are finished (sent, skipped or dead-lettered), so that a
 * partition's offset is committed only past records that are all finished, while records behind a
 * recipient's back-off wait without holding up the partition ({@link RecipientBackOffs}). The
 * container acknowledges manually: this acknowledges the last record of the finished run at the
 * head of each partition, so a crash redelivers every unfinished record (and the send ledger skips
 * what was sent meanwhile).
 */
public class PendingOffsets {

  /**
   * One record: whether it is finished, and how to acknowledge it (absent: it never reached us).
   */
  private static final class Entry {
    boolean done;
    Acknowledgment ack;
  }

  private final Map<TopicPartition, TreeMap<Long, Entry>> partitions = new HashMap<>();

  /** A record was delivered to the listener (again, after a back-off: the same entry). */
  public synchronized void received(ConsumerRecord<?, ?> record, Acknowledgment ack) {
    Entry entry =
        partitions
            .computeIfAbsent(partition(record), p -> new TreeMap<>())
            .computeIfAbsent(record.offset(), o -> new Entry());
    entry.ack = ack;
  }

  /**
   * A record is finished: commits past it and the finished ones after it once nothing is before.
   */
  public void done(ConsumerRecord<?, ?> record) {
    Acknowledgment commit = null;
    synchronized (this) {
      TreeMap<Long, Entry> entries =
          partitions.computeIfAbsent(partition(record), p -> new TreeMap<>());
      entries.computeIfAbsent(record.offset(), o -> new Entry()).done = true;
      while (!entries.isEmpty() && entries.firstEntry().getValue().done) {
        Entry head = entries.pollFirstEntry().getValue();
        if (head.ack != null) {
          commit = head.ack;
        }
      }
    }
    if (commit != null) {
      commit.acknowledge();
    }
  }

  /** The partitions were taken away: their records are the next owner's. */
  public synchronized void forget(Collection<TopicPartition> revoked) {
    revoked.forEach(partitions::remove);
  }

  /** Records received and not finished (for tests and metrics). */
  public synchronized int pending() {
    return partitions.values().stream()
        .mapToInt(e -> (int) e.values().stream().filter(x -> !x.done).count())
        .sum();
  }

  private static TopicPartition partition(ConsumerRecord<?, ?> record) {
    return new TopicPartition(record.topic(), record.partition());
  }
}
