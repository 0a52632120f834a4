package io.sahabot.platform.kafka;

import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;

/**
 * How the topics a service creates are replicated ({@code sahabot.kafka.*}): one copy and one
 * in-sync replica for the local run and the tests, 3 and 2 in a deployment (docker-compose.yml), so
 * that an acks=all write survives the loss of one broker and is refused rather than kept on one
 * copy when two are down.
 *
 * @param replicationFactor copies of each partition of the topics the service creates
 * @param minInsyncReplicas {@code min.insync.replicas} of those topics: replicas that must have an
 *     acks=all write before it is acknowledged; at most the replication factor
 */
@ConfigurationProperties("sahabot.kafka")
public record KafkaTopicProperties(
    @DefaultValue("1") int replicationFactor, @DefaultValue("1") int minInsyncReplicas) {

  public KafkaTopicProperties {
    if (replicationFactor < 1) {
      throw new IllegalArgumentException(
          "sahabot.kafka.replication-factor: must be at least 1, was " + replicationFactor);
    }
    if (minInsyncReplicas < 1 || minInsyncReplicas > replicationFactor) {
      throw new IllegalArgumentException(
          "sahabot.kafka.min-insync-replicas: must be between 1 and the replication factor ("
              + replicationFactor
              + "), was "
              + minInsyncReplicas);
    }
  }
}
