package io.sahabot.agent.usage;

import io.sahabot.platform.db.TenantScope;
import java.math.BigDecimal;
import java.time.Clock;
import java.time.OffsetDateTime;
import java.time.YearMonth;
import java.time.ZoneOffset;
import java.util.Objects;
import java.util.UUID;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.stereotype.Component;
import reactor.core.publisher.Mono;

/**
 * Records every model call's tokens and cost in {@code token_usage}, and sums them per tenant and
 * month. Months are calendar months in UTC. Every query runs under the tenant's row-level security.
 */
@Component
public class TokenUsageRecorder implements TokenUsageSink {

  private final TenantScope tenantScope;
  private final UsageProperties properties;
  private final Clock clock;

  @Autowired
  public TokenUsageRecorder(TenantScope tenantScope, UsageProperties properties) {
    this(tenantScope, properties, Clock.systemUTC());
  }

  public TokenUsageRecorder(TenantScope tenantScope, UsageProperties properties, Clock clock) {
    this.tenantScope = tenantScope;
    this.properties = properties;
    this.clock = clock;
  }

  /**
   * Inserts one call's usage with its cost from {@code sahabot.agent.usage.prices}. {@code userId}
   * and {@code messageId} may be null.
   */
  @Override
  public Mono<Void> record(
      UUID tenantId,
      String userId,
      String messageId,
      String model,
      int inputTokens,
      int outputTokens) {
    Objects.requireNonNull(tenantId, "tenantId");
    Objects.requireNonNull(model, "model");
    if (inputTokens < 0 || outputTokens < 0) {
      return Mono.error(new IllegalArgumentException("token counts must not be negative"));
    }
    BigDecimal cost = properties.cost(model, inputTokens, outputTokens);
    return tenantScope
        .one(
            tenantId,
            db -> {
              var spec =
                  db.sql(
                          "INSERT INTO token_usage (tenant_id, user_id, message_id, model,"
                              + " input_tokens, output_tokens, cost)"
                              + " VALUES (:tenant, :user, :message, :model, :input, :output, :cost)")
                      .bind("tenant", tenantId)
                      .bind("model", model)
                      .bind("input", inputTokens)
                      .bind("output", outputTokens)
                      .bind("cost", cost);
              spec =
                  userId == null ? spec.bindNull("user", String.class) : spec.bind("user", userId);
              spec =
                  messageId == null
                      ? spec.bindNull("message", String.class)
                      : spec.bind("message", messageId);
              return spec.fetch().rowsUpdated();
            })
        .then();
  }

  /** The tenant's usage in {@code month} (UTC calendar month); zeros when nothing was recorded. */
  public Mono<MonthlyUsage> month(UUID tenantId, YearMonth month) {
    Objects.requireNonNull(tenantId, "tenantId");
    OffsetDateTime from = month.atDay(1).atStartOfDay().atOffset(ZoneOffset.UTC);
    OffsetDateTime to = from.plusMonths(1);
    return tenantScope.one(
        tenantId,
        db ->
            db.sql(
                    "SELECT COALESCE(SUM(input_tokens), 0) AS input,"
                        + " COALESCE(SUM(output_tokens), 0) AS output,"
                        + " COALESCE(SUM(cost), 0) AS cost"
                        + " FROM token_usage"
                        + " WHERE tenant_id = :tenant AND created_at >= :from AND created_at < :to")
                .bind("tenant", tenantId)
                .bind("from", from)
                .bind("to", to)
                .map(
                    row ->
                        new MonthlyUsage(
                            month.toString(),
                            row.get("input", Long.class),
                            row.get("output", Long.class),
                            row.get("cost", BigDecimal.class)))
                .one());
  }

  /** The current UTC month of {@link #month}. */
  public Mono<MonthlyUsage> currentMonth(UUID tenantId) {
    return month(tenantId, YearMonth.now(clock.withZone(ZoneOffset.UTC)));
  }

  /**
   * Whether the tenant's input plus output tokens of the current UTC month reached {@code
   * monthlyTokenBudget}; never over without a budget (null).
   */
  public Mono<Boolean> overBudget(UUID tenantId, Long monthlyTokenBudget) {
    if (monthlyTokenBudget == null) {
      return Mono.just(false);
    }
    return currentMonth(tenantId).map(usage -> usage.totalTokens() >= monthlyTokenBudget);
  }
}
