package io.sahabot.agent.usage;

import io.sahabot.platform.db.TenantScope;
import io.sahabot.schemas.agent.query.TenantUsage.ReadCounts;
import java.time.OffsetDateTime;
import java.time.YearMonth;
import java.time.ZoneOffset;
import java.util.List;
import java.util.Objects;
import java.util.UUID;
import org.springframework.stereotype.Component;
import reactor.core.publisher.Mono;

/**
 * How many of a month's reminders and confirmations the customers read: the outcomes told in the
 * month ({@code told_outcomes}, by when they were claimed) to anyone but the business's own
 * numbers, joined by their outbound id (or its fallback template's) to the latest delivery status
 * ingress-service keeps ({@code outbound_statuses}); read means {@code read} or {@code played}. A
 * reminder is an outcome keyed {@code reminder:…}; every other outcome told to a customer is a
 * confirmation (booked, taken, cancelled, moved).
 */
@Component
public class ReadReceipts {

  /** What the business's month counts. */
  public record Month(ReadCounts reminders, ReadCounts confirmations) {}

  private final TenantScope tenantScope;

  public ReadReceipts(TenantScope tenantScope) {
    this.tenantScope = tenantScope;
  }

  /** The month's counts; {@code businessNumbers} (the owners') are not customers. */
  public Mono<Month> month(UUID tenantId, YearMonth month, List<String> businessNumbers) {
    Objects.requireNonNull(tenantId, "tenantId");
    OffsetDateTime from = month.atDay(1).atStartOfDay().atOffset(ZoneOffset.UTC);
    OffsetDateTime to = from.plusMonths(1);
    return tenantScope.one(
        tenantId,
        db ->
            db.sql(
                    "SELECT count(*) FILTER (WHERE reminder) AS reminders,"
                        + " count(*) FILTER (WHERE reminder AND read) AS reminders_read,"
                        + " count(*) FILTER (WHERE NOT reminder) AS confirmations,"
                        + " count(*) FILTER (WHERE NOT reminder AND read) AS confirmations_read"
                        + " FROM (SELECT t.outcome_key LIKE 'reminder:%' AS reminder,"
                        + " EXISTS (SELECT 1 FROM outbound_statuses s"
                        + " WHERE s.tenant_id = t.tenant_id"
                        + " AND s.event_id IN (t.outbound_id, t.outbound_id || ':fallback')"
                        + " AND s.status IN ('read', 'played')) AS read"
                        + " FROM told_outcomes t"
                        + " WHERE t.tenant_id = :tenant AND t.claimed_at >= :from"
                        + " AND t.claimed_at < :to AND t.outbound_id <> ''"
                        + " AND NOT (t.recipient = ANY(:business))) told")
                .bind("tenant", tenantId)
                .bind("from", from)
                .bind("to", to)
                .bind("business", businessNumbers.toArray(String[]::new))
                .map(
                    row ->
                        new Month(
                            new ReadCounts(
                                row.get("reminders", Long.class),
                                row.get("reminders_read", Long.class)),
                            new ReadCounts(
                                row.get("confirmations", Long.class),
                                row.get("confirmations_read", Long.class))))
                .one());
  }
}
