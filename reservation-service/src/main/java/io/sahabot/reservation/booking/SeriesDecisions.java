package io.sahabot.reservation.booking;

import static io.sahabot.reservation.booking.Sql.utc;

import io.sahabot.reservation.booking.domain.Interval;
import io.sahabot.reservation.booking.domain.Permissions;
import io.sahabot.reservation.booking.domain.Permissions.CustomerIdentity;
import io.sahabot.reservation.booking.domain.ReminderTimes;
import io.sahabot.reservation.booking.domain.Schedule;
import io.sahabot.reservation.booking.domain.Violation;
import io.sahabot.reservation.booking.domain.Weekly;
import io.sahabot.reservation.tenants.BookingTenant;
import io.sahabot.schemas.reservation.CancelSeries;
import io.sahabot.schemas.reservation.CustomerRef;
import io.sahabot.schemas.reservation.RejectionReason;
import io.sahabot.schemas.reservation.RequestSeries;
import io.sahabot.schemas.reservation.ReservationCommand;
import io.sahabot.schemas.reservation.ReservationEvent;
import io.sahabot.schemas.reservation.ReservationView;
import io.sahabot.schemas.reservation.SeriesBooked;
import io.sahabot.schemas.reservation.SeriesBooked.MissedOccurrence;
import io.sahabot.schemas.reservation.SeriesCancelled;
import io.sahabot.schemas.reservation.Slot;
import io.sahabot.schemas.tenant.FieldSpec;
import io.sahabot.schemas.tenant.TenantSettings;
import java.math.BigDecimal;
import java.time.Instant;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.UUID;
import java.util.function.BiFunction;
import org.springframework.r2dbc.core.DatabaseClient;
import reactor.core.publisher.Flux;
import reactor.core.publisher.Mono;

/**
 * Recurring bookings, decided inside {@link BookingService}'s transaction (the tenant's
 * row-level-security context, the outcome stored with it).
 *
 * <p>A {@link RequestSeries} is decided occurrence by occurrence, in order: each is checked as a
 * single booking would be (opening hours, past, a waitlist hold) and inserted with {@code ON
 * CONFLICT DO NOTHING}, so the exclusion constraint decides it; a free one becomes an active
 * reservation of its own (with its reminder row, command id {@code <commandId>#<n>}) linked to the
 * series, a taken one is answered with the free slots near it. One {@link SeriesBooked} answers it
 * all. {@link CancelSeries} cancels the active occurrences not started yet from a time on.
 */
final class SeriesDecisions {

  private final int alternatives;
  private final FieldIds fields;

  SeriesDecisions(int alternatives, FieldIds fields) {
    this.alternatives = alternatives;
    this.fields = fields;
  }

  /** What an occurrence came to. */
  private record Decided(ReservationView booked, MissedOccurrence missed) {}

  Mono<ReservationEvent> request(
      DatabaseClient db,
      BookingTenant tenant,
      Schedule schedule,
      RequestSeries r,
      Instant now,
      BiFunction<ReservationCommand, Violation, Mono<ReservationEvent>> reject) {
    TenantSettings settings = tenant.settings();
    String asked = r.field() == null ? settings.fieldDetails().get(0).id() : r.field();
    Optional<FieldSpec> field = settings.field(asked);
    if (field.isEmpty()) {
      return reject.apply(
          r, new Violation(RejectionReason.UNKNOWN_FIELD, "no field named '" + asked + "'"));
    }
    CustomerIdentity who = BookingService.identity(r.customer());
    Optional<Violation> forbidden =
        Permissions.mayBookFor(r.requestedBy(), who, settings.adminNumbers());
    if (forbidden.isPresent()) {
      return reject.apply(r, forbidden.get());
    }
    Interval first = new Interval(r.start(), r.end());
    Optional<Violation> firstInvalid = schedule.check(first, now);
    if (firstInvalid.isPresent() && firstInvalid.get().reason() == RejectionReason.INVALID) {
      // a length the business does not sell is wrong every week: one rejection, not n misses
      return reject.apply(r, firstInvalid.get());
    }
    List<Interval> weeks = Weekly.occurrences(first, schedule.zone(), r.occurrences());
    UUID t = tenant.id();
    String by = r.requestedBy().role().name().toLowerCase() + ":" + r.requestedBy().userId();
    return fields
        .id(db, t, field.get().id(), field.get().name())
        .flatMap(
            fieldId ->
                BookingRepository.customer(db, t, r.customer().name(), who.phone(), who.userId())
                    .flatMap(
                        customer ->
                            insertSeries(db, t, customer.id(), fieldId, r, by)
                                .flatMap(
                                    seriesId ->
                                        Flux.range(0, weeks.size())
                                            .concatMap(
                                                i ->
                                                    occurrence(
                                                        db,
                                                        tenant,
                                                        schedule,
                                                        r,
                                                        field.get().name(),
                                                        fieldId,
                                                        customer,
                                                        seriesId,
                                                        i + 1,
                                                        weeks.get(i),
                                                        by,
                                                        now))
                                            .collectList()
                                            .map(
                                                decided ->
                                                    booked(
                                                        r,
                                                        seriesId,
                                                        decided,
                                                        BookingService.eventId(),
                                                        now)))));
  }

