package io.sahabot.tenant.changelog;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import io.sahabot.platform.kafka.WireSerdes;
import io.sahabot.schemas.tenant.TenantChangelogRecord;
import io.sahabot.schemas.tenant.TenantSettings;
import io.sahabot.schemas.tenant.TenantSnapshot;
import io.sahabot.schemas.topics.Topics;
import io.sahabot.testsupport.IntegrationTest;
import io.sahabot.testsupport.SahaBotInfrastructure;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.ThreadLocalRandom;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.common.serialization.StringSerializer;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.kafka.core.DefaultKafkaProducerFactory;
import org.springframework.kafka.core.KafkaTemplate;

/**
 * A database behind tenant.changelog (restored from an older backup, or empty) is repaired from the
 * snapshots: a missing tenant is restored, an older one brought up to date, and one whose number
 * the database gives to another tenant is left alone and counted.
 */
@IntegrationTest
class TenantRestorerIT {

  @Autowired TenantRestorer restorer;

  @Test
  void aTenantMissingInTheDatabaseIsRestoredAndAnOlderOneBroughtUpToDate() throws Exception {
    TenantSnapshot missing = snapshot(UUID.randomUUID(), number(), "Kadıköy Saha", 4);

    TenantRestorer.Result first = restorer.restore(List.of(missing)).block();

    assertThat(first.restored()).isEqualTo(1);
    assertThat(row(missing.tenantId())).isEqualTo("Kadıköy Saha|4|true");

    TenantSnapshot newer = snapshot(missing.tenantId(), missing.phoneNumberId(), "Moda Saha", 6);
    TenantSnapshot older = snapshot(missing.tenantId(), missing.phoneNumberId(), "Eski", 2);
    TenantRestorer.Result second = restorer.restore(List.of(newer, older)).block();

    assertThat(second.updated()).isEqualTo(1);
    assertThat(second.restored()).isZero();
    assertThat(row(missing.tenantId())).isEqualTo("Moda Saha|6|true");
  }

  @Test
  void aTenantWhoseNumberTheDatabaseGivesToAnotherIsNotRestored() throws Exception {
    TenantSnapshot owner = snapshot(UUID.randomUUID(), number(), "Bir", 1);
    restorer.restore(List.of(owner)).block();
    TenantSnapshot other = snapshot(UUID.randomUUID(), owner.phoneNumberId(), "İki", 1);

    TenantRestorer.Result result = restorer.restore(List.of(other)).block();

    assertThat(result.refused()).isEqualTo(1);
    assertThat(row(other.tenantId())).isNull();
  }

  @Test
  void onStartTheWholeChangelogIsReadAndWhatTheDatabaseLacksIsRestored() throws Exception {
    TenantSnapshot onlyOnKafka = snapshot(UUID.randomUUID(), number(), "Yalnız Kafka'da", 3);
    var factory =
        new DefaultKafkaProducerFactory<String, TenantChangelogRecord>(
            Map.<String, Object>of(
                ProducerConfig.BOOTSTRAP_SERVERS_CONFIG,
                SahaBotInfrastructure.get().kafkaBootstrapServers()),
            new StringSerializer(),
            WireSerdes.<TenantChangelogRecord>valueSerializer());
    try {
      new KafkaTemplate<>(factory)
          .send(Topics.TENANT_CHANGELOG.name(), onlyOnKafka.tenantId().toString(), onlyOnKafka)
          .get();
    } finally {
      factory.destroy();
    }

    restorer.stop();
    restorer.start();

    await()
        .atMost(Duration.ofSeconds(60))
        .untilAsserted(
            () -> assertThat(row(onlyOnKafka.tenantId())).isEqualTo("Yalnız Kafka'da|3|true"));
  }

  private static String number() {
    return "7" + (100_000_000L + ThreadLocalRandom.current().nextLong(800_000_000L));
  }

  private static TenantSnapshot snapshot(UUID id, String number, String name, long version) {
    return new TenantSnapshot(
        "evt-" + UUID.randomUUID(),
        Instant.now(),
        id,
        null,
        number,
        null,
        name,
        true,
        TenantSettings.defaults(),
        version);
  }

  private static String row(UUID id) throws Exception {
    try (Connection c = SahaBotInfrastructure.get().database().connectAsOwner();
        PreparedStatement s =
            c.prepareStatement(
                "SELECT business_name, version, is_active FROM tenants WHERE id = ?")) {
      s.setObject(1, id);
      try (ResultSet rs = s.executeQuery()) {
        return rs.next() ? rs.getString(1) + "|" + rs.getLong(2) + "|" + rs.getBoolean(3) : null;
      }
    }
  }
}
