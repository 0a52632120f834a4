package io.sahabot.reservation.booking;

import static io.sahabot.reservation.booking.Sql.utc;

import io.sahabot.reservation.booking.domain.Interval;
import io.sahabot.reservation.booking.domain.Permissions;
import io.sahabot.reservation.booking.domain.Permissions.CustomerIdentity;
import io.sahabot.reservation.booking.domain.ReminderTimes;
import io.sahabot.reservation.booking.domain.Schedule;
import io.sahabot.reservation.booking.domain.Violation;
import io.sahabot.reservation.tenants.BookingTenant;
import io.sahabot.schemas.reservation.AcceptWaitlistOffer;
import io.sahabot.schemas.reservation.CustomerRef;
import io.sahabot.schemas.reservation.JoinWaitlist;
import io.sahabot.schemas.reservation.RejectionReason;
import io.sahabot.schemas.reservation.ReservationCommand;
import io.sahabot.schemas.reservation.ReservationConfirmed;
import io.sahabot.schemas.reservation.ReservationEvent;
import io.sahabot.schemas.reservation.ReservationView;
import io.sahabot.schemas.reservation.Slot;
import io.sahabot.schemas.reservation.WaitlistJoined;
import io.sahabot.schemas.tenant.FieldSpec;
import io.sahabot.schemas.tenant.TenantSettings;
import java.math.BigDecimal;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.util.Optional;
import java.util.UUID;
import java.util.function.BiFunction;
import org.springframework.r2dbc.core.DatabaseClient;
import reactor.core.publisher.Mono;

/**
 * Waitlists, decided inside {@link BookingService}'s transaction: joining one ({@link
 * JoinWaitlist}), taking an offer ({@link AcceptWaitlistOffer}), and the hold an offer puts on its
 * slot ({@link #unlessHeld}). Offers themselves are made by the waitlist scheduler ({@code
 * waitlist/WaitlistPublisher}).
 */
final class WaitlistDecisions {

  private final FieldIds fields;

  WaitlistDecisions(FieldIds fields) {
    this.fields = fields;
  }

  /**
   * {@code insert}, unless a live waitlist offer of another customer holds an overlapping time on
   * the field: then empty, as when the exclusion constraint refuses the insert (an OVERLAP).
   */
  static Mono<Long> unlessHeld(
      DatabaseClient db,
      UUID tenant,
      long fieldId,
      long customerId,
      Interval interval,
      Instant now,
      Mono<Long> insert) {
    return db.sql(
            "SELECT EXISTS (SELECT 1 FROM waitlist_entries WHERE tenant_id = :tenant"
                + " AND field_id = :field AND status = 'offered' AND hold_until > :now"
                + " AND customer_id <> :customer AND start_time < :end AND end_time > :start)"
                + " AS held")
        .bind("tenant", tenant)
        .bind("field", fieldId)
        .bind("now", utc(now))
        .bind("customer", customerId)
        .bind("start", utc(interval.start()))
        .bind("end", utc(interval.end()))
        .map(row -> Boolean.TRUE.equals(row.get("held", Boolean.class)))
        .one()
        .flatMap(held -> held ? Mono.<Long>empty() : insert);
  }

