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
import io.sahabot.testsupport.SahaBotInfrastructure;
import java.nio.charset.StandardCharsets;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;
import java.util.concurrent.ThreadLocalRandom;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.http.MediaType;
import org.springframework.test.web.reactive.server.WebTestClient;
import tools.jackson.databind.JsonNode;

/** The tenant API over HTTP, on the real database and broker: auth rules, validation, changes. */
@IntegrationTest
class TenantApiIT {

  static final String ADMIN = "Bearer local-admin-token";
  static final String INGRESS = "Bearer local-ingress-token";

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
  void withoutATokenTheApiAnswers401() {
    Tenant tenant = newTenant();
    http.get().uri("/api/tenants").exchange().expectStatus().isUnauthorized();
    http.get()
        .uri("/api/tenants/" + tenant.id())
        .header("Authorization", "Bearer wrong")
        .exchange()
        .expectStatus()
        .isUnauthorized()
        .expectHeader()
        .contentType(MediaType.APPLICATION_PROBLEM_JSON);
    http.get()
        .uri("/api/tenants/" + tenant.id())
        .header("Authorization", "Bearer sk_not-a-key")
        .exchange()
        .expectStatus()
        .isUnauthorized();
  }

  @Test
  void aTenantKeyReachesOnlyItsOwnTenant() {
    Tenant mine = newTenant();
    Tenant other = newTenant();
    String key = createKey(mine);

    http.get()
        .uri("/api/tenants/" + mine.id())
        .header("Authorization", "Bearer " + key)
        .exchange()
        .expectStatus()
        .isOk()
        .expectBody()
        .jsonPath("$.id")
        .isEqualTo(mine.id().toString());
    http.get()
        .uri("/api/tenants/" + other.id())
        .header("Authorization", "Bearer " + key)
        .exchange()
        .expectStatus()
        .isForbidden();
    http.get()
        .uri("/api/tenants")
        .header("Authorization", "Bearer " + key)
        .exchange()
        .expectStatus()
        .isForbidden();
    http.post()
        .uri("/api/tenants/" + mine.id() + "/deactivate")
        .header("Authorization", "Bearer " + key)
        .exchange()
        .expectStatus()
        .isForbidden();
    http.post()
        .uri("/api/tenants/" + mine.id() + "/api-keys")
        .header("Authorization", "Bearer " + key)
        .contentType(MediaType.APPLICATION_JSON)
        .bodyValue("{\"name\":\"x\"}")
        .exchange()
        .expectStatus()
        .isForbidden();
  }

  @Test
  void theTokenBudgetIsTheOperatorsAndATenantKeyCannotChangeIt() {
    Tenant tenant = newTenant();
    String key = createKey(tenant);

    http.patch()
        .uri("/api/tenants/" + tenant.id())
        .header("Authorization", ADMIN)
        .contentType(MediaType.APPLICATION_JSON)
        .bodyValue("{\"settings\":{\"monthlyTokenBudget\":1000}}")
        .exchange()
        .expectStatus()
        .isOk();
    http.patch()
        .uri("/api/tenants/" + tenant.id())
        .header("Authorization", "Bearer " + key)
        .contentType(MediaType.APPLICATION_JSON)
        .bodyValue("{\"settings\":{\"monthlyTokenBudget\":999999999}}")
        .exchange()
        .expectStatus()
        .isForbidden();
    // the tenant's own settings, with the budget sent back unchanged, are the tenant's to change
    http.patch()
        .uri("/api/tenants/" + tenant.id())
        .header("Authorization", "Bearer " + key)
        .contentType(MediaType.APPLICATION_JSON)
        .bodyValue("{\"settings\":{\"monthlyTokenBudget\":1000,\"language\":\"en\"}}")
        .exchange()
        .expectStatus()
        .isOk()
        .expectBody()
        .jsonPath("$.settings.monthlyTokenBudget")
        .isEqualTo(1000)
        .jsonPath("$.settings.language")
        .isEqualTo("en");
  }

