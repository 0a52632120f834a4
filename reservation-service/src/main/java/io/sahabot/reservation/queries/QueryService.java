package io.sahabot.reservation.queries;

import static io.sahabot.reservation.booking.Sql.utc;

import io.sahabot.platform.db.TenantScope;
import io.sahabot.platform.tenants.TenantSnapshots;
import io.sahabot.reservation.booking.BookingRepository;
import io.sahabot.reservation.booking.Kinds;
import io.sahabot.reservation.booking.ReservationRow;
import io.sahabot.reservation.booking.domain.Interval;
import io.sahabot.reservation.booking.domain.PhoneNumbers;
import io.sahabot.reservation.booking.domain.Schedule;
import io.sahabot.reservation.config.ReservationProperties;
import io.sahabot.reservation.tenants.BookingTenant;
import io.sahabot.schemas.reservation.CustomerRef;
import io.sahabot.schemas.reservation.ReservationView;
import io.sahabot.schemas.reservation.Slot;
import io.sahabot.schemas.reservation.query.Availability;
import io.sahabot.schemas.reservation.query.Cancellations;
import io.sahabot.schemas.reservation.query.Canceller;
import io.sahabot.schemas.reservation.query.CustomerSummary;
import io.sahabot.schemas.reservation.query.FieldAvailability;
import io.sahabot.schemas.reservation.query.FreeSlot;
import io.sahabot.schemas.reservation.query.LoyalCustomer;
import io.sahabot.schemas.reservation.query.Loyalty;
import io.sahabot.schemas.reservation.query.PeakHour;
import io.sahabot.schemas.reservation.query.PeakHours;
import io.sahabot.schemas.reservation.query.Reservations;
import io.sahabot.schemas.reservation.query.Sales;
import io.sahabot.schemas.reservation.query.TenantStats;
import io.sahabot.schemas.reservation.query.Waitlist;
import io.sahabot.schemas.reservation.query.WaitlistEntry;
import java.math.BigDecimal;
import java.math.RoundingMode;
import java.time.Clock;
import java.time.DayOfWeek;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.time.OffsetDateTime;
import java.util.List;
import java.util.Optional;
import java.util.UUID;
import org.springframework.stereotype.Service;
import reactor.core.publisher.Mono;

/**
 * The read side: every query runs in a read transaction under the tenant's row-level-security
 * context, and dates are read as days of the tenant's time zone. Reservations played or still to be
 * (active, completed) count as sold: in the sales report, the loyal customers, the revenue of the
 * stats. A no-show is not sold (nor a visit): the sales report and the cancellers count it apart.
 * The table and the peak hours show every reservation that held its slot (no-shows included).
 */
@Service
public class QueryService {

  static final int MAX_RANGE_DAYS = 366;

  /** Played or still to be: neither cancelled nor a no-show; a booking, not a blocked slot. */
  private static final String SOLD =
      Kinds.BOOKINGS_ONLY + " AND r.status NOT IN ('cancelled', 'no_show')";

  /**
   * Held its slot: not cancelled (a no-show held it, and kept others out, unless it was marked in
   * advance and freed it); a booking, not a block.
   */
  private static final String HELD = Kinds.BOOKINGS_ONLY + " AND " + Kinds.HELD;

  private final TenantScope scope;
  private final TenantSnapshots snapshots;
  private final ReservationProperties properties;
  private final Clock clock;

  public QueryService(
      TenantScope scope, TenantSnapshots snapshots, ReservationProperties properties, Clock clock) {
    this.scope = scope;
    this.snapshots = snapshots;
    this.properties = properties;
    this.clock = clock;
  }

  public Mono<BookingTenant> tenant(UUID tenantId) {
    return BookingTenant.await(snapshots, tenantId, properties.queryTenantWait())
        .switchIfEmpty(Mono.error(() -> new UnknownTenantException(tenantId)));
  }

