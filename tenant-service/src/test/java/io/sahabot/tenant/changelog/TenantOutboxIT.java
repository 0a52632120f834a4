package io.sahabot.tenant.changelog;

import static io.sahabot.schemas.topics.Topics.TENANT_CHANGELOG;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.awaitility.Awaitility.await;

import io.micrometer.core.instrument.MeterRegistry;
import io.sahabot.platform.db.TenantScope;
import io.sahabot.platform.kafka.WireSerdes;
import io.sahabot.schemas.tenant.TenantChangelogRecord;
import io.sahabot.schemas.tenant.TenantSnapshot;
import io.sahabot.tenant.config.TenantProperties;
import io.sahabot.tenant.enrichment.TopicReader;
import io.sahabot.tenant.provisioning.Tenant;
import io.sahabot.tenant.provisioning.TenantDirectory;
import io.sahabot.testsupport.IntegrationTest;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ThreadLocalRandom;
import java.util.stream.IntStream;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.common.serialization.StringSerializer;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.http.HttpStatusCode;
import org.springframework.http.MediaType;
import org.springframework.kafka.core.DefaultKafkaProducerFactory;
import org.springframework.kafka.core.KafkaTemplate;
import org.springframework.test.web.reactive.server.WebTestClient;
import tools.jackson.databind.JsonNode;

/**
 * Tenant changes through the outbox, on the real broker and PostgreSQL: a change committed while
 * the relay is stopped or the broker unreachable reaches {@code tenant.changelog} afterwards;
 * concurrent changes are applied in order or refused, never lost; the changelog's versions of a
 * tenant strictly increase and end with the database's.
 */
@IntegrationTest
class TenantOutboxIT {

  static final String ADMIN = "Bearer local-admin-token";

  @Autowired ChangelogRelay relay;
  @Autowired TenantOutbox outbox;
  @Autowired TenantScope scope;
  @Autowired TenantDirectory directory;
  @Autowired TenantProperties properties;
  @Autowired MeterRegistry meters;
  @LocalServerPort int port;
  WebTestClient http;

  @BeforeEach
  void client() {
    http =
        WebTestClient.bindToServer()
            .baseUrl("http://localhost:" + port)
            .responseTimeout(Duration.ofSeconds(30))
            .build();
  }

  @Test
  void aChangeCommittedWhileTheRelayIsStoppedIsPublishedWhenItStartsAgain() {
    try (var changelog = changelogReader()) {
      relay.stop();
      Tenant tenant;
      try {
        tenant = newTenant();
        patch(tenant.id(), "{\"businessName\":\"Kadıköy Saha\"}").expectStatus().isOk();

        assertThat(unpublished(tenant.id())).isEqualTo(2);
        await()
            .during(Duration.ofSeconds(2))
            .atMost(Duration.ofSeconds(5))
            .until(() -> snapshots(changelog, tenant.id()).isEmpty());
      } finally {
        relay.start();
      }

      await()
          .atMost(Duration.ofSeconds(30))
          .until(() -> snapshots(changelog, tenant.id()).size() == 2);
      assertThat(snapshots(changelog, tenant.id()))
          .extracting(TenantSnapshot::version, TenantSnapshot::businessName)
          .containsExactly(
              org.assertj.core.groups.Tuple.tuple(1L, tenant.businessName()),
              org.assertj.core.groups.Tuple.tuple(2L, "Kadıköy Saha"));
      await().atMost(Duration.ofSeconds(10)).until(() -> unpublished(tenant.id()) == 0);
    }
  }

  @Test
  void aChangeWhosePublicationFailsIsPublishedAfterTheBrokerIsReachableAgain() {
    try (var changelog = changelogReader()) {
      relay.stop();
      Tenant tenant;
      try {
        tenant = newTenant();
        patch(tenant.id(), "{\"settings\":{\"pricePerHour\":1500}}").expectStatus().isOk();

        // a relay whose broker cannot be reached: the send fails, nothing is marked
        ChangelogRelay unreachable =
            new ChangelogRelay(outbox, scope, unreachableBroker(), properties.outbox(), meters);
        UUID id = tenant.id();
        assertThatThrownBy(() -> unreachable.publishTenant(id).block(Duration.ofSeconds(30)))
            .isInstanceOf(RuntimeException.class);
        assertThat(unpublished(tenant.id())).isEqualTo(2);
        assertThat(snapshots(changelog, tenant.id())).isEmpty();
      } finally {
        relay.start();
      }

      await()
          .atMost(Duration.ofSeconds(30))
          .until(() -> snapshots(changelog, tenant.id()).size() == 2);
      TenantSnapshot last = snapshots(changelog, tenant.id()).get(1);
      assertThat(last.version()).isEqualTo(2);
      assertThat(last.settings().pricePerHour()).isEqualByComparingTo("1500");
      await().atMost(Duration.ofSeconds(10)).until(() -> unpublished(tenant.id()) == 0);
    }
  }

