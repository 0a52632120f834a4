package io.sahabot.reservation.booking;

import io.sahabot.platform.db.TenantScope;
import io.sahabot.platform.tenants.TenantSnapshots;
import io.sahabot.reservation.booking.domain.CancellationPolicy;
import io.sahabot.reservation.booking.domain.Candidate;
import io.sahabot.reservation.booking.domain.Interval;
import io.sahabot.reservation.booking.domain.Permissions;
import io.sahabot.reservation.booking.domain.Permissions.CustomerIdentity;
import io.sahabot.reservation.booking.domain.PhoneNumbers;
import io.sahabot.reservation.booking.domain.ReminderTimes;
import io.sahabot.reservation.booking.domain.Schedule;
import io.sahabot.reservation.booking.domain.Violation;
import io.sahabot.reservation.config.ReservationProperties;
import io.sahabot.reservation.tenants.BookingTenant;
import io.sahabot.schemas.reservation.AcceptWaitlistOffer;
import io.sahabot.schemas.reservation.CancelReservation;
import io.sahabot.schemas.reservation.CancelSeries;
import io.sahabot.schemas.reservation.CustomerRef;
import io.sahabot.schemas.reservation.JoinWaitlist;
import io.sahabot.schemas.reservation.MarkNoShow;
import io.sahabot.schemas.reservation.MoveReservation;
import io.sahabot.schemas.reservation.RejectionReason;
import io.sahabot.schemas.reservation.RequestReservation;
import io.sahabot.schemas.reservation.RequestSeries;
import io.sahabot.schemas.reservation.ReservationCancelled;
import io.sahabot.schemas.reservation.ReservationCommand;
import io.sahabot.schemas.reservation.ReservationConfirmed;
import io.sahabot.schemas.reservation.ReservationEvent;
import io.sahabot.schemas.reservation.ReservationMarkedNoShow;
import io.sahabot.schemas.reservation.ReservationMoved;
import io.sahabot.schemas.reservation.ReservationRejected;
import io.sahabot.schemas.reservation.ReservationView;
import io.sahabot.schemas.reservation.Slot;
import io.sahabot.schemas.tenant.FieldSpec;
import io.sahabot.schemas.tenant.TenantSettings;
import java.time.Clock;
import java.time.Instant;
import java.time.LocalDate;
import java.util.List;
import java.util.Optional;
import java.util.UUID;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.r2dbc.core.DatabaseClient;
import org.springframework.stereotype.Service;
import reactor.core.publisher.Mono;

/**
 * Decides one command in one transaction under the tenant's row-level-security context, and stores
 * its outcome in the same transaction. A command whose outcome is already stored changes nothing:
 * the stored outcome is returned to be published again.
 *
 * <p>Commands come from {@code reservation.commands}, which only the agent writes (for customers
 * and owners): a command whose actor is an {@code OPERATOR} is rejected ({@code FORBIDDEN}, stored
 * like any other outcome) and logged at WARN.
 *
 * <p>Every outcome names the command's {@code requestedBy} and {@code causationId}, so whoever
 * tells it knows whom it concerns. A confirmed or moved reservation's reminder row ({@link
 * ReminderRows}) is written in the same transaction; a cancellation or no-show removes it.
 *
 * <p>A command for a tenant this instance has not seen on {@code tenant.changelog} waits up to
 * {@code sahabot.reservation.tenant-wait} for the snapshot, then is rejected ({@code
 * TENANT_INACTIVE}, "tenant not known") without storing the outcome, so a later replay, once the
 * tenant is known, is decided for real.
 */
@Service
public class BookingService {

  /** The outcome of a command, and whether it was decided earlier (a redelivery). */
  public record Outcome(ReservationEvent event, boolean replayed) {}

  private static final Logger log = LoggerFactory.getLogger(BookingService.class);
  private static final String MOVE_SAVEPOINT = "move_target";