  Schedule schedule(BookingTenant tenant) {
    return new Schedule(tenant.settings(), properties.maxLength());
  }

  public Mono<TenantStats> stats(UUID tenantId) {
    return tenant(tenantId)
        .flatMap(
            t ->
                scope.one(
                    t.id(),
                    db ->
                        db.sql(
                                "SELECT (SELECT count(*) FROM customers c WHERE c.tenant_id ="
                                    + " :t AND "
                                    + Kinds.PEOPLE_ONLY
                                    + ") AS customers, count(*) AS total, count(*) FILTER (WHERE"
                                    + " r.status = 'active' AND r.end_time > now()) AS active,"
                                    + " coalesce(sum(r.price) FILTER (WHERE r.status NOT IN"
                                    + " ('cancelled', 'no_show')), 0) AS revenue FROM"
                                    + " reservations r WHERE r.tenant_id = :t AND "
                                    + Kinds.BOOKINGS_ONLY)
                            .bind("t", t.id())
                            .map(
                                row ->
                                    new TenantStats(
                                        row.get("customers", Long.class),
                                        row.get("total", Long.class),
                                        row.get("active", Long.class),
                                        money(t, row.get("revenue", BigDecimal.class)),
                                        t.settings().currency()))
                            .one()));
  }

  public Mono<Availability> availability(UUID tenantId, LocalDate date, Integer lengthMinutes) {
    return tenant(tenantId)
        .flatMap(
            t -> {
              Schedule schedule = schedule(t);
              Duration length =
                  lengthMinutes == null ? schedule.slot() : Duration.ofMinutes(lengthMinutes);
              if (length.isNegative()
                  || length.isZero()
                  || length.compareTo(properties.maxLength()) > 0) {
                return Mono.error(new IllegalArgumentException("length: out of range"));
              }
              Instant from = date.atStartOfDay(schedule.zone()).toInstant();
              Instant to = date.plusDays(2).atStartOfDay(schedule.zone()).toInstant();
              return scope
                  .one(t.id(), db -> BookingRepository.busy(db, t.id(), from, to, 0))
                  .map(
                      busy ->
                          new Availability(
                              date,
                              t.settings().timeZone(),
                              (int) length.toMinutes(),
                              t.settings().fieldDetails().stream()
                                  .map(
                                      f ->
                                          new FieldAvailability(
                                              f.name(),
                                              schedule
                                                  .freeSlots(
                                                      date,
                                                      length,
                                                      busy.getOrDefault(f.id(), List.of()),
                                                      clock.instant())
                                                  .stream()
                                                  .map(i -> new FreeSlot(i.start(), i.end()))
                                                  .toList(),
                                              f.id(),
                                              f.size(),
                                              f.pricePerHour() != null
                                                  ? f.pricePerHour()
                                                  : t.settings().pricePerHour()))
                                  .toList()));
            });
  }

  public Mono<Reservations> reservations(UUID tenantId, LocalDate from, LocalDate to) {
    return tenant(tenantId)
        .flatMap(
            t -> {
              Interval range = range(t, from, to);
              Instant now = clock.instant();
              return scope
                  .many(
                      t.id(),
                      db ->
                          db.sql(
                                  "SELECT "
                                      + ReservationRow.COLUMNS
                                      + ReservationRow.FROM
                                      + " WHERE r.tenant_id = :t AND r.start_time < :to"
                                      + " AND r.end_time > :from ORDER BY r.start_time, f.name")
                              .bind("t", t.id())
                              .bind("from", utc(range.start()))
                              .bind("to", utc(range.end()))
                              .map(ReservationRow::read)
                              .all())
                  .map(row -> row.view(now, t.settings()))
                  .collectList()
                  .map(list -> new Reservations(from, to, t.settings().timeZone(), list));
            });
  }

