package io.sahabot.schemas.topics;

import static io.sahabot.schemas.Require.nonBlank;
import static io.sahabot.schemas.Require.nonNull;

import java.time.Duration;
import java.util.regex.Pattern;

/**
 * A Kafka topic: its name, what its key is, the sealed interface of its values and how it is
 * created.
 *
 * @param name lower case and dotted, never with '_' (Kafka treats '.' and '_' as colliding)
 * @param keyDescription what the record key is, e.g. {@code "{tenantId}:{userId}"}
 * @param valueType the sealed interface every value of the topic implements; deserialize with it
 * @param partitions at least 1
 * @param retention how long records are kept; {@code null} means forever ({@code retention.ms=-1},
 *     used for compacted topics)
 * @param compacted {@code cleanup.policy=compact}: only the latest value per key is kept
 * @param maxMessageBytes the topic's {@code max.message.bytes} (its dead-letter topic's too), or
 *     {@code null} for the broker's default (about 1 MB)
 */
public record Topic<V>(
    String name,
    String keyDescription,
    Class<V> valueType,
    int partitions,
    Duration retention,
    boolean compacted,
    Integer maxMessageBytes) {

  private static final Pattern NAME = Pattern.compile("[a-z][a-z0-9-]*(\\.[a-z][a-z0-9-]*)*");

  public Topic {
    nonNull(name, "name");
    if (!NAME.matcher(name).matches()) {
      throw new IllegalArgumentException(
          "name: must be lower case words separated by dots, was '" + name + "'");
    }
    nonBlank(keyDescription, "keyDescription");
    nonNull(valueType, "valueType");
    if (partitions < 1) {
      throw new IllegalArgumentException("partitions: must be at least 1, was " + partitions);
    }
    if (retention != null && (retention.isNegative() || retention.isZero())) {
      throw new IllegalArgumentException(
          "retention: must be positive, or null for infinite, was " + retention);
    }
    if (maxMessageBytes != null && maxMessageBytes < 1024) {
      throw new IllegalArgumentException(
          "maxMessageBytes: must be at least 1024, or null, was " + maxMessageBytes);
    }
  }

  /** A topic with the broker's default largest record. */
  public Topic(
      String name,
      String keyDescription,
      Class<V> valueType,
      int partitions,
      Duration retention,
      boolean compacted) {
    this(name, keyDescription, valueType, partitions, retention, compacted, null);
  }

  /** The name of this topic's dead-letter topic: {@code name + ".dlt"}. */
  public String deadLetter() {
    return name + ".dlt";
  }

  /** This topic with another partition count (e.g. 1 in tests). */
  public Topic<V> withPartitions(int partitions) {
    return new Topic<>(
        name, keyDescription, valueType, partitions, retention, compacted, maxMessageBytes);
  }

  /** {@code retention.ms} for the topic's configuration: -1 when retention is infinite. */
  public long retentionMs() {
    return retention == null ? -1 : retention.toMillis();
  }

  /** Whether records are kept forever. */
  public boolean infiniteRetention() {
    return retention == null;
  }
}