  @Test
  void aKeyIsShownOnceStoredHashedListedAndRevoked() throws Exception {
    Tenant tenant = newTenant();
    String key = createKey(tenant);

    assertThat(key).startsWith("sk_").hasSizeGreaterThan(40);
    assertThat(
            ownerQuery(
                "SELECT count(*) FROM tenant_api_keys WHERE key_hash = ? OR key_prefix = ?", key))
        .isZero();
    JsonNode keys =
        http.get()
            .uri("/api/tenants/" + tenant.id() + "/api-keys")
            .header("Authorization", ADMIN)
            .exchange()
            .expectStatus()
            .isOk()
            .expectBody(JsonNode.class)
            .returnResult()
            .getResponseBody();
    assertThat(keys).hasSize(1);
    assertThat(keys.get(0).path("prefix").asString()).isEqualTo(key.substring(0, 10));
    assertThat(keys.toString()).doesNotContain(key);

    http.delete()
        .uri("/api/tenants/" + tenant.id() + "/api-keys/" + keys.get(0).path("id").asString())
        .header("Authorization", ADMIN)
        .exchange()
        .expectStatus()
        .isNoContent();
    http.get()
        .uri("/api/tenants/" + tenant.id())
        .header("Authorization", "Bearer " + key)
        .exchange()
        .expectStatus()
        .isUnauthorized();
  }

  @Test
  void operatorsListTenantsByPageAndActiveOnly() {
    Tenant active = newTenant();
    Tenant inactive = newTenant();
    http.post()
        .uri("/api/tenants/" + inactive.id() + "/deactivate")
        .header("Authorization", ADMIN)
        .exchange()
        .expectStatus()
        .isOk()
        .expectBody()
        .jsonPath("$.active")
        .isEqualTo(false);

    http.get()
        .uri("/api/tenants?page=0&size=1")
        .header("Authorization", ADMIN)
        .exchange()
        .expectStatus()
        .isOk()
        .expectBody()
        .jsonPath("$.items.length()")
        .isEqualTo(1)
        .jsonPath("$.size")
        .isEqualTo(1);
    List<String> all = ids(false);
    List<String> activeOnly = ids(true);
    assertThat(all).contains(active.id().toString(), inactive.id().toString());
    assertThat(activeOnly)
        .contains(active.id().toString())
        .doesNotContain(inactive.id().toString());
    http.get()
        .uri("/api/tenants?size=0")
        .header("Authorization", ADMIN)
        .exchange()
        .expectStatus()
        .isBadRequest()
        .expectBody()
        .jsonPath("$.field")
        .isEqualTo("size");
  }

  @Test
  void aChangeOfSettingsIsSavedAndPublishedWithTheNextVersion() {
    Tenant tenant = newTenant();
    try (var changelog =
        new TopicReader<>(
            TENANT_CHANGELOG.name(), WireSerdes.valueDeserializer(TENANT_CHANGELOG))) {
      http.patch()
          .uri("/api/tenants/" + tenant.id())
          .header("Authorization", ADMIN)
          .contentType(MediaType.APPLICATION_JSON)
          .bodyValue(
              """
              {"businessName":"Moda Halı Saha",
               "settings":{"timeZone":"Europe/Berlin","currency":"EUR","pricePerHour":80,
                           "adminNumbers":["905321112233"],"fields":["Saha 1","Saha 2"]}}
              """)
          .exchange()
          .expectStatus()
          .isOk()
          .expectBody()
          .jsonPath("$.businessName")
          .isEqualTo("Moda Halı Saha")
          .jsonPath("$.settings.timeZone")
          .isEqualTo("Europe/Berlin")
          .jsonPath("$.settings.language")
          .isEqualTo("tr")
          .jsonPath("$.version")
          .isEqualTo(2);

      // version 1 (provisioning) and 2 (this change), from the outbox, in order
      await().atMost(Duration.ofSeconds(30)).until(() -> snapshots(changelog, tenant).size() == 2);
      assertThat(snapshots(changelog, tenant))
          .extracting(TenantSnapshot::version)
          .containsExactly(1L, 2L);
      TenantSnapshot snapshot = snapshots(changelog, tenant).get(1);
      assertThat(snapshot.version()).isEqualTo(2);
      assertThat(snapshot.businessName()).isEqualTo("Moda Halı Saha");
      assertThat(snapshot.settings().currency()).isEqualTo("EUR");
      assertThat(snapshot.settings().fields()).containsExactly("Saha 1", "Saha 2");
    }
  }

