package io.sahabot.reservation.booking;

import static io.sahabot.reservation.booking.Sql.utc;

import java.time.Instant;
import java.util.Optional;
import java.util.UUID;
import org.springframework.r2dbc.core.DatabaseClient;
import reactor.core.publisher.Mono;

/**
 * A reservation's reminder row, written by the command's own transaction (the {@link
 * DatabaseClient} of {@code TenantScope}, under the tenant's row-level security) together with the
 * reservation, so a reservation and its reminder never disagree after a commit. The scheduler
 * ({@code reminders/ReminderPublisher}) publishes and marks them.
 */
final class ReminderRows {

  private ReminderRows() {}

  /**
   * The reminder of a reservation that now starts at {@code start}: due at {@code due}, or none. A
   * reminder already sent stays sent while the start is the same (a move to another field); a new
   * start makes it due again.
   */
  static Mono<Void> schedule(
      DatabaseClient db, UUID tenant, long reservationId, Instant start, Optional<Instant> due) {
    if (due.isEmpty()) {
      return remove(db, tenant, reservationId);
    }
    return db.sql(
            "INSERT INTO reservation_reminders (reservation_id, tenant_id, start_time, due_at)"
                + " VALUES (:id, :tenant, :start, :due) ON CONFLICT (reservation_id) DO UPDATE"
                + " SET start_time = EXCLUDED.start_time, due_at = EXCLUDED.due_at,"
                + " sent_at = CASE WHEN reservation_reminders.start_time = EXCLUDED.start_time"
                + " THEN reservation_reminders.sent_at END, updated_at = now()")
        .bind("id", reservationId)
        .bind("tenant", tenant)
        .bind("start", utc(start))
        .bind("due", utc(due.get()))
        .fetch()
        .rowsUpdated()
        .then();
  }

  /** No reminder for the reservation (cancelled, a no-show, or moved past its reminder time). */
  static Mono<Void> remove(DatabaseClient db, UUID tenant, long reservationId) {
    return db.sql(
            "DELETE FROM reservation_reminders WHERE tenant_id = :tenant AND reservation_id = :id")
        .bind("tenant", tenant)
        .bind("id", reservationId)
        .fetch()
        .rowsUpdated()
        .then();
  }
}
