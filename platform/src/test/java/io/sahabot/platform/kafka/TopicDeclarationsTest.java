package io.sahabot.platform.kafka;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.sahabot.schemas.topics.KafkaAccess;
import io.sahabot.schemas.topics.Topics;
import java.time.Duration;
import java.util.Map;
import java.util.function.Function;
import java.util.stream.Collectors;
import org.apache.kafka.clients.admin.NewTopic;
import org.junit.jupiter.api.Test;

class TopicDeclarationsTest {

  @Test
  void declaresTheServicesTopicsReplicatedAsConfigured() {
    Map<String, NewTopic> topics = declared(new KafkaTopicProperties(3, 2), KafkaAccess.TENANT);

    assertThat(topics.keySet())
        .containsExactlyInAnyOrderElementsOf(KafkaAccess.TENANT.declaredTopics());
    assertThat(topics.values())
        .allSatisfy(
            t -> {
              assertThat(t.replicationFactor()).as(t.name()).isEqualTo((short) 3);
              assertThat(t.configs()).as(t.name()).containsEntry("min.insync.replicas", "2");
            });
  }

  @Test
  void localDefaultsAreOneCopy() {
    Map<String, NewTopic> topics = declared(new KafkaTopicProperties(1, 1), KafkaAccess.INGRESS);

    assertThat(topics.get("whatsapp.inbound.raw").replicationFactor()).isEqualTo((short) 1);
    assertThat(topics.get("whatsapp.inbound.raw").configs())
        .containsEntry("min.insync.replicas", "1");
  }

  @Test
  void deadLetterTopicOfTheCompactedChangelogKeepsEverythingSevenDays() {
    Map<String, NewTopic> topics =
        declared(new KafkaTopicProperties(1, 1), KafkaAccess.RESERVATION);

    assertThat(topics.get("tenant.changelog").configs())
        .containsEntry("cleanup.policy", "compact")
        .containsEntry("retention.ms", "-1");
    assertThat(topics.get("tenant.changelog.dlt").configs())
        .doesNotContainKey("cleanup.policy")
        .containsEntry("retention.ms", Long.toString(Duration.ofDays(7).toMillis()));
    assertThat(topics.get("tenant.changelog.dlt").numPartitions()).isEqualTo(6);
  }

  @Test
  void theTopicsOfAWebhookChangeTakeRecordsAboveTheWebhookBodyLimit() {
    Map<String, NewTopic> topics = declared(new KafkaTopicProperties(1, 1), KafkaAccess.TENANT);
    String limit = Integer.toString(Topics.WEBHOOK_RECORD_MAX_BYTES);

    assertThat(topics.get("whatsapp.inbound.raw").configs())
        .containsEntry("max.message.bytes", limit);
    assertThat(topics.get("whatsapp.inbound.raw.dlt").configs())
        .containsEntry("max.message.bytes", limit);
    assertThat(topics.get("whatsapp.inbound.rejected").configs())
        .containsEntry("max.message.bytes", limit);
    assertThat(topics.get("tenant.changelog").configs()).doesNotContainKey("max.message.bytes");
  }

  @Test
  void minInsyncReplicasCannotExceedTheCopies() {
    assertThatThrownBy(() -> new KafkaTopicProperties(1, 2))
        .hasMessageStartingWith("sahabot.kafka.min-insync-replicas:");
    assertThatThrownBy(() -> new KafkaTopicProperties(0, 0))
        .hasMessageStartingWith("sahabot.kafka.replication-factor:");
  }

  private static Map<String, NewTopic> declared(
      KafkaTopicProperties replication, KafkaAccess access) {
    return TopicDeclarations.topics(replication, access).stream()
        .collect(Collectors.toMap(NewTopic::name, Function.identity()));
  }
}