  /**
   * The active reservations not started yet whose business day is from {@code from} to {@code to}
   * (a night past midnight belongs to the day it started), on one field (by its stable id) or on
   * all: what a removed field or a newly closed date would leave stranded.
   */
  public Mono<Reservations> upcoming(UUID tenantId, String fieldId, LocalDate from, LocalDate to) {
    return tenant(tenantId)
        .flatMap(
            t -> {
              Interval days = range(t, from, to);
              Schedule schedule = schedule(t);
              Instant now = clock.instant();
              Instant end = days.end().plus(Duration.ofDays(1));
              return scope
                  .many(
                      t.id(),
                      db ->
                          db.sql(
                                  "SELECT "
                                      + ReservationRow.COLUMNS
                                      + ReservationRow.FROM
                                      + " WHERE r.tenant_id = :t AND r.status = 'active'"
                                      + " AND r.start_time > :now AND r.start_time >= :from"
                                      + " AND r.start_time < :to"
                                      + (fieldId == null ? "" : " AND f.field_key = :field")
                                      + " ORDER BY r.start_time")
                              .bind("t", t.id())
                              .bind("now", utc(now))
                              .bind("from", utc(days.start()))
                              .bind("to", utc(end))
                              .bind("field", fieldId == null ? "" : fieldId)
                              .map(ReservationRow::read)
                              .all())
                  .filter(
                      row -> {
                        LocalDate day = schedule.businessDayOf(row.start());
                        return !day.isBefore(from) && !day.isAfter(to);
                      })
                  .map(row -> row.view(now, t.settings()))
                  .collectList()
                  .map(list -> new Reservations(from, to, t.settings().timeZone(), list));
            });
  }

  /**
   * The outcome reservation-service stored for the tenant's command, as the JSON of its {@code
   * reservation.events} value; empty when the command is not decided (or unknown). The tenant API
   * waits on it for the commands it sends.
   */
  public Mono<String> commandOutcome(UUID tenantId, String commandId) {
    return scope.one(
        tenantId,
        db ->
            db.sql(
                    "SELECT event::text AS event FROM reservation_outcomes"
                        + " WHERE tenant_id = :tenant AND command_id = :id")
                .bind("tenant", tenantId)
                .bind("id", commandId)
                .map(row -> row.get("event", String.class))
                .one());
  }

  /** The tenant's reservation {@code reservationId}, whatever its status; empty when none. */
  public Mono<ReservationView> reservation(UUID tenantId, long reservationId) {
    return tenant(tenantId)
        .flatMap(
            t -> {
              Instant now = clock.instant();
              return scope
                  .one(
                      t.id(),
                      db ->
                          db.sql(
                                  "SELECT "
                                      + ReservationRow.COLUMNS
                                      + ReservationRow.FROM
                                      + " WHERE r.tenant_id = :t AND r.id = :id")
                              .bind("t", t.id())
                              .bind("id", reservationId)
                              .map(ReservationRow::read)
                              .one())
                  .map(row -> row.view(now, t.settings()));
            });
  }

  /**
   * Every occurrence of the tenant's series {@code seriesId}, whatever its status, by start ({@code
   * from} and {@code to}: the business days of the first and the last); empty when the tenant has
   * no such series. The tenant API cancels a series from one of them ({@code CancelSeries}).
   */
  public Mono<Reservations> seriesOccurrences(UUID tenantId, long seriesId) {
    return tenant(tenantId)
        .flatMap(
            t -> {
              Instant now = clock.instant();
              var zone = t.settings().zone();
              return scope
                  .many(
                      t.id(),
                      db ->
                          db.sql(
                                  "SELECT "
                                      + ReservationRow.COLUMNS
                                      + ReservationRow.FROM
                                      + " JOIN series_occurrences o ON o.reservation_id = r.id"
                                      + " AND o.tenant_id = r.tenant_id"
                                      + " WHERE r.tenant_id = :t AND o.series_id = :series"
                                      + " ORDER BY r.start_time")
                              .bind("t", t.id())
                              .bind("series", seriesId)
                              .map(ReservationRow::read)
                              .all())
                  .map(row -> row.view(now, t.settings()))
                  .collectList()
                  .filter(list -> !list.isEmpty())
                  .map(
                      list ->
                          new Reservations(
                              LocalDate.ofInstant(list.get(0).start(), zone),
                              LocalDate.ofInstant(list.get(list.size() - 1).start(), zone),
                              t.settings().timeZone(),
                              list));
            });
  }

