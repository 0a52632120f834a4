package io.sahabot.agent.usage;

import io.sahabot.platform.db.TenantScope;
import java.time.Clock;
import java.time.YearMonth;
import java.time.ZoneOffset;
import java.util.Objects;
import java.util.UUID;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.stereotype.Component;
import reactor.core.publisher.Mono;

/**
 * The "once" of telling a tenant's owner that the month's model budget is used up: one row per
 * tenant and UTC month in {@code budget_notices}. Whoever inserts it first sends the notice; every
 * later claim, on any instance, finds the row and sends nothing.
 */
@Component
public class BudgetNotices {

  private final TenantScope tenantScope;
  private final Clock clock;

  @Autowired
  public BudgetNotices(TenantScope tenantScope, Clock clock) {
    this.tenantScope = tenantScope;
    this.clock = clock;
  }

  /** True for exactly one caller per tenant and current UTC month. */
  public Mono<Boolean> claim(UUID tenantId) {
    Objects.requireNonNull(tenantId, "tenantId");
    YearMonth month = YearMonth.now(clock.withZone(ZoneOffset.UTC));
    return tenantScope.one(
        tenantId,
        db ->
            db.sql(
                    "INSERT INTO budget_notices (tenant_id, month) VALUES (:tenant, :month)"
                        + " ON CONFLICT DO NOTHING")
                .bind("tenant", tenantId)
                .bind("month", month.atDay(1))
                .fetch()
                .rowsUpdated()
                .map(rows -> rows == 1));
  }
}