  @Test
  void aBrokerThatNeverAcknowledgesEndsThePassAfterTheSendTimeoutNotTheDeliveryTimeout() {
    relay.stop();
    try {
      Tenant tenant = newTenant();
      patch(tenant.id(), "{\"settings\":{\"pricePerHour\":1700}}").expectStatus().isOk();
      // a broker that takes the record and never answers (under load, or away with a long
      // delivery timeout): the pass's transaction must not stay open waiting for it
      KafkaTemplate<String, TenantChangelogRecord> silent =
          new KafkaTemplate<>(unreachableBroker().getProducerFactory()) {
            @Override
            public java.util.concurrent.CompletableFuture<
                    org.springframework.kafka.support.SendResult<String, TenantChangelogRecord>>
                send(String topic, String key, TenantChangelogRecord data) {
              return new java.util.concurrent.CompletableFuture<>();
            }
          };
      OutboxSettings settings = properties.outbox();
      ChangelogRelay waiting =
          new ChangelogRelay(
              outbox,
              scope,
              silent,
              new OutboxSettings(
                  settings.pollInterval(),
                  settings.publishWait(),
                  settings.retention(),
                  settings.batch(),
                  Duration.ofSeconds(1)),
              meters);
      UUID id = tenant.id();
      long start = System.nanoTime();
      assertThatThrownBy(() -> waiting.publishTenant(id).block(Duration.ofSeconds(30)))
          .hasRootCauseInstanceOf(java.util.concurrent.TimeoutException.class);
      assertThat(Duration.ofNanos(System.nanoTime() - start)).isLessThan(Duration.ofSeconds(20));
      assertThat(unpublished(tenant.id())).isEqualTo(2);
    } finally {
      relay.start();
    }
  }

  @Test
  void concurrentChangesAreAppliedInOrderOrRefusedAndTheChangelogEndsWithTheLatestVersion() {
    try (var changelog = changelogReader()) {
      Tenant tenant = newTenant();

      List<CompletableFuture<Result>> calls = new ArrayList<>();
      IntStream.range(0, 8)
          .forEach(
              i ->
                  calls.add(
                      CompletableFuture.supplyAsync(
                          () ->
                              patchResult(tenant.id(), "{\"businessName\":\"Saha " + i + "\"}"))));
      calls.add(CompletableFuture.supplyAsync(() -> post(tenant.id(), "deactivate")));
      calls.add(CompletableFuture.supplyAsync(() -> post(tenant.id(), "activate")));
      List<Result> results = calls.stream().map(CompletableFuture::join).toList();

      assertThat(results)
          .allSatisfy(r -> assertThat(r.status().value()).isIn(200, 409))
          .anySatisfy(r -> assertThat(r.status().value()).isEqualTo(200));
      List<Long> applied =
          results.stream()
              .filter(r -> r.status().value() == 200)
              .map(r -> r.body().path("version").asLong())
              .sorted()
              .toList();
      // every change answered 200 has a version of its own: none overwrote another unseen
      assertThat(applied).doesNotHaveDuplicates();
      Tenant latest = directory.findById(tenant.id()).block(Duration.ofSeconds(5));
      assertThat(latest.version()).isEqualTo(1 + applied.size());
      assertThat(applied.get(applied.size() - 1)).isEqualTo(latest.version());

      await()
          .atMost(Duration.ofSeconds(30))
          .until(
              () -> {
                List<TenantSnapshot> s = snapshots(changelog, tenant.id());
                return !s.isEmpty() && s.get(s.size() - 1).version() == latest.version();
              });
      List<TenantSnapshot> published = snapshots(changelog, tenant.id());
      assertThat(published)
          .extracting(TenantSnapshot::version)
          .isSortedAccordingTo(Long::compare)
          .doesNotHaveDuplicates()
          .containsExactlyElementsOf(versions(1, latest.version()));
      TenantSnapshot last = published.get(published.size() - 1);
      assertThat(last.businessName()).isEqualTo(latest.businessName());
      assertThat(last.active()).isEqualTo(latest.active());
    }
  }

