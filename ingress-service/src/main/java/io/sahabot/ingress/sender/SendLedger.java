package io.sahabot.ingress.sender;

import io.sahabot.platform.db.TenantScope;
import java.time.Duration;
import java.time.OffsetDateTime;
import java.util.Objects;
import java.util.UUID;
import reactor.core.publisher.Mono;

/**
 * What the sender has sent, durably: table {@code outbound_sends} (migration {@code V16_1}), one
 * row per outbound id ({@code eventId}, a fallback template's {@code eventId + ":fallback"}), read
 * and written as {@code sahabot_app} in the message's tenant's row-level-security context ({@link
 * TenantScope}), so no instance sends an id that any instance sent before, whatever restarts and
 * rebalances redeliver.
 *
 * <p>Before its Graph API calls a send {@linkplain #claim claims} its id: the first claim inserts a
 * {@code sending} row; a later one finds the row {@code sent} (skip it), {@code refused} (send the
 * fallback), or {@code sending} (another attempt is under way: back off), unless that claim is
 * older than {@code staleAfter} (the longest one attempt can take): its attempt's fate is unknown
 * (it crashed, or timed out, maybe after Meta accepted the message), so the claim is taken over and
 * the message sent once more. That is the only window in which a message can be sent twice.
 *
 * <p>Times are the database's ({@code clock_timestamp()}), so that instances with different clocks
 * compare the same ages. A database error is a {@link LedgerUnavailable}: the record is retried
 * after back-offs, without limit.
 */
public class SendLedger {

  /** What a claim found. */
  public enum Outcome {
    /** This attempt holds the id: send it, then {@link #sent} or {@link #release}. */
    CLAIMED,
    /** Sent before, as {@link Claim#wamid()}: skip it. */
    SENT,
    /** Its content was refused outside the 24-hour window (131047): send its fallback. */
    REFUSED,
    /** Another attempt (this instance's or another's) is sending it right now: try later. */
    IN_FLIGHT
  }

  /**
   * The result of {@link #claim}.
   *
   * @param attemptedAt the claim's time, when {@link Outcome#CLAIMED} (to release it, and only it)
   * @param takenOver whether a stale claim of an earlier attempt was taken over
   */
  public record Claim(
      UUID tenantId,
      String eventId,
      Outcome outcome,
      String wamid,
      OffsetDateTime attemptedAt,
      boolean takenOver) {}

  private final TenantScope scope;
  private final Duration staleAfter;
  private final Duration timeout;

  /**
   * @param staleAfter the age past which a {@code sending} claim is taken to have failed
   * @param timeout of one database call
   */
  public SendLedger(TenantScope scope, Duration staleAfter, Duration timeout) {
    this.scope = scope;
    this.staleAfter = Objects.requireNonNull(staleAfter, "staleAfter");
    this.timeout = Objects.requireNonNull(timeout, "timeout");
  }

  public Duration staleAfter() {
    return staleAfter;
  }

  /** Claims {@code eventId} for an attempt of this instance, or says why not. */
  public Claim claim(UUID tenantId, String eventId) {
    return block(
        scope.one(
            tenantId,
            db ->
                db.sql(
                        "INSERT INTO outbound_sends AS s (tenant_id, event_id, state, attempted_at)"
                            + " VALUES (:tenant, :event, 'sending', clock_timestamp())"
                            + " ON CONFLICT (tenant_id, event_id) DO UPDATE"
                            + " SET state = 'sending', attempted_at = clock_timestamp()"
                            + " WHERE s.state = 'sending'"
                            + " AND s.attempted_at < clock_timestamp() - make_interval(secs => :stale)"
                            + " RETURNING s.attempted_at, (s.xmax::text <> '0') AS taken_over")
                    .bind("tenant", tenantId)
                    .bind("event", eventId)
                    .bind("stale", staleAfter.toMillis() / 1000.0)
                    .map(
                        row ->
                            new Claim(
                                tenantId,
                                eventId,
                                Outcome.CLAIMED,
                                null,
                                row.get("attempted_at", OffsetDateTime.class),
                                Boolean.TRUE.equals(row.get("taken_over", Boolean.class))))
                    .one()
                    .switchIfEmpty(
                        Mono.defer(
                            () ->
                                db.sql(
                                        "SELECT state, wamid FROM outbound_sends"
                                            + " WHERE tenant_id = :tenant AND event_id = :event")
                                    .bind("tenant", tenantId)
                                    .bind("event", eventId)
                                    .map(
                                        row ->
                                            new Claim(
                                                tenantId,
                                                eventId,
                                                outcome(row.get("state", String.class)),
                                                row.get("wamid", String.class),
                                                null,
                                                false))
                                    .one()
                                    // released between the two statements: try again later
                                    .defaultIfEmpty(
                                        new Claim(
                                            tenantId,
                                            eventId,
                                            Outcome.IN_FLIGHT,
                                            null,
                                            null,
                                            false))))),
        "claim");
  }

  /** Records that Meta accepted the claimed id as {@code wamid}. */
  public void sent(Claim claim, String wamid) {
    block(
        scope.one(
            claim.tenantId(),
            db ->
                db.sql(
                        "UPDATE outbound_sends SET state = 'sent', wamid = :wamid,"
                            + " sent_at = clock_timestamp()"
                            + " WHERE tenant_id = :tenant AND event_id = :event")
                    .bind("tenant", claim.tenantId())
                    .bind("event", claim.eventId())
                    .bind("wamid", wamid == null ? "" : wamid)
                    .fetch()
                    .rowsUpdated()),
        "sent");
  }

  /** Records that the claimed id's content was refused outside the 24-hour window (131047). */
  public void refused(Claim claim) {
    block(
        scope.one(
            claim.tenantId(),
            db ->
                db.sql(
                        "UPDATE outbound_sends SET state = 'refused'"
                            + " WHERE tenant_id = :tenant AND event_id = :event")
                    .bind("tenant", claim.tenantId())
                    .bind("event", claim.eventId())
                    .fetch()
                    .rowsUpdated()),
        "refused");
  }

  /**
   * Gives the claim up after an attempt that certainly sent nothing or may be tried again (an error
   * answer, a refusal), so that the next delivery claims it at once. A claim taken over since by
   * another attempt is left alone.
   */
  public void release(Claim claim) {
    block(
        scope.one(
            claim.tenantId(),
            db ->
                db.sql(
                        "DELETE FROM outbound_sends WHERE tenant_id = :tenant AND event_id = :event"
                            + " AND state = 'sending' AND attempted_at = :attempted")
                    .bind("tenant", claim.tenantId())
                    .bind("event", claim.eventId())
                    .bind("attempted", claim.attemptedAt())
                    .fetch()
                    .rowsUpdated()),
        "release");
  }

  private static Outcome outcome(String state) {
    return switch (state) {
      case "sent" -> Outcome.SENT;
      case "refused" -> Outcome.REFUSED;
      default -> Outcome.IN_FLIGHT;
    };
  }

  private <T> T block(Mono<T> work, String what) {
    try {
      return work.block(timeout);
    } catch (RuntimeException e) {
      // unreachable, failing or slower than the timeout: as transient as a Graph API outage
      throw new LedgerUnavailable("send ledger unavailable (" + what + "): " + e.getMessage());
    }
  }
}