  /** The waitlist entries of slots overlapping the days, by slot and then place in line. */
  public Mono<Waitlist> waitlist(UUID tenantId, LocalDate from, LocalDate to) {
    return tenant(tenantId)
        .flatMap(
            t -> {
              Interval range = range(t, from, to);
              return scope
                  .many(
                      t.id(),
                      db ->
                          db.sql(
                                  "SELECT w.id, f.name AS field, w.start_time, w.end_time,"
                                      + " c.name, c.phone, c.user_id, w.status, w.hold_until,"
                                      + " w.created_at FROM waitlist_entries w JOIN fields f"
                                      + " ON f.id = w.field_id AND f.tenant_id = w.tenant_id"
                                      + " JOIN customers c ON c.id = w.customer_id"
                                      + " AND c.tenant_id = w.tenant_id WHERE w.tenant_id = :t"
                                      + " AND w.start_time < :to AND w.end_time > :from"
                                      + " ORDER BY w.start_time, f.name, w.id")
                              .bind("t", t.id())
                              .bind("from", utc(range.start()))
                              .bind("to", utc(range.end()))
                              .map(
                                  row -> {
                                    OffsetDateTime hold =
                                        row.get("hold_until", OffsetDateTime.class);
                                    return new WaitlistEntry(
                                        row.get("id", Long.class),
                                        new Slot(
                                            row.get("field", String.class),
                                            row.get("start_time", OffsetDateTime.class).toInstant(),
                                            row.get("end_time", OffsetDateTime.class).toInstant()),
                                        new CustomerRef(
                                            row.get("name", String.class),
                                            row.get("phone", String.class),
                                            row.get("user_id", String.class)),
                                        row.get("status", String.class),
                                        hold == null ? null : hold.toInstant(),
                                        row.get("created_at", OffsetDateTime.class).toInstant());
                                  })
                              .all())
                  .collectList()
                  .map(list -> new Waitlist(from, to, t.settings().timeZone(), list));
            });
  }

  /** Rows of reservations (all statuses) in a range, for the table image. */
  public Mono<List<ReservationRow>> rows(BookingTenant t, Interval range) {
    return scope
        .many(
            t.id(),
            db ->
                db.sql(
                        "SELECT "
                            + ReservationRow.COLUMNS
                            + ReservationRow.FROM
                            + " WHERE r.tenant_id = :t AND "
                            + Kinds.HELD // blocks too: the table shows them as taken
                            + " AND r.start_time < :to AND r.end_time > :from"
                            + " ORDER BY r.start_time")
                    .bind("t", t.id())
                    .bind("from", utc(range.start()))
                    .bind("to", utc(range.end()))
                    .map(ReservationRow::read)
                    .all())
        .collectList();
  }

  /** What changes whenever the tenant's reservations change: count, last id, last update. */
  public Mono<String> fingerprint(BookingTenant t) {
    return scope.one(
        t.id(),
        db ->
            db.sql(
                    "SELECT count(*) AS n, coalesce(max(id), 0) AS last,"
                        + " coalesce(max(updated_at), 'epoch'::timestamptz) AS at"
                        + " FROM reservations WHERE tenant_id = :t")
                .bind("t", t.id())
                .map(
                    row ->
                        row.get("n", Long.class)
                            + "/"
                            + row.get("last", Long.class)
                            + "/"
                            + row.get("at", OffsetDateTime.class).toInstant())
                .one());
  }

