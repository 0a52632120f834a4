package io.sahabot.agent.usage;

import static org.assertj.core.api.Assertions.assertThat;

import io.sahabot.agent.memory.AgentDatabase;
import io.sahabot.agent.memory.ConversationMemories;
import io.sahabot.agent.memory.PostgresChatMemoryStore;
import io.sahabot.agent.model.OpenAiModelFactory;
import io.sahabot.testsupport.IntegrationTest;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.SQLException;
import java.sql.Timestamp;
import java.time.Duration;
import java.time.Instant;
import java.time.YearMonth;
import java.time.ZoneOffset;
import java.util.UUID;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.http.MediaType;
import org.springframework.test.annotation.DirtiesContext;
import org.springframework.test.web.reactive.server.WebTestClient;

/** The usage endpoint in the running service, on the shared database. */
@IntegrationTest
// every context of this module consumes in the same groups (agent-service, the notifier's): closed
// after its class, so that the next class's context gets every partition
@DirtiesContext
class UsageControllerIT {

  private static final String TOKEN = "Bearer local-tenant-service-token";

  @LocalServerPort int port;
  @Autowired TokenUsageRecorder recorder;
  @Autowired ConversationMemories memories;
  @Autowired PostgresChatMemoryStore store;
  @Autowired OpenAiModelFactory openAi;

  private WebTestClient client() {
    // generous: the first request of a fresh context on a busy 2-core machine can take seconds
    return WebTestClient.bindToServer()
        .baseUrl("http://localhost:" + port)
        .responseTimeout(Duration.ofSeconds(30))
        .build();
  }

  @Test
  void answersATenantsMonthWithTheInternalToken() throws SQLException {
    UUID tenant = AgentDatabase.newTenant();
    insertAt(tenant, "2025-11-03T08:00:00Z", 1200, 300, "0.070000");
    insertAt(tenant, "2025-11-30T23:59:59Z", 800, 200, "0.050000");
    insertAt(tenant, "2025-12-01T00:00:00Z", 5, 5, "1.000000");

    client()
        .get()
        .uri("/internal/tenants/{tenant}/usage?month=2025-11", tenant)
        .header("Authorization", TOKEN)
        .exchange()
        .expectStatus()
        .isOk()
        .expectBody()
        .json(
            "{\"month\":\"2025-11\",\"inputTokens\":2000,\"outputTokens\":500,\"cost\":\"0.12\","
                + "\"reminders\":{\"told\":0,\"read\":0},"
                + "\"confirmations\":{\"told\":0,\"read\":0}}",
            org.springframework.test.json.JsonCompareMode.STRICT);
  }

  @Test
  void withoutAMonthAnswersTheCurrentOneWithWhatTheRecorderRecorded() {
    UUID tenant = AgentDatabase.newTenant();
    recorder.record(tenant, "905454031918", "wamid.X", "offline", 70, 30).block();

    client()
        .get()
        .uri("/internal/tenants/{tenant}/usage", tenant)
        .header("Authorization", TOKEN)
        .exchange()
        .expectStatus()
        .isOk()
        .expectBody()
        .jsonPath("$.month")
        .isEqualTo(YearMonth.now(ZoneOffset.UTC).toString())
        .jsonPath("$.inputTokens")
        .isEqualTo(70)
        .jsonPath("$.outputTokens")
        .isEqualTo(30)
        .jsonPath("$.cost")
        .isEqualTo("0.00");
  }

  @Test
  void saysHowManyOfTheMonthsRemindersAndConfirmationsWereRead() throws SQLException {
    UUID tenant = AgentDatabase.newTenant();
    // reminders: one read, one delivered only, one whose fallback template was read
    told(tenant, "reminder:1:100", "905551110001", "r-read", "2025-11-03T08:00:00Z");
    told(tenant, "reminder:2:200", "905551110002", "r-delivered", "2025-11-04T08:00:00Z");
    told(tenant, "reminder:3:300", "905551110003", "r-fallback", "2025-11-05T08:00:00Z");
    // confirmations: one played (a voice note counts as read), one with no status yet
    told(tenant, "cmd-1", "905551110001", "c-played", "2025-11-03T09:00:00Z");
    told(tenant, "cmd-2", "905551110002", "c-none", "2025-11-06T09:00:00Z");
    // another month, and a claim with no outbound id: not counted
    told(tenant, "cmd-3", "905551110003", "c-december", "2025-12-01T00:00:00Z");
    told(tenant, "cmd-4", "905551110004", "", "2025-11-07T09:00:00Z");
    status(tenant, "r-read", "read");
    status(tenant, "r-delivered", "delivered");
    status(tenant, "r-fallback:fallback", "read");
    status(tenant, "c-played", "played");
    status(tenant, "c-december", "read");

    client()
        .get()
        .uri("/internal/tenants/{tenant}/usage?month=2025-11", tenant)
        .header("Authorization", TOKEN)
        .exchange()
        .expectStatus()
        .isOk()
        .expectBody()
        .jsonPath("$.reminders.told")
        .isEqualTo(3)
        .jsonPath("$.reminders.read")
        .isEqualTo(2)
        .jsonPath("$.confirmations.told")
        .isEqualTo(2)
        .jsonPath("$.confirmations.read")
        .isEqualTo(1);
  }