  Mono<ReservationEvent> join(
      DatabaseClient db,
      BookingTenant tenant,
      Schedule schedule,
      JoinWaitlist j,
      Instant now,
      BiFunction<ReservationCommand, Violation, Mono<ReservationEvent>> reject) {
    TenantSettings settings = tenant.settings();
    String asked = j.field() == null ? settings.fieldDetails().get(0).id() : j.field();
    Optional<FieldSpec> field = settings.field(asked);
    if (field.isEmpty()) {
      return reject.apply(
          j, new Violation(RejectionReason.UNKNOWN_FIELD, "no field named '" + asked + "'"));
    }
    Interval interval = new Interval(j.start(), j.end());
    CustomerIdentity who = BookingService.identity(j.customer());
    Optional<Violation> invalid =
        schedule
            .check(interval, now)
            .or(() -> Permissions.mayBookFor(j.requestedBy(), who, settings.adminNumbers()));
    if (invalid.isPresent()) {
      return reject.apply(j, invalid.get());
    }
    UUID t = tenant.id();
    return fields
        .id(db, t, field.get().id(), field.get().name())
        .flatMap(
            fieldId ->
                BookingRepository.customer(db, t, j.customer().name(), who.phone(), who.userId())
                    .flatMap(
                        customer ->
                            insertEntry(db, t, fieldId, customer.id(), interval, j.commandId())
                                .switchIfEmpty(
                                    Mono.defer(
                                        () ->
                                            existingEntry(db, t, fieldId, customer.id(), interval)))
                                .flatMap(
                                    entryId ->
                                        position(db, t, fieldId, interval, entryId)
                                            .map(
                                                position ->
                                                    new WaitlistJoined(
                                                        BookingService.eventId(),
                                                        now,
                                                        t,
                                                        j.commandId(),
                                                        entryId,
                                                        new Slot(
                                                            field.get().name(),
                                                            interval.start(),
                                                            interval.end()),
                                                        position,
                                                        new CustomerRef(
                                                            customer.name(),
                                                            customer.phone(),
                                                            customer.userId()),
                                                        j.requestedBy(),
                                                        j.causationId())))));
  }

  private static Mono<Long> insertEntry(
      DatabaseClient db,
      UUID tenant,
      long fieldId,
      long customerId,
      Interval interval,
      String commandId) {
    return db.sql(
            "INSERT INTO waitlist_entries (tenant_id, field_id, customer_id, start_time,"
                + " end_time, command_id) VALUES (:tenant, :field, :customer, :start, :end,"
                + " :command) ON CONFLICT DO NOTHING RETURNING id")
        .bind("tenant", tenant)
        .bind("field", fieldId)
        .bind("customer", customerId)
        .bind("start", utc(interval.start()))
        .bind("end", utc(interval.end()))
        .bind("command", commandId)
        .map(row -> row.get("id", Long.class))
        .one();
  }

  /** The customer's place in line already held for this slot (joining twice keeps the first). */
  private static Mono<Long> existingEntry(
      DatabaseClient db, UUID tenant, long fieldId, long customerId, Interval interval) {
    return db.sql(
            "SELECT id FROM waitlist_entries WHERE tenant_id = :tenant AND field_id = :field"
                + " AND customer_id = :customer AND start_time = :start AND end_time = :end"
                + " AND status IN ('waiting', 'offered')")
        .bind("tenant", tenant)
        .bind("field", fieldId)
        .bind("customer", customerId)
        .bind("start", utc(interval.start()))
        .bind("end", utc(interval.end()))
        .map(row -> row.get("id", Long.class))
        .one();
  }

  private static Mono<Integer> position(
      DatabaseClient db, UUID tenant, long fieldId, Interval interval, long entryId) {
    return db.sql(
            "SELECT count(*) AS n FROM waitlist_entries WHERE tenant_id = :tenant"
                + " AND field_id = :field AND start_time = :start AND end_time = :end"
                + " AND status IN ('waiting', 'offered') AND id <= :id")
        .bind("tenant", tenant)
        .bind("field", fieldId)
        .bind("start", utc(interval.start()))
        .bind("end", utc(interval.end()))
        .bind("id", entryId)
        .map(row -> row.get("n", Long.class).intValue())
        .one();
  }

  /** A waitlist entry as the acceptance of its offer needs it. */
  private record Entry(
      long id,
      String status,
      Instant holdUntil,
      long fieldId,
      String field,
      long customerId,
      String name,
      String phone,
      String userId,
      Interval interval) {}