  public Mono<List<ReservationView>> customerReservations(
      UUID tenantId, String user, boolean upcomingOnly) {
    return tenant(tenantId)
        .flatMap(
            t -> {
              String phone = PhoneNumbers.normalise(user).orElse(null);
              Instant now = clock.instant();
              return scope
                  .many(
                      t.id(),
                      db -> {
                        var spec =
                            db.sql(
                                    "SELECT "
                                        + ReservationRow.COLUMNS
                                        + ReservationRow.FROM
                                        + " WHERE r.tenant_id = :t AND (c.user_id = :user"
                                        + (phone == null ? "" : " OR c.phone = :phone")
                                        + ")"
                                        + (upcomingOnly
                                            ? " AND r.status = 'active' AND r.end_time > now()"
                                            : "")
                                        + " ORDER BY r.start_time DESC LIMIT 200")
                                .bind("t", t.id())
                                .bind("user", user);
                        if (phone != null) {
                          spec = spec.bind("phone", phone);
                        }
                        return spec.map(ReservationRow::read).all();
                      })
                  .map(row -> row.view(now, t.settings()))
                  .collectList();
            });
  }

  public Mono<List<CustomerSummary>> searchCustomers(UUID tenantId, String query, int limit) {
    String q = query == null ? "" : query.strip();
    if (q.isEmpty()) {
      return Mono.error(new IllegalArgumentException("q: must not be blank"));
    }
    String digits = q.replaceAll("[^0-9]", "");
    Optional<String> phone = PhoneNumbers.normalise(q);
    boolean byPhone = digits.length() >= 4 && digits.length() * 2 >= q.replace(" ", "").length();
    String pattern =
        byPhone
            ? "%" + phone.filter(p -> digits.length() >= 10).orElse(digits) + "%"
            : "%" + q.replace("\\", "\\\\").replace("%", "\\%").replace("_", "\\_") + "%";
    return tenant(tenantId)
        .flatMap(
            t ->
                scope
                    .many(
                        t.id(),
                        db ->
                            db.sql(
                                    "SELECT c.id, c.name, c.phone, c.user_id, count(r.id) AS n,"
                                        + " max(r.start_time) AS last FROM customers c LEFT JOIN"
                                        + " reservations r ON r.customer_id = c.id AND r.tenant_id"
                                        + " = c.tenant_id WHERE c.tenant_id = :t AND "
                                        + Kinds.PEOPLE_ONLY
                                        + " AND "
                                        + (byPhone ? "c.phone LIKE :p" : "c.name ILIKE :p")
                                        + " GROUP BY c.id ORDER BY n DESC, c.name LIMIT :limit")
                                .bind("t", t.id())
                                .bind("p", pattern)
                                .bind("limit", Math.max(1, Math.min(limit, 100)))
                                .map(
                                    row -> {
                                      OffsetDateTime last = row.get("last", OffsetDateTime.class);
                                      return new CustomerSummary(
                                          row.get("id", Long.class),
                                          row.get("name", String.class),
                                          row.get("phone", String.class),
                                          row.get("user_id", String.class),
                                          row.get("n", Long.class),
                                          last == null ? null : last.toInstant());
                                    })
                                .all())
                    .collectList());
  }

