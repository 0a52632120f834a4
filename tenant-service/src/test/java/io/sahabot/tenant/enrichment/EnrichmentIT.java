package io.sahabot.tenant.enrichment;

import static io.sahabot.schemas.topics.Topics.TENANT_CHANGELOG;
import static io.sahabot.schemas.topics.Topics.WHATSAPP_INBOUND_MESSAGES;
import static io.sahabot.schemas.topics.Topics.WHATSAPP_INBOUND_RAW;
import static io.sahabot.schemas.topics.Topics.WHATSAPP_INBOUND_REJECTED;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import io.sahabot.platform.kafka.WireSerdes;
import io.sahabot.schemas.tenant.TenantChangelogRecord;
import io.sahabot.schemas.tenant.TenantSnapshot;
import io.sahabot.schemas.whatsapp.InboundMessage;
import io.sahabot.schemas.whatsapp.InboundMessageRecord;
import io.sahabot.schemas.whatsapp.RawWebhookChange;
import io.sahabot.schemas.whatsapp.RejectedInbound;
import io.sahabot.schemas.whatsapp.RejectedInboundRecord;
import io.sahabot.tenant.provisioning.Tenant;
import io.sahabot.tenant.provisioning.TenantDirectory;
import io.sahabot.testsupport.IntegrationTest;
import io.sahabot.testsupport.SahaBotInfrastructure;
import java.nio.charset.StandardCharsets;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ThreadLocalRandom;
import java.util.stream.IntStream;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.serialization.ByteArraySerializer;
import org.apache.kafka.common.serialization.StringDeserializer;
import org.apache.kafka.common.serialization.StringSerializer;
import org.apache.kafka.streams.StoreQueryParameters;
import org.apache.kafka.streams.state.QueryableStoreTypes;
import org.apache.kafka.streams.state.ReadOnlyKeyValueStore;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.kafka.config.StreamsBuilderFactoryBean;
import org.springframework.test.web.reactive.server.WebTestClient;
import tools.jackson.databind.node.ObjectNode;

/** The enrichment topology in the running service, on the real broker and PostgreSQL. */
@IntegrationTest
class EnrichmentIT {

  static KafkaProducer<String, byte[]> producer;

  @Autowired TenantDirectory directory;
  @LocalServerPort int port;
  @Autowired StreamsBuilderFactoryBean streams;

  @BeforeAll
  static void producer() {
    producer =
        new KafkaProducer<>(
            Map.of(
                ProducerConfig.BOOTSTRAP_SERVERS_CONFIG,
                SahaBotInfrastructure.get().kafkaBootstrapServers(),
                ProducerConfig.ACKS_CONFIG,
                "all"),
            new StringSerializer(),
            new ByteArraySerializer());
  }

  @AfterAll
  static void closeProducer() {
    producer.close(Duration.ofSeconds(2));
  }

  @Test
  void fiftyConcurrentFirstMessagesFromANewNumberMakeOneTenantAndOneSnapshot() throws Exception {
    String number = newNumber();
    try (var messages =
            new TopicReader<>(
                WHATSAPP_INBOUND_MESSAGES.name(),
                WireSerdes.valueDeserializer(WHATSAPP_INBOUND_MESSAGES));
        var changelog =
            new TopicReader<>(
                TENANT_CHANGELOG.name(), WireSerdes.valueDeserializer(TENANT_CHANGELOG))) {

      CompletableFuture.allOf(
              IntStream.range(0, 50)
                  .mapToObj(
                      i -> CompletableFuture.runAsync(() -> send(message(number, "wamid.C" + i))))
                  .toArray(CompletableFuture[]::new))
          .get();

      await()
          .atMost(Duration.ofSeconds(60))
          .until(() -> messagesOf(messages.poll(), number).size() == 50);
      assertThat(tenantsWithNumber(number)).isEqualTo(1);
      // published by the outbox's relay, once: provisioning wrote version 1 to the outbox once
      await()
          .atMost(Duration.ofSeconds(30))
          .until(() -> !snapshotsOf(changelog.poll(), number).isEmpty());
      List<TenantSnapshot> snapshots = snapshotsOf(changelog.poll(), number);
      assertThat(snapshots).hasSize(1);
      assertThat(snapshots.get(0).version()).isEqualTo(1);
      assertThat(messagesOf(messages.poll(), number))
          .allSatisfy(m -> assertThat(m.tenantId()).isEqualTo(snapshots.get(0).tenantId()));
    }
  }

  @Test
  void aDuplicateDeliveryComesOutOnce() {
    String number = newNumber();
    try (var messages =
        new TopicReader<>(
            WHATSAPP_INBOUND_MESSAGES.name(),
            WireSerdes.valueDeserializer(WHATSAPP_INBOUND_MESSAGES))) {
      send(message(number, "wamid.D1"));
      send(message(number, "wamid.D1"));
      send(message(number, "wamid.D2"));

      await()
          .atMost(Duration.ofSeconds(60))
          .until(
              () ->
                  messagesOf(messages.poll(), number).stream()
                      .anyMatch(m -> m.wamid().equals("wamid.D2")));
      assertThat(messagesOf(messages.poll(), number))
          .extracting(InboundMessage::wamid)
          .containsExactly("wamid.D1", "wamid.D2");
    }
  }