  private final TenantScope scope;
  private final TenantSnapshots snapshots;
  private final ReservationProperties properties;
  private final Clock clock;
  private final FieldIds fields = new FieldIds();
  private final SeriesDecisions series;
  private final WaitlistDecisions waitlists;

  public BookingService(
      TenantScope scope, TenantSnapshots snapshots, ReservationProperties properties, Clock clock) {
    this.scope = scope;
    this.snapshots = snapshots;
    this.properties = properties;
    this.clock = clock;
    this.series = new SeriesDecisions(properties.alternatives(), fields);
    this.waitlists = new WaitlistDecisions(fields);
  }

  public Mono<Outcome> handle(ReservationCommand command) {
    return BookingTenant.await(snapshots, command.tenantId(), properties.tenantWait())
        .flatMap(tenant -> decideOnce(tenant, command))
        .switchIfEmpty(
            Mono.fromSupplier(
                () ->
                    new Outcome(
                        rejected(
                            command,
                            new Violation(
                                RejectionReason.TENANT_INACTIVE,
                                "tenant not known to reservation-service"),
                            List.of()),
                        false)));
  }

  private Mono<Outcome> decideOnce(BookingTenant tenant, ReservationCommand command) {
    return scope.one(
        tenant.id(),
        db ->
            BookingRepository.storedOutcome(db, tenant.id(), command.commandId())
                .map(event -> new Outcome(event, true))
                .switchIfEmpty(
                    Mono.defer(() -> decide(db, tenant, command))
                        .flatMap(
                            event ->
                                erasedCustomer(event)
                                    ? Mono.just(event) // not stored: it names the erased customer
                                    : BookingRepository.storeOutcome(db, event))
                        .map(event -> new Outcome(event, false))));
  }

  private Mono<ReservationEvent> decide(
      DatabaseClient db, BookingTenant tenant, ReservationCommand command) {
    Optional<Violation> channel = Permissions.mayCommandThroughTopic(command.requestedBy());
    if (channel.isPresent()) {
      log.warn(
          "{} {} of tenant {} refused: its actor is {}, which reservation.commands does not accept",
          command.getClass().getSimpleName(),
          command.commandId(),
          command.tenantId(),
          command.requestedBy().role());
      return reject(command, channel.get());
    }
    if (!tenant.active()) {
      return reject(
          command, new Violation(RejectionReason.TENANT_INACTIVE, "the business is deactivated"));
    }
    Instant now = clock.instant();
    Schedule schedule = new Schedule(tenant.settings(), properties.maxLength());
    if (command instanceof RequestReservation r) {
      return request(db, tenant, schedule, r, now);
    } else if (command instanceof CancelReservation c) {
      return cancel(db, tenant, c, now);
    } else if (command instanceof MoveReservation m) {
      return move(db, tenant, schedule, m, now);
    } else if (command instanceof MarkNoShow n) {
      return noShow(db, tenant, n, now);
    } else if (command instanceof RequestSeries s) {
      return series.request(db, tenant, schedule, s, now, this::reject);
    } else if (command instanceof CancelSeries s) {
      return series.cancel(db, tenant, s, now, this::reject);
    } else if (command instanceof JoinWaitlist j) {
      return waitlists.join(db, tenant, schedule, j, now, this::reject);
    } else if (command instanceof AcceptWaitlistOffer a) {
      return waitlists.accept(db, tenant, schedule, a, now, this::reject);
    }
    throw new IllegalArgumentException("unknown command " + command.getClass().getSimpleName());
  }

  /**
   * A request whose customer's data was erased after it was issued (a replayed or redelivered
   * command, never decided before) is refused: it would create the erased customer again.
   */
  private Mono<ReservationEvent> request(
      DatabaseClient db,
      BookingTenant tenant,
      Schedule schedule,
      RequestReservation r,
      Instant now) {
    return io.sahabot.platform.privacy.ErasureList.erasedSince(
            db,
            tenant.id(),
            java.util.Arrays.asList(r.customer().phone(), r.customer().userId()),
            r.issuedAt())
        .flatMap(
            erased ->
                erased
                    ? reject(r, new Violation(RejectionReason.INVALID, ERASED_CUSTOMER))
                    : requestFor(db, tenant, schedule, r, now));
  }