  private Mono<Decided> occurrence(
      DatabaseClient db,
      BookingTenant tenant,
      Schedule schedule,
      RequestSeries r,
      String field,
      long fieldId,
      BookingRepository.CustomerRow customer,
      long seriesId,
      int number,
      Interval interval,
      String by,
      Instant now) {
    Slot slot = new Slot(field, interval.start(), interval.end());
    Optional<Violation> invalid = schedule.check(interval, now);
    if (invalid.isPresent()) {
      return Mono.just(
          new Decided(null, new MissedOccurrence(slot, invalid.get().reason(), List.of())));
    }
    TenantSettings settings = tenant.settings();
    UUID t = tenant.id();
    BigDecimal price = schedule.price(interval);
    Mono<Long> insert =
        WaitlistDecisions.unlessHeld(
            db,
            t,
            fieldId,
            customer.id(),
            interval,
            now,
            BookingRepository.insert(
                db,
                t,
                fieldId,
                customer.id(),
                interval,
                price,
                settings.currency(),
                r.commandId() + "#" + number,
                by));
    return insert
        .flatMap(
            id ->
                ReminderRows.schedule(
                        db,
                        t,
                        id,
                        interval.start(),
                        ReminderTimes.dueAt(settings.notifications(), interval.start(), now))
                    .then(linkOccurrence(db, t, id, seriesId, number))
                    .thenReturn(
                        new Decided(
                            new ReservationView(
                                id,
                                field,
                                new CustomerRef(
                                    customer.name(), customer.phone(), customer.userId()),
                                interval.start(),
                                interval.end(),
                                ReservationView.ACTIVE,
                                price,
                                settings.currency()),
                            null)))
        .switchIfEmpty(
            Mono.defer(
                () ->
                    taken(db, tenant, schedule, field, interval, now)
                        .map(
                            alts ->
                                new Decided(
                                    null,
                                    new MissedOccurrence(slot, RejectionReason.OVERLAP, alts)))));
  }

  private Mono<List<Slot>> taken(
      DatabaseClient db,
      BookingTenant tenant,
      Schedule schedule,
      String field,
      Interval requested,
      Instant now) {
    LocalDate day = schedule.dateOf(requested.start());
    Instant from = day.atStartOfDay(schedule.zone()).toInstant();
    Instant to = day.plusDays(2).atStartOfDay(schedule.zone()).toInstant();
    return BookingRepository.busy(db, tenant.id(), from, to, 0)
        .map(
            busy ->
                schedule.alternatives(field, requested, busy, now, alternatives).stream()
                    .map(c -> new Slot(c.field(), c.interval().start(), c.interval().end()))
                    .toList());
  }

  private static SeriesBooked booked(
      RequestSeries r, long seriesId, List<Decided> decided, String eventId, Instant now) {
    List<ReservationView> booked = new ArrayList<>();
    List<MissedOccurrence> missed = new ArrayList<>();
    for (Decided d : decided) {
      if (d.booked() != null) {
        booked.add(d.booked());
      } else {
        missed.add(d.missed());
      }
    }
    return new SeriesBooked(
        eventId,
        now,
        r.tenantId(),
        r.commandId(),
        seriesId,
        booked,
        missed,
        r.requestedBy(),
        r.causationId());
  }