  @Test
  void afterDeactivationTheNextMessageIsRejectedAndNothingReachesTheAgent() {
    String number = newNumber();
    try (var messages =
            new TopicReader<>(
                WHATSAPP_INBOUND_MESSAGES.name(),
                WireSerdes.valueDeserializer(WHATSAPP_INBOUND_MESSAGES));
        var rejected =
            new TopicReader<>(
                WHATSAPP_INBOUND_REJECTED.name(),
                WireSerdes.valueDeserializer(WHATSAPP_INBOUND_REJECTED))) {
      send(message(number, "wamid.A1"));
      await()
          .atMost(Duration.ofSeconds(60))
          .until(() -> messagesOf(messages.poll(), number).size() == 1);
      Tenant tenant = directory.findByPhoneNumberId(number).block(Duration.ofSeconds(5));

      WebTestClient.bindToServer()
          .baseUrl("http://localhost:" + port)
          .responseTimeout(Duration.ofSeconds(30))
          .build()
          .post()
          .uri("/api/tenants/" + tenant.id() + "/deactivate")
          .header("Authorization", "Bearer local-admin-token")
          .exchange()
          .expectStatus()
          .isOk();
      await()
          .atMost(Duration.ofSeconds(30))
          .until(() -> tableEntry(number) instanceof TenantSnapshot s && !s.active());
      RawWebhookChange next = message(number, "wamid.A2");
      send(next);

      await()
          .atMost(Duration.ofSeconds(60))
          .until(() -> rejectionsOf(rejected.poll(), number).size() == 1);
      RejectedInbound rejection = rejectionsOf(rejected.poll(), number).get(0);
      assertThat(rejection.reason()).isEqualTo(RejectedInbound.Reason.TENANT_INACTIVE);
      assertThat(rejection.tenantId()).isEqualTo(tenant.id());
      assertThat(rejection.causationId()).isEqualTo(next.deliveryId());
      assertThat(messagesOf(messages.poll(), number))
          .extracting(InboundMessage::wamid)
          .containsExactly("wamid.A1");
    }
  }

  @Test
  void anUnreadableRecordGoesToTheDeadLetterTopic() {
    String number = newNumber();
    try (var dlt = new TopicReader<>(WHATSAPP_INBOUND_RAW.deadLetter(), new StringDeserializer())) {
      producer.send(
          new ProducerRecord<>(
              WHATSAPP_INBOUND_RAW.name(), number, "{broken".getBytes(StandardCharsets.UTF_8)));

      await()
          .atMost(Duration.ofSeconds(60))
          .until(() -> dlt.poll().stream().anyMatch(r -> number.equals(r.key())));
    }
  }

  private Object tableEntry(String number) {
    var kafkaStreams = streams.getKafkaStreams();
    ReadOnlyKeyValueStore<String, TenantChangelogRecord> store =
        kafkaStreams.store(
            StoreQueryParameters.fromNameAndType(
                EnrichmentTopology.TENANTS_STORE, QueryableStoreTypes.keyValueStore()));
    return store.get(number);
  }

  private static List<InboundMessage> messagesOf(
      List<ConsumerRecord<String, InboundMessageRecord>> records, String number) {
    return records.stream()
        .map(r -> (InboundMessage) r.value())
        .filter(m -> m.phoneNumberId().equals(number))
        .toList();
  }

  private static List<RejectedInbound> rejectionsOf(
      List<ConsumerRecord<String, RejectedInboundRecord>> records, String number) {
    return records.stream()
        .map(r -> (RejectedInbound) r.value())
        .filter(m -> m.phoneNumberId().equals(number))
        .toList();
  }

  private static RawWebhookChange message(String number, String wamid) {
    RawWebhookChange change = WebhookFixtures.change("text_tr.json", number);
    ((ObjectNode) change.value().path("messages").get(0)).put("id", wamid);
    return change;
  }

  private static void send(RawWebhookChange change) {
    byte[] value =
        WireSerdes.<RawWebhookChange>valueSerializer()
            .serialize(WHATSAPP_INBOUND_RAW.name(), change);
    try {
      producer.send(new ProducerRecord<>(WHATSAPP_INBOUND_RAW.name(), change.key(), value)).get();
    } catch (Exception e) {
      throw new IllegalStateException(e);
    }
  }

  private static long tenantsWithNumber(String number) throws Exception {
    try (Connection c = SahaBotInfrastructure.get().database().connectAsOwner();
        PreparedStatement s =
            c.prepareStatement("SELECT count(*) FROM tenants WHERE whatsapp_phone_number_id = ?")) {
      s.setString(1, number);
      try (ResultSet rs = s.executeQuery()) {
        rs.next();
        return rs.getLong(1);
      }
    }
  }

  private static String newNumber() {
    return Long.toString(
        200_000_000_000_000L + ThreadLocalRandom.current().nextLong(1_000_000_000L));
  }

  private static List<TenantSnapshot> snapshotsOf(
      List<ConsumerRecord<String, TenantChangelogRecord>> records, String number) {
    return records.stream()
        .map(ConsumerRecord::value)
        .map(v -> (TenantSnapshot) v)
        .filter(s -> s.phoneNumberId().equals(number))
        .toList();
  }
}
