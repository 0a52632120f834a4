package io.sahabot.agent.usage;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import dev.langchain4j.model.chat.ChatModel;
import dev.langchain4j.model.output.TokenUsage;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import io.sahabot.agent.memory.AgentDatabase;
import io.sahabot.agent.usage.UsageProperties.ModelPrice;
import io.sahabot.platform.db.TenantScope;
import java.math.BigDecimal;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Timestamp;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.YearMonth;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.junit.jupiter.api.Test;
import reactor.core.publisher.Flux;
import reactor.core.publisher.Mono;

/** Token usage on the real database, connected as the application role (RLS applies). */
class TokenUsageRecorderIT {

  private static final UsageProperties PRICES =
      UsageProperties.of(
          Map.of("gpt-4o-mini", new ModelPrice(new BigDecimal("0.15"), new BigDecimal("0.60"))));

  private final TenantScope scope = AgentDatabase.tenantScope();
  private final TokenUsageRecorder recorder = new TokenUsageRecorder(scope, PRICES);

  @Test
  void recordsACallWithItsCostAndSumsTheMonth() throws SQLException {
    UUID tenant = AgentDatabase.newTenant();

    recorder.record(tenant, "905454031918", "wamid.1", "gpt-4o-mini", 1200, 300).block();
    recorder.record(tenant, "905454031918", "wamid.1", "gpt-4o-mini", 1500, 100).block();
    recorder.record(tenant, null, null, "offline", 50, 20).block();
    MonthlyUsage month = recorder.currentMonth(tenant).block();

    assertThat(month.month()).isEqualTo(YearMonth.now(ZoneOffset.UTC).toString());
    assertThat(month.inputTokens()).isEqualTo(2750);
    assertThat(month.outputTokens()).isEqualTo(420);
    // 0.00036 + (1500 * 0.15 + 100 * 0.60) / 1e6 = 0.00036 + 0.000285
    assertThat(month.cost()).isEqualByComparingTo("0.000645");
    assertThat(storedRow(tenant, "wamid.1"))
        .isEqualTo("905454031918|gpt-4o-mini|1200|300|0.000360");
  }

  @Test
  void aMonthIsTheUtcCalendarMonth() throws SQLException {
    UUID tenant = AgentDatabase.newTenant();
    insertAt(tenant, "2025-02-28T23:59:59Z", 1, 1);
    insertAt(tenant, "2025-03-01T00:00:00Z", 10, 20);
    insertAt(tenant, "2025-03-31T23:59:59.999Z", 100, 200);
    insertAt(tenant, "2025-04-01T00:00:00Z", 1000, 1000);

    MonthlyUsage march = recorder.month(tenant, YearMonth.of(2025, 3)).block();
    MonthlyUsage empty = recorder.month(tenant, YearMonth.of(2024, 1)).block();

    assertThat(march).isEqualTo(new MonthlyUsage("2025-03", 110, 220, new BigDecimal("0.00")));
    assertThat(empty).isEqualTo(new MonthlyUsage("2024-01", 0, 0, BigDecimal.ZERO));
  }

  @Test
  void aTenantIsOverBudgetOnceItsTokensOfTheCurrentMonthReachIt() throws SQLException {
    UUID tenant = AgentDatabase.newTenant();
    insertAt(tenant, "2025-03-10T12:00:00Z", 600, 300);
    insertAt(tenant, "2025-02-10T12:00:00Z", 5000, 5000);
    TokenUsageRecorder inMarch =
        new TokenUsageRecorder(
            scope, PRICES, Clock.fixed(Instant.parse("2025-03-20T10:00:00Z"), ZoneOffset.UTC));

    assertThat(inMarch.overBudget(tenant, null).block()).isFalse();
    assertThat(inMarch.overBudget(tenant, 901L).block()).isFalse();
    assertThat(inMarch.overBudget(tenant, 900L).block()).isTrue();
    assertThat(inMarch.overBudget(tenant, 0L).block()).isTrue();
  }

  @Test
  void aTenantsMonthNeverIncludesAnotherTenantsUsage() {
    UUID tenantA = AgentDatabase.newTenant();
    UUID tenantB = AgentDatabase.newTenant();
    recorder.record(tenantA, "905454031918", "wamid.A", "gpt-4o-mini", 1000, 1000).block();

    MonthlyUsage ofB = recorder.currentMonth(tenantB).block();
    Long rowsVisibleToB =
        scope
            .one(
                tenantB,
                db ->
                    db.sql("SELECT count(*) AS n FROM token_usage WHERE message_id = 'wamid.A'")
                        .map(row -> row.get("n", Long.class))
                        .one())
            .block();

    assertThat(ofB.totalTokens()).isZero();
    assertThat(rowsVisibleToB).isZero();
  }