  @ParameterizedTest
  @CsvSource(
      delimiter = '|',
      value = {
        "{\"settings\":{\"timeZone\":\"Mars/Olympus\"}}|timeZone",
        "{\"settings\":{\"currency\":\"XYZ1\"}}|currency",
        "{\"settings\":{\"pricePerHour\":-5}}|pricePerHour",
        "{\"settings\":{\"adminNumbers\":[\"+90 532 111\"]}}|adminNumbers[0]",
        "{\"settings\":{\"openingHours\":{\"MONDAY\":{\"open\":\"22:00\",\"close\":\"22:00\"}}}}|openingHours.close",
        "{\"settings\":{\"openingHours\":{\"MONDAY\":{\"open\":\"25:00\",\"close\":\"23:00\"}}}}|openingHours.open",
        "{\"settings\":{\"slotMinutes\":5}}|slotMinutes",
        "{\"businessName\":\"  \"}|businessName"
      })
  void invalidInputIs400NamingTheFieldAndChangesNothing(String body, String field) {
    Tenant tenant = newTenant();

    http.patch()
        .uri("/api/tenants/" + tenant.id())
        .header("Authorization", ADMIN)
        .contentType(MediaType.APPLICATION_JSON)
        .bodyValue(body)
        .exchange()
        .expectStatus()
        .isBadRequest()
        .expectHeader()
        .contentType(MediaType.APPLICATION_PROBLEM_JSON)
        .expectBody()
        .jsonPath("$.field")
        .isEqualTo(field)
        .jsonPath("$.status")
        .isEqualTo(400);

    Tenant after = directory.findById(tenant.id()).block(Duration.ofSeconds(5));
    assertThat(after.version()).isEqualTo(tenant.version());
    assertThat(after.settings()).isEqualTo(tenant.settings());
  }

  @Test
  void aTenantsWhatsAppTokenIsStoredEncryptedAndGivenOnlyToTheSender() throws Exception {
    Tenant tenant = newTenant();
    String token = "EAAG-secret-" + UUID.randomUUID();

    http.put()
        .uri("/api/tenants/" + tenant.id() + "/whatsapp-token")
        .header("Authorization", ADMIN)
        .contentType(MediaType.APPLICATION_JSON)
        .bodyValue("{\"accessToken\":\"" + token + "\"}")
        .exchange()
        .expectStatus()
        .isNoContent();

    String view =
        http.get()
            .uri("/api/tenants/" + tenant.id())
            .header("Authorization", ADMIN)
            .exchange()
            .expectStatus()
            .isOk()
            .expectBody(String.class)
            .returnResult()
            .getResponseBody();
    assertThat(view).doesNotContain(token);
    assertThat(storedCiphertext(tenant)).doesNotContain(token);
    String path = "/internal/tenants/by-phone-number/" + tenant.phoneNumberId() + "/whatsapp-token";
    http.get().uri(path).exchange().expectStatus().isUnauthorized();
    // the operators' token, and any other service's, may not read a tenant's WhatsApp token
    http.get().uri(path).header("Authorization", ADMIN).exchange().expectStatus().isForbidden();
    // the agent is a known caller here (owners' settings changes), but not of this route
    http.get()
        .uri(path)
        .header("Authorization", "Bearer local-agent-token")
        .exchange()
        .expectStatus()
        .isForbidden();
    http.get()
        .uri(path)
        .header("Authorization", INGRESS)
        .exchange()
        .expectStatus()
        .isOk()
        .expectBody()
        .jsonPath("$.accessToken")
        .isEqualTo(token)
        .jsonPath("$.tenantId")
        .isEqualTo(tenant.id().toString());
  }

  @Test
  void theSenderLearnsWhoseANumberIsWithOrWithoutAnOwnToken() {
    Tenant without = newTenant();

    http.get()
        .uri("/internal/tenants/by-phone-number/" + without.phoneNumberId() + "/whatsapp-token")
        .header("Authorization", INGRESS)
        .exchange()
        .expectStatus()
        .isOk()
        .expectBody()
        .jsonPath("$.tenantId")
        .isEqualTo(without.id().toString())
        .jsonPath("$.accessToken")
        .doesNotExist();
    http.get()
        .uri("/internal/tenants/by-phone-number/" + "4" + System.nanoTime() + "/whatsapp-token")
        .header("Authorization", INGRESS)
        .exchange()
        .expectStatus()
        .isNotFound();
  }