  /** Why a request issued before its customer's erasure is refused. */
  static final String ERASED_CUSTOMER =
      "the customer's data was erased after this request was made";

  /**
   * The refusal of a request whose customer was erased since: never stored (a stored outcome would
   * keep the customer's phone); a redelivery is refused again, as the erasure list still says so.
   */
  private static boolean erasedCustomer(ReservationEvent event) {
    return event instanceof io.sahabot.schemas.reservation.ReservationRejected r
        && ERASED_CUSTOMER.equals(r.detail());
  }

  private Mono<ReservationEvent> requestFor(
      DatabaseClient db,
      BookingTenant tenant,
      Schedule schedule,
      RequestReservation r,
      Instant now) {
    TenantSettings settings = tenant.settings();
    Optional<FieldSpec> field =
        settings.field(r.field() == null ? settings.fieldDetails().get(0).id() : r.field());
    if (field.isEmpty()) {
      return reject(r, unknownField(r.field()));
    }
    Interval interval = new Interval(r.start(), r.end());
    Optional<Violation> invalid =
        schedule
            .check(interval, now)
            .or(
                () ->
                    Permissions.mayBookFor(
                        r.requestedBy(), identity(r.customer()), settings.adminNumbers()));
    if (invalid.isPresent()) {
      return reject(r, invalid.get());
    }
    CustomerIdentity who = identity(r.customer());
    // a blocked slot is not sold: no price, and its kind keeps it out of every report
    var price =
        r.customer().isBlock() ? java.math.BigDecimal.ZERO : schedule.price(interval, field.get());
    UUID t = tenant.id();
    return fields
        .id(db, t, field.get().id(), field.get().name())
        .flatMap(
            fieldId ->
                BookingRepository.customer(db, t, r.customer().name(), who.phone(), who.userId())
                    .flatMap(
                        customer ->
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
                                        r.commandId(),
                                        r.requestedBy().role().name().toLowerCase()
                                            + ":"
                                            + r.requestedBy().userId(),
                                        Kinds.of(r.customer())))
                                .flatMap(
                                    id ->
                                        ReminderRows.schedule(
                                                db,
                                                t,
                                                id,
                                                interval.start(),
                                                ReminderTimes.dueAt(
                                                    settings.notifications(),
                                                    interval.start(),
                                                    now))
                                            .thenReturn(id))
                                .<ReservationEvent>map(
                                    id ->
                                        new ReservationConfirmed(
                                            eventId(),
                                            now,
                                            t,
                                            r.commandId(),
                                            new ReservationView(
                                                id,
                                                field.get().name(),
                                                new CustomerRef(
                                                    customer.name(),
                                                    customer.phone(),
                                                    customer.userId()),
                                                interval.start(),
                                                interval.end(),
                                                ReservationView.ACTIVE,
                                                price,
                                                settings.currency()),
                                            r.requestedBy(),
                                            r.causationId()))))
        .switchIfEmpty(
            Mono.defer(() -> overlap(db, tenant, schedule, r, field.get(), interval, 0, now)));
  }

  private Mono<ReservationEvent> cancel(
      DatabaseClient db, BookingTenant tenant, CancelReservation c, Instant now) {
    return BookingRepository.lockReservation(db, tenant.id(), c.reservationId())
        .flatMap(
            row -> {
              Optional<Violation> refused =
                  Permissions.mayChange(
                          c.requestedBy(), row.owner(), tenant.settings().adminNumbers())
                      .or(() -> changeable(row, now))
                      .or(
                          () ->
                              CancellationPolicy.check(
                                  c.requestedBy(),
                                  tenant.settings().adminNumbers(),
                                  tenant.settings().customerCancelLimitHours(),
                                  row.start(),
                                  now));
              if (refused.isPresent()) {
                return reject(c, refused.get());
              }
              return BookingRepository.setStatus(db, row.id(), ReservationView.CANCELLED)
                  .then(ReminderRows.remove(db, tenant.id(), row.id()))
                  .then(BookingRepository.reservation(db, tenant.id(), row.id()))
                  .map(
                      updated ->
                          new ReservationCancelled(
                              eventId(),
                              now,
                              tenant.id(),
                              c.commandId(),
                              updated.view(now, tenant.settings()),
                              c.requestedBy(),
                              c.causationId()));
            })
        .switchIfEmpty(Mono.defer(() -> reject(c, notFound())));
  }

  private Mono<ReservationEvent> move(
      DatabaseClient db, BookingTenant tenant, Schedule schedule, MoveReservation m, Instant now) {
    TenantSettings settings = tenant.settings();
    return BookingRepository.lockReservation(db, tenant.id(), m.reservationId())
        .flatMap(
            row -> {
              Optional<Violation> refused =
                  Permissions.mayChange(m.requestedBy(), row.owner(), settings.adminNumbers())
                      .or(() -> changeable(row, now))
                      // moving gives up the booked slot: a customer may not, within the notice
                      .or(
                          () ->
                              CancellationPolicy.check(
                                  m.requestedBy(),
                                  settings.adminNumbers(),
                                  settings.customerCancelLimitHours(),
                                  row.start(),
                                  now));
              if (refused.isPresent()) {
                return reject(m, refused.get());
              }
              Optional<FieldSpec> field =
                  m.field() == null
                      ? settings.fieldDetails().stream()
                          .filter(f -> f.id().equals(row.fieldKey()))
                          .findFirst()
                      : settings.field(m.field());
              if (field.isEmpty()) {
                return reject(m, unknownField(m.field()));
              }
              Interval target = new Interval(m.newStart(), m.newEnd());
              Optional<Violation> invalid = schedule.check(target, now);
              if (invalid.isPresent()) {
                return reject(m, invalid.get());
              }
              var price = schedule.price(target, field.get());
              return fields
                  .id(db, tenant.id(), field.get().id(), field.get().name())
                  .flatMap(
                      fieldId ->
                          BookingRepository.savepoint(db, MOVE_SAVEPOINT)
                              .then(BookingRepository.move(db, row.id(), fieldId, target, price))
                              .then(
                                  ReminderRows.schedule(
                                      db,
                                      tenant.id(),
                                      row.id(),
                                      target.start(),
                                      ReminderTimes.dueAt(
                                          settings.notifications(), target.start(), now)))
                              .then(BookingRepository.reservation(db, tenant.id(), row.id()))
                              .<ReservationEvent>map(
                                  moved ->
                                      new ReservationMoved(
                                          eventId(),
                                          now,
                                          tenant.id(),
                                          m.commandId(),
                                          moved.view(now, settings),
                                          new Slot(row.fieldName(settings), row.start(), row.end()),
                                          m.requestedBy(),
                                          m.causationId()))
                              .onErrorResume(
                                  e -> Sql.EXCLUSION_VIOLATION.equals(Sql.sqlState(e)),
                                  e ->
                                      BookingRepository.rollbackTo(db, MOVE_SAVEPOINT)
                                          .then(
                                              overlap(
                                                  db,
                                                  tenant,
                                                  schedule,
                                                  m,
                                                  field.get(),
                                                  target,
                                                  row.id(),
                                                  now))));
            })
        .switchIfEmpty(Mono.defer(() -> reject(m, notFound())));
  }

  private Mono<ReservationEvent> noShow(
      DatabaseClient db, BookingTenant tenant, MarkNoShow n, Instant now) {
    Optional<Violation> forbidden =
        Permissions.mayMarkNoShow(n.requestedBy(), tenant.settings().adminNumbers());
    if (forbidden.isPresent()) {
      return reject(n, forbidden.get());
    }
    return BookingRepository.lockReservation(db, tenant.id(), n.reservationId())
        .flatMap(
            row -> {
              if (!ReservationView.ACTIVE.equals(row.status())) {
                return reject(
                    n,
                    new Violation(RejectionReason.INVALID, "the reservation is " + row.status()));
              }
              // marked in advance ("won't come"), the slot is free again: the interval no longer
              // holds (only 'active' rows do) and the waitlist scheduler offers it, as after a
              // cancellation
              return BookingRepository.noShow(db, row.id(), row.start(), now)
                  .then(ReminderRows.remove(db, tenant.id(), row.id()))
                  .then(BookingRepository.reservation(db, tenant.id(), row.id()))
                  .map(
                      updated ->
                          new ReservationMarkedNoShow(
                              eventId(),
                              now,
                              tenant.id(),
                              n.commandId(),
                              updated.view(now, tenant.settings()),
                              n.requestedBy(),
                              n.causationId()));
            })
        .switchIfEmpty(Mono.defer(() -> reject(n, notFound())));
  }

  private Mono<ReservationEvent> overlap(
      DatabaseClient db,
      BookingTenant tenant,
      Schedule schedule,
      ReservationCommand command,
      FieldSpec field,
      Interval requested,
      long exceptId,
      Instant now) {
    LocalDate day = schedule.businessDayOf(requested.start());
    Instant from = day.atStartOfDay(schedule.zone()).toInstant();
    Instant to = day.plusDays(2).atStartOfDay(schedule.zone()).toInstant();
    return BookingRepository.busy(db, tenant.id(), from, to, exceptId)
        .map(
            busy -> {
              List<Slot> alternatives =
                  schedule
                      .alternatives(field.id(), requested, busy, now, properties.alternatives())
                      .stream()
                      .map(BookingService::slot)
                      .toList();
              return rejected(
                  command,
                  new Violation(RejectionReason.OVERLAP, "the slot is taken on " + field.name()),
                  alternatives);
            });
  }

  private static Optional<Violation> changeable(ReservationRow row, Instant now) {
    if (!ReservationView.ACTIVE.equals(row.status())) {
      return Optional.of(
          new Violation(RejectionReason.INVALID, "the reservation is " + row.status()));
    }
    if (!row.start().isAfter(now)) {
      return Optional.of(new Violation(RejectionReason.PAST, "the reservation has started"));
    }
    return Optional.empty();
  }

  /** The customer's phone (normalised) and user id; a WhatsApp id of digits is its phone too. */
  static CustomerIdentity identity(CustomerRef customer) {
    String phone =
        PhoneNumbers.normalise(customer.phone())
            .or(
                () ->
                    customer.userId() != null && customer.userId().matches("[0-9]{8,15}")
                        ? PhoneNumbers.normalise(customer.userId())
                        : Optional.empty())
            .orElse(null);
    return new CustomerIdentity(phone, customer.userId());
  }

  private static Violation unknownField(String name) {
    return new Violation(RejectionReason.UNKNOWN_FIELD, "no field named '" + name + "'");
  }

  private static Violation notFound() {
    return new Violation(RejectionReason.NOT_FOUND, "no such reservation for this business");
  }

  private static Slot slot(Candidate c) {
    return new Slot(c.field(), c.interval().start(), c.interval().end());
  }

  private Mono<ReservationEvent> reject(ReservationCommand command, Violation violation) {
    return Mono.just(rejected(command, violation, List.of()));
  }

  private ReservationRejected rejected(
      ReservationCommand command, Violation violation, List<Slot> alternatives) {
    return new ReservationRejected(
        eventId(),
        clock.instant(),
        command.tenantId(),
        command.commandId(),
        violation.reason(),
        violation.detail(),
        alternatives,
        command.requestedBy(),
        command.causationId());
  }

  static String eventId() {
    return UUID.randomUUID().toString();
  }
}
