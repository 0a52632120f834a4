package io.sahabot.tenant.api;

import static io.sahabot.schemas.topics.Topics.TENANT_CHANGELOG;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import io.sahabot.platform.kafka.WireSerdes;
import io.sahabot.schemas.tenant.TenantSnapshot;
import io.sahabot.tenant.enrichment.TopicReader;
import io.sahabot.tenant.provisioning.Tenant;
import io.sahabot.tenant.provisioning.TenantDirectory;
import io.sahabot.testsupport.IntegrationTest;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.time.Duration;
import java.time.LocalDate;
import java.util.List;
import java.util.concurrent.ThreadLocalRandom;
import okhttp3.mockwebserver.Dispatcher;
import okhttp3.mockwebserver.MockResponse;
import okhttp3.mockwebserver.MockWebServer;
import okhttp3.mockwebserver.RecordedRequest;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.http.MediaType;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;
import org.springframework.test.web.reactive.server.WebTestClient;

/**
 * The owner's settings changes (sent by agent-service once confirmed in chat, or through the tenant
 * API) on the real database and broker, with a stub reservation-service that knows one booking on
 * "Saha 2": the change goes through the outbox to {@code tenant.changelog}; a field with bookings
 * to come is not removed; a rename keeps the field's id; a newly closed date lists its bookings.
 */
@IntegrationTest
class OwnerSettingsIT {

  static final String AGENT = "Bearer local-agent-token";
  static final String ADMIN = "Bearer local-admin-token";
  static final MockWebServer RESERVATIONS = new MockWebServer();

  /** Whether reservation-service has Saha 2's booking to come (until it is cancelled). */
  static final java.util.concurrent.atomic.AtomicBoolean SAHA_2_BOOKED =
      new java.util.concurrent.atomic.AtomicBoolean(true);

  static final String BOOKING =
      """
      {"from":"%1$s","to":"%1$s","timeZone":"Europe/Istanbul","reservations":[
        {"id":41,"field":"Saha 2","customer":{"name":"Ahmet","phone":"905454031918"},
         "start":"%1$sT17:00:00Z","end":"%1$sT18:00:00Z","status":"active",
         "price":"1000.00","currency":"TRY"}]}
      """;
  static final String NONE =
      """
      {"from":"2030-01-01","to":"2030-01-01","timeZone":"Europe/Istanbul","reservations":[]}
      """;

