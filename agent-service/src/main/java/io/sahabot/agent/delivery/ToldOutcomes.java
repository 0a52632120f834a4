package io.sahabot.agent.delivery;

import io.sahabot.platform.db.TenantScope;
import java.time.Duration;
import java.util.Objects;
import java.util.UUID;
import org.springframework.stereotype.Component;

/**
 * The durable "told once" of an outcome: one row of {@code told_outcomes} per tenant, outcome key
 * (the event's commandId, or a reminder's id) and recipient. Whoever inserts it first tells it;
 * every later claim, on any instance, finds it. A claimant that finds its own unpublished row (it
 * claimed, then crashed before the broker had the message) still holds it and publishes again, with
 * the same outbound id.
 */
@Component
public class ToldOutcomes {

  /** The notifier's name as a claimant. */
  public static final String NOTIFIER = "notifier";

  private static final Duration TIMEOUT = Duration.ofSeconds(10);

  private final TenantScope tenantScope;

  public ToldOutcomes(TenantScope tenantScope) {
    this.tenantScope = tenantScope;
  }

  /** What a claim found. */
  public enum Claim {
    /** This claimant holds the row and has not published it yet: tell it. */
    HELD,
    /** This claimant told it already, or someone else holds it: do not tell it. */
    TAKEN
  }

  /** The turn's name as a claimant: the inbound message it answers. */
  public static String turn(String wamid) {
    return "turn:" + wamid;
  }

  /**
   * Claims telling {@code outcomeKey} to {@code recipient} for {@code claimant}: {@link Claim#HELD}
   * when the row is new, or is this claimant's and not yet marked published.
   */
  public Claim claim(
      UUID tenantId, String outcomeKey, String recipient, String claimant, String outboundId) {
    Objects.requireNonNull(tenantId, "tenantId");
    Boolean held =
        tenantScope
            .one(
                tenantId,
                db ->
                    db.sql(
                            "INSERT INTO told_outcomes"
                                + " (tenant_id, outcome_key, recipient, claimed_by, outbound_id)"
                                + " VALUES (:tenant, :key, :recipient, :claimant, :outbound)"
                                + " ON CONFLICT DO NOTHING RETURNING true AS inserted")
                        .bind("tenant", tenantId)
                        .bind("key", outcomeKey)
                        .bind("recipient", recipient)
                        .bind("claimant", claimant)
                        .bind("outbound", outboundId == null ? "" : outboundId)
                        .map(row -> true)
                        .one()
                        .switchIfEmpty(
                            db.sql(
                                    "SELECT claimed_by = :claimant AND published_at IS NULL AS held"
                                        + " FROM told_outcomes WHERE tenant_id = :tenant"
                                        + " AND outcome_key = :key AND recipient = :recipient")
                                .bind("tenant", tenantId)
                                .bind("key", outcomeKey)
                                .bind("recipient", recipient)
                                .bind("claimant", claimant)
                                .map(row -> Boolean.TRUE.equals(row.get("held", Boolean.class)))
                                .one()))
            .block(TIMEOUT);
    return Boolean.TRUE.equals(held) ? Claim.HELD : Claim.TAKEN;
  }

  /** The broker has the message of a held claim: a later delivery of the outcome tells nothing. */
  public void published(UUID tenantId, String outcomeKey, String recipient) {
    tenantScope
        .one(
            tenantId,
            db ->
                db.sql(
                        "UPDATE told_outcomes SET published_at = now() WHERE tenant_id = :tenant"
                            + " AND outcome_key = :key AND recipient = :recipient")
                    .bind("tenant", tenantId)
                    .bind("key", outcomeKey)
                    .bind("recipient", recipient)
                    .fetch()
                    .rowsUpdated())
        .block(TIMEOUT);
  }

  /** How many recipients have been told {@code outcomeKey} (their messages are with the broker). */
  public long published(UUID tenantId, String outcomeKey) {
    Long count =
        tenantScope
            .one(
                tenantId,
                db ->
                    db.sql(
                            "SELECT count(*) AS told FROM told_outcomes WHERE tenant_id = :tenant"
                                + " AND outcome_key = :key AND published_at IS NOT NULL")
                        .bind("tenant", tenantId)
                        .bind("key", outcomeKey)
                        .map(row -> row.get("told", Long.class))
                        .one())
            .block(TIMEOUT);
    return count == null ? 0 : count;
  }
}
