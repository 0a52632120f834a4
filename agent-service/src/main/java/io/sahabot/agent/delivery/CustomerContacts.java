package io.sahabot.agent.delivery;

import io.sahabot.platform.db.TenantScope;
import io.sahabot.platform.privacy.ErasureList;
import java.time.Duration;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.Optional;
import java.util.UUID;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.stereotype.Component;
import reactor.core.publisher.Mono;

/**
 * When each user of a tenant last wrote to the business ({@code customer_contacts}): WhatsApp
 * delivers free-form messages only within 24 hours of it. A turn records it with one upsert, which
 * never moves the time backwards (a replayed message changes nothing).
 */
@Component
public class CustomerContacts {

  /** WhatsApp's customer-service window. */
  public static final Duration WINDOW = Duration.ofHours(24);

  private static final Logger log = LoggerFactory.getLogger(CustomerContacts.class);
  private static final Duration TIMEOUT = Duration.ofSeconds(10);

  private final TenantScope tenantScope;

  public CustomerContacts(TenantScope tenantScope) {
    this.tenantScope = tenantScope;
  }

  /**
   * Records that {@code userId} wrote at {@code at}, unless the user's data was erased since (a
   * message sent before the erasure, delivered again, leaves no contact behind).
   */
  public Mono<Void> wrote(UUID tenantId, String userId, Instant at) {
    return tenantScope
        .one(
            tenantId,
            db ->
                db.sql(
                        "INSERT INTO customer_contacts (tenant_id, user_id, last_inbound_at)"
                            + " SELECT :tenant, :user, :at WHERE NOT EXISTS (SELECT 1 FROM"
                            + " data_erasures WHERE tenant_id = :tenant AND subject_hash = :erased"
                            + " AND erased_at >= :at) ON CONFLICT (tenant_id, user_id)"
                            + " DO UPDATE SET last_inbound_at = GREATEST("
                            + "customer_contacts.last_inbound_at, EXCLUDED.last_inbound_at)")
                    .bind("tenant", tenantId)
                    .bind("user", userId)
                    .bind("erased", ErasureList.hash(tenantId, userId))
                    .bind("at", OffsetDateTime.ofInstant(at, ZoneOffset.UTC))
                    .fetch()
                    .rowsUpdated())
        .then();
  }

  /**
   * Records it in the background (the turn does not wait for it); a failure is logged: the next
   * message records it again.
   */
  public void wroteLater(UUID tenantId, String userId, Instant at) {
    wrote(tenantId, userId, at)
        .subscribe(
            null,
            e -> log.warn("Recording a contact of tenant {} failed: {}", tenantId, e.toString()));
  }

  /** When {@code userId} last wrote; empty if never. */
  public Optional<Instant> lastInbound(UUID tenantId, String userId) {
    return tenantScope
        .one(
            tenantId,
            db ->
                db.sql(
                        "SELECT last_inbound_at FROM customer_contacts"
                            + " WHERE tenant_id = :tenant AND user_id = :user")
                    .bind("tenant", tenantId)
                    .bind("user", userId)
                    .map(row -> row.get("last_inbound_at", OffsetDateTime.class).toInstant())
                    .one())
        .blockOptional(TIMEOUT);
  }

  /** Whether a free-form message to {@code userId} at {@code now} is within their window. */
  public boolean withinWindow(UUID tenantId, String userId, Instant now) {
    return lastInbound(tenantId, userId).map(at -> at.plus(WINDOW).isAfter(now)).orElse(false);
  }
}