  Mono<ReservationEvent> accept(
      DatabaseClient db,
      BookingTenant tenant,
      Schedule schedule,
      AcceptWaitlistOffer a,
      Instant now,
      BiFunction<ReservationCommand, Violation, Mono<ReservationEvent>> reject) {
    UUID t = tenant.id();
    TenantSettings settings = tenant.settings();
    return lockEntry(db, t, a.entryId())
        .flatMap(
            entry -> {
              Optional<Violation> refused =
                  Permissions.mayChange(
                          a.requestedBy(),
                          new CustomerIdentity(entry.phone(), entry.userId()),
                          settings.adminNumbers())
                      .or(() -> live(entry, now))
                      .or(() -> schedule.check(entry.interval(), now));
              if (refused.isPresent()) {
                return reject.apply(a, refused.get());
              }
              BigDecimal price = schedule.price(entry.interval());
              String by =
                  a.requestedBy().role().name().toLowerCase() + ":" + a.requestedBy().userId();
              return BookingRepository.insert(
                      db,
                      t,
                      entry.fieldId(),
                      entry.customerId(),
                      entry.interval(),
                      price,
                      settings.currency(),
                      a.commandId(),
                      by)
                  .flatMap(
                      id ->
                          ReminderRows.schedule(
                                  db,
                                  t,
                                  id,
                                  entry.interval().start(),
                                  ReminderTimes.dueAt(
                                      settings.notifications(), entry.interval().start(), now))
                              .then(booked(db, t, entry.id(), id))
                              .<ReservationEvent>thenReturn(
                                  new ReservationConfirmed(
                                      BookingService.eventId(),
                                      now,
                                      t,
                                      a.commandId(),
                                      new ReservationView(
                                          id,
                                          entry.field(),
                                          new CustomerRef(
                                              entry.name(), entry.phone(), entry.userId()),
                                          entry.interval().start(),
                                          entry.interval().end(),
                                          ReservationView.ACTIVE,
                                          price,
                                          settings.currency()),
                                      a.requestedBy(),
                                      a.causationId())))
                  .switchIfEmpty(
                      Mono.defer(
                          () ->
                              reject.apply(
                                  a,
                                  new Violation(
                                      RejectionReason.OVERLAP,
                                      "the slot was taken before the offer was accepted"))));
            })
        .switchIfEmpty(
            Mono.defer(
                () ->
                    reject.apply(
                        a,
                        new Violation(
                            RejectionReason.NOT_FOUND,
                            "no such waitlist entry for this business"))));
  }

  private static Optional<Violation> live(Entry entry, Instant now) {
    if ("booked".equals(entry.status())) {
      return Optional.of(new Violation(RejectionReason.INVALID, "the offer was already taken"));
    }
    if (!"offered".equals(entry.status())
        || entry.holdUntil() == null
        || !entry.holdUntil().isAfter(now)) {
      return Optional.of(
          new Violation(RejectionReason.INVALID, "the waitlist offer is not held (any more)"));
    }
    return Optional.empty();
  }

  private static Mono<Entry> lockEntry(DatabaseClient db, UUID tenant, long id) {
    return db.sql(
            "SELECT w.id, w.status, w.hold_until, w.field_id, f.name AS field, w.customer_id,"
                + " c.name, c.phone, c.user_id, w.start_time, w.end_time FROM waitlist_entries w"
                + " JOIN fields f ON f.id = w.field_id AND f.tenant_id = w.tenant_id"
                + " JOIN customers c ON c.id = w.customer_id AND c.tenant_id = w.tenant_id"
                + " WHERE w.tenant_id = :tenant AND w.id = :id FOR UPDATE OF w")
        .bind("tenant", tenant)
        .bind("id", id)
        .map(
            row -> {
              OffsetDateTime hold = row.get("hold_until", OffsetDateTime.class);
              return new Entry(
                  row.get("id", Long.class),
                  row.get("status", String.class),
                  hold == null ? null : hold.toInstant(),
                  row.get("field_id", Long.class),
                  row.get("field", String.class),
                  row.get("customer_id", Long.class),
                  row.get("name", String.class),
                  row.get("phone", String.class),
                  row.get("user_id", String.class),
                  new Interval(
                      row.get("start_time", OffsetDateTime.class).toInstant(),
                      row.get("end_time", OffsetDateTime.class).toInstant()));
            })
        .one();
  }

  private static Mono<Void> booked(DatabaseClient db, UUID tenant, long entryId, long reservation) {
    return db.sql(
            "UPDATE waitlist_entries SET status = 'booked', reservation_id = :reservation,"
                + " updated_at = now() WHERE tenant_id = :tenant AND id = :id")
        .bind("reservation", reservation)
        .bind("tenant", tenant)
        .bind("id", entryId)
        .fetch()
        .rowsUpdated()
        .then();
  }
}
