package io.sahabot.platform.tenants;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import io.sahabot.platform.kafka.WireSerdes;
import io.sahabot.schemas.tenant.TenantChangelogRecord;
import io.sahabot.schemas.tenant.TenantSettings;
import io.sahabot.schemas.tenant.TenantSnapshot;
import io.sahabot.testsupport.SahaBotInfrastructure;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.TimeUnit;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.AdminClientConfig;
import org.apache.kafka.clients.admin.NewPartitions;
import org.apache.kafka.clients.admin.NewTopic;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.serialization.StringSerializer;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.springframework.boot.health.contributor.Health;
import org.springframework.boot.health.contributor.Status;

/**
 * The reader on a topic of its own on the shared broker (the real {@code tenant.changelog} keeps
 * the catalogue's partition count for the other tests): a partition added while it runs is read
 * from its beginning, and the partitions it had are still followed.
 */
class TenantSnapshotsIT {

  private static final String BOOTSTRAP = SahaBotInfrastructure.get().kafkaBootstrapServers();

  private final String topic = "tenant.changelog.growing-" + UUID.randomUUID();
  private TenantSnapshots reader;

  @AfterEach
  void stop() {
    if (reader != null) {
      reader.stop();
    }
  }

  @Test
  void readsAPartitionAddedWhileItRunsFromItsBeginning() throws Exception {
    try (Admin admin = Admin.create(Map.of(AdminClientConfig.BOOTSTRAP_SERVERS_CONFIG, BOOTSTRAP));
        KafkaProducer<String, TenantChangelogRecord> producer = producer()) {
      admin
          .createTopics(List.of(new NewTopic(topic, 2, (short) 1)))
          .all()
          .get(30, TimeUnit.SECONDS);
      reader =
          new TenantSnapshots(
              Map.of(
                  ConsumerConfig.BOOTSTRAP_SERVERS_CONFIG,
                  BOOTSTRAP,
                  ConsumerConfig.METADATA_MAX_AGE_CONFIG,
                  "500"),
              "tenant-snapshots-it",
              topic);
      reader.start();
      TenantSnapshot before = snapshot(1);
      send(producer, 1, before);
      await().atMost(Duration.ofSeconds(30)).until(() -> reader.get(before.tenantId()).isPresent());

      admin
          .createPartitions(Map.of(topic, NewPartitions.increaseTo(4)))
          .all()
          .get(30, TimeUnit.SECONDS);
      TenantSnapshot onTheNewPartition = snapshot(1);
      send(producer, 3, onTheNewPartition);
      TenantSnapshot changed = tenantAgain(before, 2);
      send(producer, 1, changed);

      await()
          .atMost(Duration.ofSeconds(30))
          .untilAsserted(
              () -> {
                assertThat(reader.get(onTheNewPartition.tenantId())).isPresent();
                assertThat(reader.get(before.tenantId()))
                    .hasValueSatisfying(t -> assertThat(t.version()).isEqualTo(2));
              });
      assertThat(reader.size()).isEqualTo(2);
    }
  }

  @Test
  void isCaughtUpOnceEverySnapshotWrittenBeforeItsStartIsRead() throws Exception {
    try (Admin admin = Admin.create(Map.of(AdminClientConfig.BOOTSTRAP_SERVERS_CONFIG, BOOTSTRAP));
        KafkaProducer<String, TenantChangelogRecord> producer = producer()) {
      admin
          .createTopics(List.of(new NewTopic(topic, 2, (short) 1)))
          .all()
          .get(30, TimeUnit.SECONDS);
      TenantSnapshot first = snapshot(1);
      TenantSnapshot second = snapshot(1);
      send(producer, 0, first);
      send(producer, 1, second);
      send(producer, 1, tenantAgain(second, 2));

      reader =
          new TenantSnapshots(
              Map.of(ConsumerConfig.BOOTSTRAP_SERVERS_CONFIG, BOOTSTRAP),
              "tenant-snapshots-it",
              topic);
      assertThat(reader.caughtUp()).isFalse();
      reader.start();

      await().atMost(Duration.ofSeconds(30)).until(reader::caughtUp);
      assertThat(reader.get(first.tenantId())).isPresent();
      assertThat(reader.get(second.tenantId()))
          .hasValueSatisfying(t -> assertThat(t.version()).isEqualTo(2));
    }
  }

