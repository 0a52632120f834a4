package io.sahabot.local.replay;

import java.io.PrintStream;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import java.util.Set;
import java.util.function.Predicate;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.clients.consumer.OffsetAndTimestamp;
import org.apache.kafka.common.PartitionInfo;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.errors.TimeoutException;
import org.apache.kafka.common.serialization.ByteArrayDeserializer;
import org.apache.kafka.common.serialization.StringDeserializer;

/**
 * Reads a time range of a topic with a plain consumer: assigned partitions, no group (nothing is
 * committed, no service's group is touched), {@code read_committed} (aborted transactions of the
 * Kafka Streams service are not shown). Each partition is read from {@code offsetsForTimes(from)}
 * up to the first offset after {@code to}, or its end.
 */
final class TopicReader implements AutoCloseable {

  /** The broker did not answer within the timeout. */
  static final class Unreachable extends RuntimeException {
    Unreachable(String message, Throwable cause) {
      super(message, cause);
    }
  }

  private static final int PROGRESS_ABOVE = 5_000;

  private final KafkaConsumer<String, byte[]> consumer;
  private final String bootstrap;
  private final Duration timeout;
  private final PrintStream progress;
  private Set<String> topics;

  TopicReader(String bootstrap, Duration timeout, PrintStream progress) {
    this(bootstrap, Map.of(), timeout, progress);
  }

  /**
   * A reader of the cluster at {@code bootstrap}, logged in with {@code login} (client properties:
   * {@code security.protocol}, {@code sasl.*}; empty for PLAINTEXT).
   */
  TopicReader(String bootstrap, Map<String, String> login, Duration timeout, PrintStream progress) {
    Properties props = new Properties();
    props.putAll(login);
    props.put(ConsumerConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrap);
    props.put(ConsumerConfig.ISOLATION_LEVEL_CONFIG, "read_committed");
    props.put(ConsumerConfig.ENABLE_AUTO_COMMIT_CONFIG, false);
    props.put(ConsumerConfig.CLIENT_ID_CONFIG, "sahabot-replay");
    props.put(ConsumerConfig.MAX_POLL_RECORDS_CONFIG, 2_000);
    props.put(ConsumerConfig.DEFAULT_API_TIMEOUT_MS_CONFIG, (int) timeout.toMillis());
    props.put(ConsumerConfig.REQUEST_TIMEOUT_MS_CONFIG, (int) timeout.toMillis());
    this.consumer =
        new KafkaConsumer<>(props, new StringDeserializer(), new ByteArrayDeserializer());
    this.bootstrap = bootstrap;
    this.timeout = timeout;
    this.progress = progress;
  }

  /** The topics of the cluster; fails with {@link Unreachable} when the broker does not answer. */
  Set<String> topics() {
    if (topics == null) {
      try {
        topics = consumer.listTopics(timeout).keySet();
      } catch (TimeoutException e) {
        throw new Unreachable(
            "cannot reach Kafka at " + bootstrap + " within " + timeout.toSeconds() + " s", e);
      }
    }
    return topics;
  }

  /** Every record of {@code topic} in {@code range} that {@code keep} accepts, in offset order. */
  List<ConsumerRecord<String, byte[]>> read(
      String topic, TimeRange range, Predicate<ConsumerRecord<String, byte[]>> keep) {
    return read(topic, range.from().toEpochMilli(), range.to().toEpochMilli(), keep);
  }

  /** Every record of {@code topic}, from the beginning, that {@code keep} accepts. */
  List<ConsumerRecord<String, byte[]>> readAll(
      String topic, Predicate<ConsumerRecord<String, byte[]>> keep) {
    return read(topic, 0, Long.MAX_VALUE, keep);
  }