  public Mono<Sales> sales(UUID tenantId, LocalDate from, LocalDate to) {
    return tenant(tenantId)
        .flatMap(
            t -> {
              Interval range = range(t, from, to);
              Schedule schedule = schedule(t);
              long openMinutes = schedule.openMinutes(from, to) * t.settings().fields().size();
              return scope.one(
                  t.id(),
                  db ->
                      db.sql(
                              "SELECT count(*) FILTER (WHERE "
                                  + SOLD
                                  + ") AS n, coalesce(sum(extract(epoch FROM end_time -"
                                  + " start_time)) FILTER (WHERE "
                                  + SOLD
                                  + "), 0)::numeric AS seconds, coalesce(sum(price) FILTER (WHERE "
                                  + SOLD
                                  + "), 0) AS revenue, count(*) FILTER (WHERE r.status ="
                                  + " 'no_show') AS no_shows FROM reservations r"
                                  + " WHERE r.tenant_id = :t AND "
                                  + Kinds.BOOKINGS_ONLY
                                  + " AND r.start_time >= :from AND r.start_time < :to")
                          .bind("t", t.id())
                          .bind("from", utc(range.start()))
                          .bind("to", utc(range.end()))
                          .map(
                              row -> {
                                BigDecimal hours = hours(row.get("seconds", BigDecimal.class));
                                BigDecimal open =
                                    BigDecimal.valueOf(openMinutes)
                                        .divide(BigDecimal.valueOf(60), 2, RoundingMode.HALF_UP);
                                BigDecimal rate =
                                    openMinutes == 0
                                        ? BigDecimal.ZERO
                                        : hours.divide(open, 4, RoundingMode.HALF_UP);
                                return new Sales(
                                    from,
                                    to,
                                    t.settings().timeZone(),
                                    row.get("n", Long.class),
                                    hours.toPlainString(),
                                    money(t, row.get("revenue", BigDecimal.class)),
                                    t.settings().currency(),
                                    open.toPlainString(),
                                    rate.toPlainString(),
                                    row.get("no_shows", Long.class));
                              })
                          .one());
            });
  }

  public Mono<Loyalty> loyalCustomers(UUID tenantId, LocalDate from, LocalDate to, int limit) {
    return tenant(tenantId)
        .flatMap(
            t -> {
              Interval range = range(t, from, to);
              return scope
                  .many(
                      t.id(),
                      db ->
                          db.sql(
                                  "SELECT c.id, c.name, c.phone, c.user_id, count(*) AS n,"
                                      + " sum(extract(epoch FROM r.end_time - r.start_time))::numeric"
                                      + " AS seconds, coalesce(sum(r.price), 0) AS spend FROM"
                                      + " reservations r JOIN customers c ON c.id = r.customer_id"
                                      + " WHERE r.tenant_id = :t AND "
                                      + SOLD
                                      + " AND r.start_time >= :from AND r.start_time < :to"
                                      + " GROUP BY c.id ORDER BY n DESC, seconds DESC, spend DESC"
                                      + " LIMIT :limit")
                              .bind("t", t.id())
                              .bind("from", utc(range.start()))
                              .bind("to", utc(range.end()))
                              .bind("limit", Math.max(1, Math.min(limit, 100)))
                              .map(
                                  row ->
                                      new LoyalCustomer(
                                          row.get("id", Long.class),
                                          row.get("name", String.class),
                                          row.get("phone", String.class),
                                          row.get("user_id", String.class),
                                          row.get("n", Long.class),
                                          hours(row.get("seconds", BigDecimal.class))
                                              .toPlainString(),
                                          money(t, row.get("spend", BigDecimal.class))))
                              .all())
                  .collectList()
                  .map(list -> new Loyalty(from, to, t.settings().currency(), list));
            });
  }

