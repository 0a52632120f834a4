package io.sahabot.platform.kafka;

import io.sahabot.schemas.topics.KafkaAccess;
import io.sahabot.schemas.topics.Topic;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import org.apache.kafka.clients.admin.NewTopic;
import org.apache.kafka.common.config.TopicConfig;
import org.springframework.kafka.config.TopicBuilder;
import org.springframework.kafka.core.KafkaAdmin;

/**
 * Turns a service's entry of the Kafka access catalogue ({@link KafkaAccess}) into the topics it
 * creates at startup (the broker never auto-creates them). Creating a topic that exists changes
 * nothing, so every service declares each topic it reads or writes, and whichever starts first
 * creates it with the catalogue's settings and the deployment's replication.
 */
public final class TopicDeclarations {

  private TopicDeclarations() {}

  /**
   * The topics the service writes or reads and the dead-letter topics of those it reads ({@link
   * KafkaAccess#declaredTopics()}), replicated as {@code replication} says.
   */
  public static KafkaAdmin.NewTopics declare(KafkaTopicProperties replication, KafkaAccess access) {
    return new KafkaAdmin.NewTopics(topics(replication, access).toArray(NewTopic[]::new));
  }

  static List<NewTopic> topics(KafkaTopicProperties replication, KafkaAccess access) {
    List<NewTopic> topics = new ArrayList<>();
    for (Topic<?> topic : access.uses()) {
      topics.add(newTopic(topic.name(), topic, replication));
    }
    for (Topic<?> topic : access.reads()) {
      topics.add(newTopic(topic.deadLetter(), topic, replication));
    }
    return topics;
  }

  /**
   * A dead-letter topic has the partitions of its source (the recoverer keeps the partition) and
   * the source's retention, never compaction: every failed record is kept.
   */
  static NewTopic newTopic(String name, Topic<?> topic, KafkaTopicProperties replication) {
    boolean deadLetter = !name.equals(topic.name());
    TopicBuilder builder =
        TopicBuilder.name(name)
            .partitions(topic.partitions())
            .replicas(replication.replicationFactor());
    if (topic.compacted() && !deadLetter) {
      builder.compact();
    }
    builder.config(
        TopicConfig.RETENTION_MS_CONFIG,
        Long.toString(
            deadLetter && topic.infiniteRetention()
                ? Duration.ofDays(7).toMillis()
                : topic.retentionMs()));
    builder.config(
        TopicConfig.MIN_IN_SYNC_REPLICAS_CONFIG, Integer.toString(replication.minInsyncReplicas()));
    if (topic.maxMessageBytes() != null) {
      // a dead letter is its source's record: the same limit
      builder.config(
          TopicConfig.MAX_MESSAGE_BYTES_CONFIG, Integer.toString(topic.maxMessageBytes()));
    }
    return builder.build();
  }
}
