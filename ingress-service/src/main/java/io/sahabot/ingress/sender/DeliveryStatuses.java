package io.sahabot.ingress.sender;

import io.sahabot.platform.db.TenantScope;
import io.sahabot.schemas.whatsapp.DeliveryStatus;
import java.time.Duration;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.Locale;
import java.util.Objects;
import java.util.Optional;
import java.util.UUID;

/**
 * The latest delivery status of each outbound message: table {@code outbound_statuses} (migration
 * {@code V18_1}), one row per wamid and tenant, in the tenant's row-level-security context.
 * WhatsApp does not order its statuses (a {@code read} may come before its {@code delivered}), so a
 * row only moves forward: {@code sent} < {@code failed} < {@code delivered} < {@code read} < {@code
 * played}; a status of a lower or equal rank than the stored one changes nothing. A database error
 * is a {@link LedgerUnavailable}: the status is retried after a back-off.
 */
public class DeliveryStatuses {

  private final TenantScope scope;
  private final Duration timeout;

  public DeliveryStatuses(TenantScope scope, Duration timeout) {
    this.scope = scope;
    this.timeout = Objects.requireNonNull(timeout, "timeout");
  }

  /** The rank of a status: a message's row moves only to a higher one. */
  public static int rank(DeliveryStatus.Status status) {
    return switch (status) {
      case SENT -> 1;
      case FAILED -> 2;
      case DELIVERED -> 3;
      case READ -> 4;
      case PLAYED -> 5;
    };
  }

  /**
   * Records {@code status} unless its message already has one of an equal or higher rank.
   *
   * @return whether it became the message's latest status
   */
  public boolean record(DeliveryStatus status) {
    Integer errorCode = status.errors().isEmpty() ? null : status.errors().get(0).code();
    try {
      Boolean advanced =
          scope
              .one(
                  status.tenantId(),
                  db -> {
                    var spec =
                        db.sql(
                                "INSERT INTO outbound_statuses AS s (tenant_id, wamid, event_id,"
                                    + " status, status_rank, status_at, error_code)"
                                    + " VALUES (:tenant, :wamid, :event, :status, :rank, :at,"
                                    + " :code)"
                                    + " ON CONFLICT (tenant_id, wamid) DO UPDATE"
                                    + " SET status = EXCLUDED.status,"
                                    + " status_rank = EXCLUDED.status_rank,"
                                    + " status_at = EXCLUDED.status_at,"
                                    + " error_code = EXCLUDED.error_code,"
                                    + " event_id = COALESCE(s.event_id, EXCLUDED.event_id),"
                                    + " updated_at = now()"
                                    + " WHERE EXCLUDED.status_rank > s.status_rank"
                                    + " RETURNING true AS advanced")
                            .bind("tenant", status.tenantId())
                            .bind("wamid", status.wamid())
                            .bind("status", status.status().name().toLowerCase(Locale.ROOT))
                            .bind("rank", (short) rank(status.status()))
                            .bind(
                                "at", OffsetDateTime.ofInstant(status.statusAt(), ZoneOffset.UTC));
                    spec =
                        status.callbackData() == null
                            ? spec.bindNull("event", String.class)
                            : spec.bind("event", status.callbackData());
                    spec =
                        errorCode == null
                            ? spec.bindNull("code", Integer.class)
                            : spec.bind("code", errorCode);
                    return spec.map(row -> Boolean.TRUE).one().defaultIfEmpty(Boolean.FALSE);
                  })
              .block(timeout);
      return Boolean.TRUE.equals(advanced);
    } catch (RuntimeException e) {
      throw new LedgerUnavailable("delivery statuses unavailable: " + e.getMessage());
    }
  }

  /** A message's latest status, as stored: status name and error code (0: none). */
  public record Latest(String status, int errorCode, String eventId) {}

  /** The latest status of {@code wamid}, if any. */
  public Optional<Latest> latest(UUID tenantId, String wamid) {
    return Optional.ofNullable(
        scope
            .one(
                tenantId,
                db ->
                    db.sql(
                            "SELECT status, error_code, event_id FROM outbound_statuses"
                                + " WHERE tenant_id = :tenant AND wamid = :wamid")
                        .bind("tenant", tenantId)
                        .bind("wamid", wamid)
                        .map(
                            row -> {
                              Integer code = row.get("error_code", Integer.class);
                              return new Latest(
                                  row.get("status", String.class),
                                  code == null ? 0 : code,
                                  row.get("event_id", String.class));
                            })
                        .one())
            .block(timeout));
  }
}