  @Test
  void aMeteredModelRecordsItsCallsForTheTurnInTheDatabase() {
    UUID tenant = AgentDatabase.newTenant();
    ChatModel model =
        new MeteredChatModel(
            MeteredChatModelTest.fake(new TokenUsage(400, 100)), recorder, "gpt-4o-mini");

    TurnAttribution.with(tenant, "905454031918", "wamid.T", () -> model.chat("Merhaba"));

    // the budget counts the call at once, the month once the queue was written
    assertThat(recorder.overBudget(tenant, 500L).block()).isTrue();
    await()
        .atMost(Duration.ofSeconds(30))
        .untilAsserted(
            () -> {
              MonthlyUsage month = recorder.currentMonth(tenant).block();
              assertThat(month.inputTokens()).isEqualTo(400);
              assertThat(month.outputTokens()).isEqualTo(100);
              assertThat(month.cost()).isEqualByComparingTo("0.00012");
            });
  }

  @Test
  void callsOfManyTenantsQueuedAtOnceAreAllWrittenEachUnderItsTenant() {
    List<UUID> tenants = List.of(AgentDatabase.newTenant(), AgentDatabase.newTenant());
    List<Mono<Void>> calls = new ArrayList<>();
    for (int i = 0; i < 30; i++) {
      calls.add(recorder.record(tenants.get(i % 2), null, "wamid." + i, "gpt-4o-mini", 10, i));
    }

    Flux.merge(calls).blockLast(Duration.ofSeconds(30));

    assertThat(recorder.currentMonth(tenants.get(0)).block().inputTokens()).isEqualTo(150);
    assertThat(recorder.currentMonth(tenants.get(1)).block().inputTokens()).isEqualTo(150);
    assertThat(recorder.currentMonth(tenants.get(1)).block().outputTokens())
        .isEqualTo(1 + 3 + 5 + 7 + 9 + 11 + 13 + 15 + 17 + 19 + 21 + 23 + 25 + 27 + 29);
  }

  @Test
  void whatIsQueuedIsWrittenWhenTheRecorderStops() throws Exception {
    UUID tenant = AgentDatabase.newTenant();
    TokenUsageRecorder stopping = // writes only when it stops
        new TokenUsageRecorder(
            scope, PRICES, Clock.systemUTC(), new SimpleMeterRegistry(), Duration.ofHours(1));
    Mono<Void> call = stopping.record(tenant, "905454031918", "wamid.S", "offline", 7, 3);
    call.subscribe();
    assertThat(stopping.queuedTokens(tenant)).isEqualTo(10);
    assertThat(stopping.overBudget(tenant, 10L).block()).isTrue();

    stopping.destroy();

    assertThat(recorder.currentMonth(tenant).block().totalTokens()).isEqualTo(10);
    assertThat(stopping.queuedTokens(tenant)).isZero();
    stopping.record(tenant, null, null, "offline", 1, 1).block(Duration.ofSeconds(30));
    assertThat(recorder.currentMonth(tenant).block().totalTokens()).isEqualTo(12);
  }

  private static void insertAt(UUID tenant, String at, int in, int out) throws SQLException {
    try (Connection c = AgentDatabase.database().connectAsOwner();
        PreparedStatement s =
            c.prepareStatement(
                "INSERT INTO token_usage (tenant_id, model, input_tokens, output_tokens, cost,"
                    + " created_at) VALUES (?, 'offline', ?, ?, 0, ?)")) {
      s.setObject(1, tenant);
      s.setInt(2, in);
      s.setInt(3, out);
      s.setTimestamp(4, Timestamp.from(Instant.parse(at)));
      s.executeUpdate();
    }
  }

  private static String storedRow(UUID tenant, String messageId) throws SQLException {
    try (Connection c = AgentDatabase.database().connectAsOwner();
        PreparedStatement s =
            c.prepareStatement(
                "SELECT user_id, model, input_tokens, output_tokens, cost FROM token_usage"
                    + " WHERE tenant_id = ? AND message_id = ? ORDER BY id LIMIT 1")) {
      s.setObject(1, tenant);
      s.setString(2, messageId);
      try (ResultSet rs = s.executeQuery()) {
        rs.next();
        return String.join(
            "|",
            rs.getString(1),
            rs.getString(2),
            rs.getString(3),
            rs.getString(4),
            rs.getBigDecimal(5).toPlainString());
      }
    }
  }
}