  public Mono<Cancellations> cancellations(UUID tenantId, LocalDate from, LocalDate to, int limit) {
    return tenant(tenantId)
        .flatMap(
            t -> {
              Interval range = range(t, from, to);
              return scope
                  .many(
                      t.id(),
                      db ->
                          db.sql(
                                  "SELECT c.id, c.name, c.phone, c.user_id, count(*) AS n,"
                                      + " count(*) FILTER (WHERE r.status = 'cancelled') AS"
                                      + " cancelled, count(*) FILTER (WHERE r.status = 'no_show')"
                                      + " AS no_shows FROM reservations r JOIN customers c ON c.id"
                                      + " = r.customer_id WHERE r.tenant_id = :t AND "
                                      + Kinds.BOOKINGS_ONLY
                                      + " AND r.start_time"
                                      + " >= :from AND r.start_time < :to GROUP BY c.id HAVING"
                                      + " count(*) FILTER (WHERE r.status IN ('cancelled',"
                                      + " 'no_show')) > 0 ORDER BY count(*) FILTER (WHERE r.status"
                                      + " IN ('cancelled', 'no_show')) DESC, (count(*) FILTER"
                                      + " (WHERE r.status IN ('cancelled', 'no_show')))::numeric /"
                                      + " count(*) DESC, 6 DESC, c.id LIMIT :limit")
                              .bind("t", t.id())
                              .bind("from", utc(range.start()))
                              .bind("to", utc(range.end()))
                              .bind("limit", Math.max(1, Math.min(limit, 100)))
                              .map(
                                  row -> {
                                    long n = row.get("n", Long.class);
                                    long cancelled = row.get("cancelled", Long.class);
                                    return new Canceller(
                                        row.get("id", Long.class),
                                        row.get("name", String.class),
                                        row.get("phone", String.class),
                                        row.get("user_id", String.class),
                                        n,
                                        cancelled,
                                        BigDecimal.valueOf(cancelled)
                                            .divide(BigDecimal.valueOf(n), 4, RoundingMode.HALF_UP)
                                            .toPlainString(),
                                        row.get("no_shows", Long.class));
                                  })
                              .all())
                  .collectList()
                  .map(list -> new Cancellations(from, to, list));
            });
  }

  public Mono<PeakHours> peakHours(UUID tenantId, LocalDate from, LocalDate to) {
    return tenant(tenantId)
        .flatMap(
            t -> {
              Interval range = range(t, from, to);
              return scope
                  .many(
                      t.id(),
                      db ->
                          db.sql(
                                  "SELECT extract(isodow FROM r.start_time AT TIME ZONE :zone)::int"
                                      + " AS dow, extract(hour FROM r.start_time AT TIME ZONE"
                                      + " :zone)::int AS hour, count(*) AS n FROM reservations r"
                                      + " WHERE r.tenant_id = :t AND "
                                      + HELD
                                      + " AND r.start_time >= :from AND r.start_time < :to"
                                      + " GROUP BY 1, 2 ORDER BY n DESC, 1, 2")
                              .bind("zone", t.settings().timeZone())
                              .bind("t", t.id())
                              .bind("from", utc(range.start()))
                              .bind("to", utc(range.end()))
                              .map(
                                  row ->
                                      new PeakHour(
                                          DayOfWeek.of(row.get("dow", Integer.class)).name(),
                                          row.get("hour", Integer.class),
                                          row.get("n", Long.class)))
                              .all())
                  .collectList()
                  .map(list -> new PeakHours(from, to, t.settings().timeZone(), list));
            });
  }

  /** {@code [from 00:00, to + 1 day 00:00)} in the tenant's zone. */
  public static Interval range(BookingTenant t, LocalDate from, LocalDate to) {
    if (from == null || to == null || to.isBefore(from)) {
      throw new IllegalArgumentException("from/to: 'to' must not be before 'from'");
    }
    if (from.plusDays(MAX_RANGE_DAYS).isBefore(to)) {
      throw new IllegalArgumentException("from/to: at most " + MAX_RANGE_DAYS + " days");
    }
    var zone = t.settings().zone();
    return new Interval(
        from.atStartOfDay(zone).toInstant(), to.plusDays(1).atStartOfDay(zone).toInstant());
  }

  private static BigDecimal hours(BigDecimal seconds) {
    return (seconds == null ? BigDecimal.ZERO : seconds)
        .divide(BigDecimal.valueOf(3600), 2, RoundingMode.HALF_UP);
  }

  private static String money(BookingTenant t, BigDecimal amount) {
    int digits = Math.max(0, t.settings().currencyUnit().getDefaultFractionDigits());
    return (amount == null ? BigDecimal.ZERO : amount)
        .setScale(digits, RoundingMode.HALF_UP)
        .toPlainString();
  }
}