  private static void told(UUID tenant, String key, String recipient, String outbound, String at)
      throws SQLException {
    try (Connection c = AgentDatabase.database().connectAsOwner();
        PreparedStatement s =
            c.prepareStatement(
                "INSERT INTO told_outcomes (tenant_id, outcome_key, recipient, claimed_by,"
                    + " outbound_id, claimed_at) VALUES (?, ?, ?, 'notifier', ?, ?)")) {
      s.setObject(1, tenant);
      s.setString(2, key);
      s.setString(3, recipient);
      s.setString(4, outbound);
      s.setTimestamp(5, Timestamp.from(Instant.parse(at)));
      s.executeUpdate();
    }
  }

  private static void status(UUID tenant, String eventId, String status) throws SQLException {
    try (Connection c = AgentDatabase.database().connectAsOwner();
        PreparedStatement s =
            c.prepareStatement(
                "INSERT INTO outbound_statuses (tenant_id, wamid, event_id, status, status_rank,"
                    + " status_at) VALUES (?, ?, ?, ?, 3, now())")) {
      s.setObject(1, tenant);
      s.setString(2, "wamid." + UUID.randomUUID());
      s.setString(3, eventId);
      s.setString(4, status);
      s.executeUpdate();
    }
  }

  @Test
  void refusesARequestWithoutTheInternalToken() {
    UUID tenant = AgentDatabase.newTenant();

    client()
        .get()
        .uri("/internal/tenants/{tenant}/usage?month=2025-11", tenant)
        .exchange()
        .expectStatus()
        .isUnauthorized();
    client()
        .get()
        .uri("/internal/tenants/{tenant}/usage?month=2025-11", tenant)
        .header("Authorization", "Bearer local-admin-token")
        .exchange()
        .expectStatus()
        .isForbidden();
  }

  @Test
  void aBadMonthOrTenantIsABadRequestProblem() {
    UUID tenant = AgentDatabase.newTenant();

    client()
        .get()
        .uri("/internal/tenants/{tenant}/usage?month=2025-13", tenant)
        .header("Authorization", TOKEN)
        .exchange()
        .expectStatus()
        .isBadRequest()
        .expectHeader()
        .contentTypeCompatibleWith(MediaType.APPLICATION_PROBLEM_JSON)
        .expectBody()
        .jsonPath("$.status")
        .isEqualTo(400)
        .jsonPath("$.detail")
        .value(detail -> assertThat(detail.toString()).contains("YYYY-MM"));
    client()
        .get()
        .uri("/internal/tenants/not-a-tenant/usage?month=2025-11")
        .header("Authorization", TOKEN)
        .exchange()
        .expectStatus()
        .isBadRequest();
  }

  @Test
  void theMemoryAndModelBeansAreWiredWithTheirDefaults() {
    assertThat(memories.provider()).isNotNull();
    assertThat(store).isNotNull();
    assertThat(openAi.properties().baseUrl()).isEqualTo("https://api.openai.com/v1");
    assertThat(openAi.properties().modelName()).isEqualTo("gpt-4o-mini");
    assertThat(openAi.properties().maxRetries()).isEqualTo(2);
  }

  private static void insertAt(UUID tenant, String at, int in, int out, String cost)
      throws SQLException {
    try (Connection c = AgentDatabase.database().connectAsOwner();
        PreparedStatement s =
            c.prepareStatement(
                "INSERT INTO token_usage (tenant_id, model, input_tokens, output_tokens, cost,"
                    + " created_at) VALUES (?, 'gpt-4o-mini', ?, ?, ?, ?)")) {
      s.setObject(1, tenant);
      s.setInt(2, in);
      s.setInt(3, out);
      s.setBigDecimal(4, new java.math.BigDecimal(cost));
      s.setTimestamp(5, Timestamp.from(Instant.parse(at)));
      s.executeUpdate();
    }
  }
}