  private List<ConsumerRecord<String, byte[]>> read(
      String topic, long fromMs, long toMs, Predicate<ConsumerRecord<String, byte[]>> keep) {
    List<ConsumerRecord<String, byte[]>> kept = new ArrayList<>();
    if (!topics().contains(topic)) {
      return kept;
    }
    List<TopicPartition> partitions = new ArrayList<>();
    for (PartitionInfo p : consumer.partitionsFor(topic, timeout)) {
      partitions.add(new TopicPartition(topic, p.partition()));
    }
    Map<TopicPartition, Long> starts = offsetsAt(partitions, fromMs);
    Map<TopicPartition, Long> ends = offsetsAt(partitions, toMs == Long.MAX_VALUE ? -1 : toMs + 1);
    Map<TopicPartition, Long> remaining = new HashMap<>();
    long total = 0;
    for (TopicPartition tp : partitions) {
      long n = ends.get(tp) - starts.get(tp);
      if (n > 0) {
        remaining.put(tp, ends.get(tp));
        total += n;
      }
    }
    if (remaining.isEmpty()) {
      return kept;
    }
    consumer.assign(remaining.keySet());
    remaining.keySet().forEach(tp -> consumer.seek(tp, starts.get(tp)));
    boolean showProgress = total > PROGRESS_ABOVE;
    long read = 0;
    long lastShown = System.nanoTime();
    long lastProgress = System.nanoTime();
    while (!remaining.isEmpty()) {
      long before = read;
      for (ConsumerRecord<String, byte[]> r : consumer.poll(Duration.ofMillis(500))) {
        TopicPartition tp = new TopicPartition(r.topic(), r.partition());
        Long end = remaining.get(tp);
        if (end == null || r.offset() >= end) {
          continue;
        }
        read++;
        if (r.timestamp() >= fromMs && r.timestamp() <= toMs && keep.test(r)) {
          kept.add(r);
        }
      }
      // transaction markers and aborted records take offsets too: go by the position
      remaining.keySet().removeIf(tp -> consumer.position(tp, timeout) >= remaining.get(tp));
      consumer.pause(
          consumer.assignment().stream().filter(tp -> !remaining.containsKey(tp)).toList());
      if (read > before) {
        lastProgress = System.nanoTime();
      } else if (System.nanoTime() - lastProgress > timeout.toNanos()) {
        throw new Unreachable(
            "reading "
                + topic
                + " from "
                + bootstrap
                + " stalled for "
                + timeout.toSeconds()
                + " s",
            null);
      }
      if (showProgress && System.nanoTime() - lastShown > 1_000_000_000L) {
        progress.printf("\r  reading %s: %,d of %,d records", topic, read, total);
        lastShown = System.nanoTime();
      }
    }
    if (showProgress) {
      progress.printf(
          "\r  reading %s: %,d records, %,d of this tenant%n", topic, total, kept.size());
    }
    consumer.unsubscribe();
    return kept;
  }

  /** Per partition, the first offset at or after {@code timestampMs}; the end when none or -1. */
  private Map<TopicPartition, Long> offsetsAt(List<TopicPartition> partitions, long timestampMs) {
    Map<TopicPartition, Long> ends = consumer.endOffsets(partitions, timeout);
    if (timestampMs < 0) {
      return ends;
    }
    Map<TopicPartition, Long> query = new HashMap<>();
    partitions.forEach(tp -> query.put(tp, timestampMs));
    Map<TopicPartition, OffsetAndTimestamp> found = consumer.offsetsForTimes(query, timeout);
    Map<TopicPartition, Long> offsets = new HashMap<>();
    for (TopicPartition tp : partitions) {
      OffsetAndTimestamp at = found.get(tp);
      offsets.put(tp, at == null ? ends.get(tp) : Math.min(at.offset(), ends.get(tp)));
    }
    return offsets;
  }

  static Instant time(ConsumerRecord<?, ?> r) {
    return Instant.ofEpochMilli(r.timestamp());
  }

  @Override
  public void close() {
    consumer.close(Duration.ofSeconds(2));
  }
}