  static {
    RESERVATIONS.setDispatcher(
        new Dispatcher() {
          @Override
          public MockResponse dispatch(RecordedRequest request) {
            String path = request.getPath();
            String day = LocalDate.now().plusDays(5).toString();
            boolean booked =
                (path.contains("fieldId=Saha%202") && SAHA_2_BOOKED.get())
                    || (!path.contains("fieldId") && path.contains("from=" + day));
            return new MockResponse()
                .setHeader("Content-Type", "application/json")
                .setBody(booked ? BOOKING.formatted(day) : NONE);
          }
        });
    try {
      RESERVATIONS.start();
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  @DynamicPropertySource
  static void reservationService(DynamicPropertyRegistry registry) {
    registry.add("sahabot.tenant.reservation-service-url", () -> RESERVATIONS.url("/").toString());
  }

  @AfterAll
  static void stop() throws IOException {
    RESERVATIONS.shutdown();
  }

  @LocalServerPort int port;
  @Autowired TenantDirectory directory;
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
  void anOwnersPriceChangeFromTheAgentIsPublishedWithTheNextVersion() {
    Tenant tenant = newTenant();
    try (var changelog =
        new TopicReader<>(
            TENANT_CHANGELOG.name(), WireSerdes.valueDeserializer(TENANT_CHANGELOG))) {
      http.patch()
          .uri("/internal/tenants/" + tenant.id() + "/settings")
          .header("Authorization", AGENT)
          .contentType(MediaType.APPLICATION_JSON)
          .bodyValue(
              """
              {"settings":{"pricePerHour":1200},"causationId":"wamid.owner-1"}
              """)
          .exchange()
          .expectStatus()
          .isOk()
          .expectBody()
          .jsonPath("$.settings.pricePerHour")
          .isEqualTo(1200)
          .jsonPath("$.version")
          .isEqualTo(2);

      await().atMost(Duration.ofSeconds(30)).until(() -> snapshots(changelog, tenant).size() == 2);
      TenantSnapshot published = snapshots(changelog, tenant).get(1);
      assertThat(published.settings().pricePerHour()).isEqualByComparingTo("1200");
      assertThat(published.causationId()).isEqualTo("wamid.owner-1");
    }
  }

  @Test
  void theAgentMayNotChangeTheOperatorsSettings() {
    Tenant tenant = newTenant();
    http.patch()
        .uri("/internal/tenants/" + tenant.id() + "/settings")
        .header("Authorization", AGENT)
        .contentType(MediaType.APPLICATION_JSON)
        .bodyValue("{\"settings\":{\"monthlyTokenBudget\":1}}")
        .exchange()
        .expectStatus()
        .isForbidden();
  }

  @Test
  void aFieldWithBookingsToComeIsNotRemovedAndTheAnswerListsThem() {
    Tenant tenant = newTenant();
    patch(tenant, "{\"settings\":{\"fields\":[\"Saha 1\",\"Saha 2\"]}}").isOk();

    patch(
            tenant,
            """
            {"settings":{"fieldDetails":[{"id":"Saha 1","name":"Saha 1"}]}}
            """)
        .isEqualTo(409)
        .expectBody()
        .jsonPath("$.type")
        .isEqualTo("https://sahabot.io/problems/field-has-bookings")
        .jsonPath("$.field")
        .isEqualTo("Saha 2")
        .jsonPath("$.reservations[0].id")
        .isEqualTo(41);

    assertThat(directory.findById(tenant.id()).block(Duration.ofSeconds(10)).settings().fields())
        .containsExactly("Saha 1", "Saha 2");
  }

  @Test
  void aFieldIsRemovedOnceItsBookingsAreCancelledAndTheRemovalIsPublished() {
    Tenant tenant = newTenant();
    patch(tenant, "{\"settings\":{\"fields\":[\"Saha 1\",\"Saha 2\"]}}").isOk();
    String removal =
        """
        {"settings":{"fieldDetails":[{"id":"Saha 1","name":"Saha 1"}]}}
        """;
    patch(tenant, removal).isEqualTo(409);

    try (var changelog =
        new TopicReader<>(
            TENANT_CHANGELOG.name(), WireSerdes.valueDeserializer(TENANT_CHANGELOG))) {
      SAHA_2_BOOKED.set(false); // its booking was cancelled
      patch(tenant, removal).isOk();

      await()
          .atMost(Duration.ofSeconds(30))
          .until(
              () ->
                  snapshots(changelog, tenant).stream()
                      .anyMatch(t -> t.settings().fields().equals(List.of("Saha 1"))));
      assertThat(directory.findById(tenant.id()).block(Duration.ofSeconds(10)).settings().fields())
          .containsExactly("Saha 1");
    } finally {
      SAHA_2_BOOKED.set(true);
    }
  }

  @Test
  void aRenameKeepsTheFieldsIdSizeAndPrice() {
    Tenant tenant = newTenant();
    patch(
            tenant,
            """
            {"settings":{"fieldDetails":[
              {"id":"Saha 1","name":"Ana Saha","size":"7+7","pricePerHour":1500},
              {"name":"Küçük Saha","size":"5+5"}]}}
            """)
        .isOk()
        .expectBody()
        .jsonPath("$.settings.fields[0]")
        .isEqualTo("Ana Saha")
        .jsonPath("$.settings.fieldDetails[0].id")
        .isEqualTo("Saha 1")
        .jsonPath("$.settings.fieldDetails[1].id")
        .isEqualTo("Küçük Saha");

    // the older API by names: a name the business has keeps its field (id, size, price)
    patch(tenant, "{\"settings\":{\"fields\":[\"Ana Saha\",\"Küçük Saha\"]}}")
        .isOk()
        .expectBody()
        .jsonPath("$.settings.fieldDetails[0].id")
        .isEqualTo("Saha 1")
        .jsonPath("$.settings.fieldDetails[0].pricePerHour")
        .isEqualTo(1500);
  }

  @Test
  void aNewlyClosedDateKeepsItsBookingsAndListsThem() {
    Tenant tenant = newTenant();
    String day = LocalDate.now().plusDays(5).toString();

    patch(
            tenant,
            """
            {"settings":{"specialDays":[{"from":"%s","note":"Yılbaşı"}]}}
            """
                .formatted(day))
        .isOk()
        .expectBody()
        .jsonPath("$.settings.specialDays[0].to")
        .isEqualTo(day)
        .jsonPath("$.onClosedDates[0].id")
        .isEqualTo(41)
        .jsonPath("$.onClosedDates[0].status")
        .isEqualTo("active");
  }

  private org.springframework.test.web.reactive.server.StatusAssertions patch(
      Tenant tenant, String body) {
    return http.patch()
        .uri("/api/tenants/" + tenant.id())
        .header("Authorization", ADMIN)
        .contentType(MediaType.APPLICATION_JSON)
        .bodyValue(body)
        .exchange()
        .expectStatus();
  }

  private static List<TenantSnapshot> snapshots(TopicReader<?> reader, Tenant tenant) {
    return reader.poll().stream()
        .map(r -> (TenantSnapshot) r.value())
        .filter(s -> s.tenantId().equals(tenant.id()))
        .toList();
  }

  private Tenant newTenant() {
    String number =
        Long.toString(320_000_000_000_000L + ThreadLocalRandom.current().nextLong(1_000_000_000L));
    return directory.getOrCreate(number, null).block(Duration.ofSeconds(10)).tenant();
  }
}