  @Test
  void aChangeWithAStaleIfMatchVersionIsRefusedAndChangesNothing() {
    Tenant tenant = newTenant();
    patch(tenant.id(), "{\"businessName\":\"Moda\"}", "\"1\"")
        .expectStatus()
        .isOk()
        .expectBody()
        .jsonPath("$.version")
        .isEqualTo(2);

    patch(tenant.id(), "{\"businessName\":\"Stale\"}", "\"1\"")
        .expectStatus()
        .isEqualTo(412)
        .expectHeader()
        .contentType(MediaType.APPLICATION_PROBLEM_JSON)
        .expectBody()
        .jsonPath("$.currentVersion")
        .isEqualTo(2);
    patch(tenant.id(), "{\"businessName\":\"Stale\"}", "not-a-version")
        .expectStatus()
        .isBadRequest()
        .expectBody()
        .jsonPath("$.field")
        .isEqualTo("If-Match");

    Tenant after = directory.findById(tenant.id()).block(Duration.ofSeconds(5));
    assertThat(after.version()).isEqualTo(2);
    assertThat(after.businessName()).isEqualTo("Moda");
  }

  private static List<Long> versions(long from, long to) {
    return java.util.stream.LongStream.rangeClosed(from, to).boxed().toList();
  }

  record Result(HttpStatusCode status, JsonNode body) {}

  private Result patchResult(UUID id, String body) {
    var result =
        http.patch()
            .uri("/api/tenants/" + id)
            .header("Authorization", ADMIN)
            .contentType(MediaType.APPLICATION_JSON)
            .bodyValue(body)
            .exchange()
            .expectBody(JsonNode.class)
            .returnResult();
    return new Result(result.getStatus(), result.getResponseBody());
  }

  private Result post(UUID id, String action) {
    var result =
        http.post()
            .uri("/api/tenants/" + id + "/" + action)
            .header("Authorization", ADMIN)
            .exchange()
            .expectBody(JsonNode.class)
            .returnResult();
    return new Result(result.getStatus(), result.getResponseBody());
  }

  private WebTestClient.ResponseSpec patch(UUID id, String body) {
    return patch(id, body, null);
  }

  private WebTestClient.ResponseSpec patch(UUID id, String body, String ifMatch) {
    var request =
        http.patch()
            .uri("/api/tenants/" + id)
            .header("Authorization", ADMIN)
            .contentType(MediaType.APPLICATION_JSON);
    if (ifMatch != null) {
      request = request.header("If-Match", ifMatch);
    }
    return request.bodyValue(body).exchange();
  }

  /** The tenant's outbox rows not yet published, read in its row-level-security context. */
  private long unpublished(UUID tenantId) {
    return scope
        .one(
            tenantId,
            db ->
                db.sql(
                        "SELECT count(*) AS n FROM tenant_outbox"
                            + " WHERE tenant_id = :t AND published_at IS NULL")
                    .bind("t", tenantId)
                    .map(row -> row.get("n", Long.class))
                    .one())
        .block(Duration.ofSeconds(5));
  }

  private static KafkaTemplate<String, TenantChangelogRecord> unreachableBroker() {
    return new KafkaTemplate<>(
        new DefaultKafkaProducerFactory<>(
            Map.<String, Object>of(
                ProducerConfig.BOOTSTRAP_SERVERS_CONFIG, "127.0.0.1:9",
                ProducerConfig.MAX_BLOCK_MS_CONFIG, 1000,
                ProducerConfig.REQUEST_TIMEOUT_MS_CONFIG, 1000,
                ProducerConfig.DELIVERY_TIMEOUT_MS_CONFIG, 1500,
                ProducerConfig.LINGER_MS_CONFIG, 0),
            new StringSerializer(),
            WireSerdes.<TenantChangelogRecord>valueSerializer()));
  }

  private static TopicReader<TenantChangelogRecord> changelogReader() {
    return new TopicReader<>(
        TENANT_CHANGELOG.name(), WireSerdes.valueDeserializer(TENANT_CHANGELOG));
  }

  private static List<TenantSnapshot> snapshots(
      TopicReader<TenantChangelogRecord> reader, UUID tenantId) {
    return reader.poll().stream()
        .map(r -> (TenantSnapshot) r.value())
        .filter(s -> s.tenantId().equals(tenantId))
        .toList();
  }

  private Tenant newTenant() {
    String number =
        Long.toString(400_000_000_000_000L + ThreadLocalRandom.current().nextLong(1_000_000_000L));
    return directory.getOrCreate(number, null).block(Duration.ofSeconds(10)).tenant();
  }
}