  @Test
  void keepsTryingWhileTheBrokerCannotBeReachedAndIsReadyOnlyOnceCaughtUp() throws Exception {
    try (Admin admin = Admin.create(Map.of(AdminClientConfig.BOOTSTRAP_SERVERS_CONFIG, BOOTSTRAP));
        KafkaProducer<String, TenantChangelogRecord> producer = producer();
        BrokerGate gate = new BrokerGate(BOOTSTRAP)) {
      // given a changelog with a tenant, and a broker the reader cannot reach when it starts
      admin
          .createTopics(List.of(new NewTopic(topic, 2, (short) 1)))
          .all()
          .get(30, TimeUnit.SECONDS);
      TenantSnapshot known = snapshot(1);
      send(producer, 0, known);
      reader =
          new TenantSnapshots(
              Map.of(
                  ConsumerConfig.BOOTSTRAP_SERVERS_CONFIG,
                  gate.address(),
                  ConsumerConfig.DEFAULT_API_TIMEOUT_MS_CONFIG,
                  1000,
                  ConsumerConfig.REQUEST_TIMEOUT_MS_CONFIG,
                  1000),
              "tenant-snapshots-it",
              topic);
      TenantSnapshotsHealthIndicator readiness = new TenantSnapshotsHealthIndicator(reader);
      reader.setStartWait(Duration.ofMillis(500));
      reader.start();
      assertThat(reader.caughtUp()).isFalse();

      // when its attempts fail, it is not ready, says why, and keeps trying
      await().atMost(Duration.ofSeconds(30)).until(() -> reader.lastFailure().isPresent());
      Health down = readiness.health();
      assertThat(down.getStatus()).isEqualTo(Status.DOWN);
      assertThat(down.getDetails()).containsKey("lastFailure").containsEntry("tenants", 0);
      assertThat(reader.isRunning()).isTrue();

      // then, once the broker can be reached, it reads the changelog and is ready
      gate.open();
      await()
          .atMost(Duration.ofSeconds(60))
          .until(() -> Status.UP.equals(readiness.health().getStatus()));
      assertThat(reader.caughtUp()).isTrue();
      assertThat(reader.get(known.tenantId())).isPresent();
      assertThat(readiness.health().getDetails()).doesNotContainKey("lastFailure");
    }
  }

  private static TenantSnapshot snapshot(long version) {
    return new TenantSnapshot(
        UUID.randomUUID().toString(),
        Instant.now(),
        UUID.randomUUID(),
        null,
        "905550000000",
        null,
        "Saha",
        true,
        TenantSettings.defaults(),
        version);
  }

  private static TenantSnapshot tenantAgain(TenantSnapshot s, long version) {
    return new TenantSnapshot(
        UUID.randomUUID().toString(),
        s.occurredAt(),
        s.tenantId(),
        s.causationId(),
        s.phoneNumberId(),
        s.displayPhoneNumber(),
        s.businessName(),
        s.active(),
        s.settings(),
        version);
  }

  private void send(
      KafkaProducer<String, TenantChangelogRecord> producer, int partition, TenantSnapshot s)
      throws Exception {
    producer.send(new ProducerRecord<>(topic, partition, s.key(), s)).get(30, TimeUnit.SECONDS);
  }

  private static KafkaProducer<String, TenantChangelogRecord> producer() {
    return new KafkaProducer<>(
        Map.of(ProducerConfig.BOOTSTRAP_SERVERS_CONFIG, BOOTSTRAP),
        new StringSerializer(),
        WireSerdes.<TenantChangelogRecord>valueSerializer());
  }
}