  private static Mono<Long> insertSeries(
      DatabaseClient db, UUID tenant, long customerId, long fieldId, RequestSeries r, String by) {
    return db.sql(
            "INSERT INTO reservation_series (tenant_id, customer_id, field_id, command_id,"
                + " first_start, first_end, occurrences, created_by) VALUES (:tenant, :customer,"
                + " :field, :command, :start, :end, :n, :by) RETURNING id")
        .bind("tenant", tenant)
        .bind("customer", customerId)
        .bind("field", fieldId)
        .bind("command", r.commandId())
        .bind("start", utc(r.start()))
        .bind("end", utc(r.end()))
        .bind("n", r.occurrences())
        .bind("by", by)
        .map(row -> row.get("id", Long.class))
        .one();
  }

  private static Mono<Void> linkOccurrence(
      DatabaseClient db, UUID tenant, long reservationId, long seriesId, int number) {
    return db.sql(
            "INSERT INTO series_occurrences (reservation_id, tenant_id, series_id, occurrence)"
                + " VALUES (:reservation, :tenant, :series, :n)")
        .bind("reservation", reservationId)
        .bind("tenant", tenant)
        .bind("series", seriesId)
        .bind("n", number)
        .fetch()
        .rowsUpdated()
        .then();
  }

  /** A series as {@link CancelSeries} finds it through one of its occurrences. */
  private record Found(long seriesId, Instant from, CustomerIdentity owner) {}

  /**
   * The series of the occurrence, locked for this transaction, with the occurrence's start and the
   * series' customer; empty when the reservation is not the tenant's or not of a series.
   */
  private static Mono<Found> lockSeries(DatabaseClient db, UUID tenant, long reservationId) {
    return db.sql(
            "SELECT s.id, r.start_time, c.phone, c.user_id FROM series_occurrences o"
                + " JOIN reservation_series s ON s.id = o.series_id AND s.tenant_id = o.tenant_id"
                + " JOIN reservations r ON r.id = o.reservation_id AND r.tenant_id = o.tenant_id"
                + " JOIN customers c ON c.id = s.customer_id AND c.tenant_id = s.tenant_id"
                + " WHERE o.tenant_id = :tenant AND o.reservation_id = :id FOR UPDATE OF s")
        .bind("tenant", tenant)
        .bind("id", reservationId)
        .map(
            row ->
                new Found(
                    row.get("id", Long.class),
                    row.get("start_time", java.time.OffsetDateTime.class).toInstant(),
                    new CustomerIdentity(
                        row.get("phone", String.class), row.get("user_id", String.class))))
        .one();
  }

  Mono<ReservationEvent> cancel(
      DatabaseClient db,
      BookingTenant tenant,
      CancelSeries c,
      Instant now,
      BiFunction<ReservationCommand, Violation, Mono<ReservationEvent>> reject) {
    UUID t = tenant.id();
    return lockSeries(db, t, c.reservationId())
        .flatMap(
            found -> {
              Instant from = found.from();
              Optional<Violation> refused =
                  Permissions.mayChange(
                      c.requestedBy(), found.owner(), tenant.settings().adminNumbers());
              if (refused.isPresent()) {
                return reject.apply(c, refused.get());
              }
              return db.sql(
                      "UPDATE reservations r SET status = 'cancelled', updated_at = now()"
                          + " FROM series_occurrences o WHERE o.reservation_id = r.id"
                          + " AND o.tenant_id = :tenant AND o.series_id = :series"
                          + " AND r.tenant_id = :tenant AND r.status = 'active'"
                          + " AND r.start_time >= :from AND r.start_time > :now RETURNING r.id")
                  .bind("tenant", t)
                  .bind("series", found.seriesId())
                  .bind("from", utc(from))
                  .bind("now", utc(now))
                  .map(row -> row.get("id", Long.class))
                  .all()
                  .concatMap(
                      id ->
                          ReminderRows.remove(db, t, id)
                              .then(BookingRepository.reservation(db, t, id)))
                  .map(row -> row.view(now, tenant.settings().currency()))
                  .collectList()
                  .<ReservationEvent>map(
                      cancelled ->
                          new SeriesCancelled(
                              BookingService.eventId(),
                              now,
                              t,
                              c.commandId(),
                              found.seriesId(),
                              cancelled.stream()
                                  .sorted(java.util.Comparator.comparing(ReservationView::start))
                                  .toList(),
                              c.requestedBy(),
                              c.causationId()));
            })
        .switchIfEmpty(
            Mono.defer(
                () ->
                    reject.apply(
                        c,
                        new Violation(
                            RejectionReason.NOT_FOUND,
                            "no such occurrence of a series for this business"))));
  }
}