  @Test
  void statsAndUsageAre503WhenTheOtherServicesAreDown() {
    Tenant tenant = newTenant();

    http.get()
        .uri("/api/tenants/" + tenant.id() + "/stats")
        .header("Authorization", ADMIN)
        .exchange()
        .expectStatus()
        .isEqualTo(503)
        .expectHeader()
        .contentType(MediaType.APPLICATION_PROBLEM_JSON);
    http.get()
        .uri("/api/tenants/" + tenant.id() + "/usage?month=2026-11")
        .header("Authorization", ADMIN)
        .exchange()
        .expectStatus()
        .isEqualTo(503);
    http.get()
        .uri("/api/tenants/" + tenant.id() + "/usage?month=11-2026")
        .header("Authorization", ADMIN)
        .exchange()
        .expectStatus()
        .isBadRequest()
        .expectBody()
        .jsonPath("$.field")
        .isEqualTo("month");
  }

  @Test
  void servesItsOpenApiDocument() {
    http.get()
        .uri("/v3/api-docs")
        .exchange()
        .expectStatus()
        .isOk()
        .expectBody(String.class)
        .value(doc -> assertThat(doc).contains("/api/tenants/{id}").contains("SahaBot tenant API"));
  }

  @Test
  void anUnknownTenantIs404() {
    http.get()
        .uri("/api/tenants/" + UUID.randomUUID())
        .header("Authorization", ADMIN)
        .exchange()
        .expectStatus()
        .isNotFound();
  }

  private List<String> ids(boolean activeOnly) {
    List<String> ids = new ArrayList<>();
    for (int page = 0; ; page++) {
      JsonNode body =
          http.get()
              .uri("/api/tenants?size=200&active=" + activeOnly + "&page=" + page)
              .header("Authorization", ADMIN)
              .exchange()
              .expectStatus()
              .isOk()
              .expectBody(JsonNode.class)
              .returnResult()
              .getResponseBody();
      body.path("items").forEach(t -> ids.add(t.path("id").asString()));
      if (body.path("items").size() < 200) {
        return ids;
      }
    }
  }

  private String createKey(Tenant tenant) {
    JsonNode created =
        http.post()
            .uri("/api/tenants/" + tenant.id() + "/api-keys")
            .header("Authorization", ADMIN)
            .contentType(MediaType.APPLICATION_JSON)
            .bodyValue("{\"name\":\"booking site\"}")
            .exchange()
            .expectStatus()
            .isCreated()
            .expectBody(JsonNode.class)
            .returnResult()
            .getResponseBody();
    return created.path("key").asString();
  }

  private static List<TenantSnapshot> snapshots(TopicReader<?> reader, Tenant tenant) {
    return reader.poll().stream()
        .map(r -> (TenantSnapshot) r.value())
        .filter(s -> s.tenantId().equals(tenant.id()))
        .toList();
  }

  private Tenant newTenant() {
    String number =
        Long.toString(300_000_000_000_000L + ThreadLocalRandom.current().nextLong(1_000_000_000L));
    return directory.getOrCreate(number, null).block(Duration.ofSeconds(10)).tenant();
  }

  private static long ownerQuery(String sql, String key) throws Exception {
    try (Connection c = SahaBotInfrastructure.get().database().connectAsOwner();
        PreparedStatement s = c.prepareStatement(sql)) {
      s.setString(1, key);
      s.setString(2, key);
      try (ResultSet rs = s.executeQuery()) {
        rs.next();
        return rs.getLong(1);
      }
    }
  }

  private static String storedCiphertext(Tenant tenant) throws Exception {
    try (Connection c = SahaBotInfrastructure.get().database().connectAsOwner();
        PreparedStatement s =
            c.prepareStatement(
                "SELECT ciphertext FROM tenant_whatsapp_tokens WHERE tenant_id = ?")) {
      s.setObject(1, tenant.id());
      try (ResultSet rs = s.executeQuery()) {
        assertThat(rs.next()).isTrue();
        return new String(rs.getBytes(1), StandardCharsets.ISO_8859_1);
      }
    }
  }
}
