package io.sahabot.platform.kafka;

import io.sahabot.schemas.topics.Topic;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.apache.kafka.clients.admin.NewTopic;
import org.apache.kafka.common.config.TopicConfig;
import org.springframework.kafka.config.TopicBuilder;
import org.springframework.kafka.core.KafkaAdmin;

/**
 * Turns entries of the topic catalogue into topics the service creates at startup (the broker never
 * auto-creates them). Creating a topic that exists changes nothing, so every service declares each
 * topic it reads or writes, and whichever starts first creates it with the catalogue's settings.
 */
public final class TopicDeclarations {

  private TopicDeclarations() {}

  /** The topics and, for those the service consumes, their dead-letter topics. */
  public static KafkaAdmin.NewTopics declare(
      int replicationFactor, List<Topic<?>> uses, List<Topic<?>> consumes) {
    List<NewTopic> topics = new ArrayList<>();
    for (Topic<?> topic : uses) {
      topics.add(newTopic(topic.name(), topic, replicationFactor));
    }
    for (Topic<?> topic : consumes) {
      if (!uses.contains(topic)) {
        topics.add(newTopic(topic.name(), topic, replicationFactor));
      }
      topics.add(newTopic(topic.deadLetter(), topic, replicationFactor));
    }
    return new KafkaAdmin.NewTopics(topics.toArray(NewTopic[]::new));
  }

  /**
   * A dead-letter topic has the partitions of its source (the recoverer keeps the partition) and
   * the source's retention, never compaction: every failed record is kept.
   */
  static NewTopic newTopic(String name, Topic<?> topic, int replicationFactor) {
    boolean deadLetter = !name.equals(topic.name());
    TopicBuilder builder =
        TopicBuilder.name(name).partitions(topic.partitions()).replicas(replicationFactor);
    if (topic.compacted() && !deadLetter) {
      builder.compact();
    }
    builder.configs(
        Map.of(
            TopicConfig.RETENTION_MS_CONFIG,
            Long.toString(
                deadLetter && topic.infiniteRetention()
                    ? java.time.Duration.ofDays(7).toMillis()
                    : topic.retentionMs())));
    return builder.build();
  }
}
