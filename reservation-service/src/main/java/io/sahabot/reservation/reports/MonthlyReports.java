package io.sahabot.reservation.reports;

import static io.sahabot.reservation.booking.Sql.utc;

import io.sahabot.platform.db.TenantScope;
import io.sahabot.reservation.booking.Kinds;
import io.sahabot.reservation.booking.domain.Interval;
import io.sahabot.reservation.booking.domain.Schedule;
import io.sahabot.reservation.config.ReservationProperties;
import io.sahabot.reservation.queries.QueryService;
import io.sahabot.reservation.tenants.BookingTenant;
import io.sahabot.schemas.reservation.query.MonthlyReport;
import io.sahabot.schemas.reservation.query.MonthlyReport.FieldRevenue;
import io.sahabot.schemas.reservation.query.MonthlyReport.SlotOccupancy;
import java.math.BigDecimal;
import java.math.RoundingMode;
import java.time.DayOfWeek;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.time.OffsetDateTime;
import java.time.YearMonth;
import java.time.ZoneId;
import java.time.ZonedDateTime;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.UUID;
import org.springframework.stereotype.Service;
import reactor.core.publisher.Mono;

/**
 * One month of a business ({@link MonthlyReport}): what was sold (neither cancelled nor a no-show,
 * by start time in the month), per field, and per weekday and hour against the hours the business
 * was open (every field); no-shows and cancellations. A reservation of two hours counts an hour in
 * each hour it covers.
 */
@Service
public class MonthlyReports {

  /** Sold: a booking (not a blocked slot) neither cancelled nor a no-show. */
  private static final String SOLD =
      Kinds.BOOKINGS_ONLY + " AND r.status NOT IN ('cancelled', 'no_show')";

  private final QueryService queries;
  private final TenantScope scope;
  private final ReservationProperties properties;

  public MonthlyReports(QueryService queries, TenantScope scope, ReservationProperties properties) {
    this.queries = queries;
    this.scope = scope;
    this.properties = properties;
  }

  private record Sold(String field, Instant start, Instant end, BigDecimal price) {}

  private record Counts(long noShows, long cancellations) {}

  public Mono<MonthlyReport> report(UUID tenantId, YearMonth month) {
    return queries
        .tenant(tenantId)
        .flatMap(
            t -> {
              Schedule schedule = new Schedule(t.settings(), properties.maxLength());
              LocalDate first = month.atDay(1);
              LocalDate last = month.atEndOfMonth();
              Interval range = QueryService.range(t, first, last);
              return scope.one(
                  t.id(),
                  db ->
                      db.sql(
                              "SELECT f.name AS field, r.start_time, r.end_time, r.price FROM"
                                  + " reservations r JOIN fields f ON f.id = r.field_id AND"
                                  + " f.tenant_id = r.tenant_id WHERE r.tenant_id = :t AND "
                                  + SOLD
                                  + " AND r.start_time >= :from AND r.start_time < :to")
                          .bind("t", t.id())
                          .bind("from", utc(range.start()))
                          .bind("to", utc(range.end()))
                          .map(
                              row ->
                                  new Sold(
                                      row.get("field", String.class),
                                      row.get("start_time", OffsetDateTime.class).toInstant(),
                                      row.get("end_time", OffsetDateTime.class).toInstant(),
                                      row.get("price", BigDecimal.class)))
                          .all()
                          .collectList()
                          .zipWith(
                              db.sql(
                                      "SELECT count(*) FILTER (WHERE r.status = 'no_show') AS"
                                          + " no_shows, count(*) FILTER (WHERE r.status ="
                                          + " 'cancelled') AS cancelled FROM reservations r"
                                          + " WHERE r.tenant_id = :t AND "
                                          + Kinds.BOOKINGS_ONLY
                                          + " AND r.start_time >= :from"
                                          + " AND r.start_time < :to")
                                  .bind("t", t.id())
                                  .bind("from", utc(range.start()))
                                  .bind("to", utc(range.end()))
                                  .map(
                                      row ->
                                          new Counts(
                                              row.get("no_shows", Long.class),
                                              row.get("cancelled", Long.class)))
                                  .one())
                          .map(both -> build(t, schedule, month, both.getT1(), both.getT2())));
            });
  }

  static MonthlyReport build(
      BookingTenant t, Schedule schedule, YearMonth month, List<Sold> sold, Counts counts) {
    ZoneId zone = schedule.zone();
    int fields = Math.max(1, t.settings().fields().size());
    // per field, in the settings' order, then any field no longer in the settings
    Map<String, long[]> perFieldCount = new LinkedHashMap<>();
    Map<String, Long> perFieldSeconds = new LinkedHashMap<>();
    Map<String, BigDecimal> perFieldRevenue = new LinkedHashMap<>();
    for (String f : t.settings().fields()) {
      perFieldCount.put(f, new long[1]);
      perFieldSeconds.put(f, 0L);
      perFieldRevenue.put(f, BigDecimal.ZERO);
    }
    // seconds sold and open per weekday and hour
    Map<Integer, long[]> slots = new TreeMap<>(); // key: (isoDow - 1) * 24 + hour -> {sold, open}
    long soldSeconds = 0;
    BigDecimal revenue = BigDecimal.ZERO;
    for (Sold s : sold) {
      perFieldCount.computeIfAbsent(s.field(), k -> new long[1])[0]++;
      long seconds = Duration.between(s.start(), s.end()).toSeconds();
      perFieldSeconds.merge(s.field(), seconds, Long::sum);
      BigDecimal price = s.price() == null ? BigDecimal.ZERO : s.price();
      perFieldRevenue.merge(s.field(), price, BigDecimal::add);
      soldSeconds += seconds;
      revenue = revenue.add(price);
      spread(s.start(), s.end(), zone, slots, 0, 1);
    }
    long openSeconds = 0;
    for (LocalDate d = month.atDay(1); !d.isAfter(month.atEndOfMonth()); d = d.plusDays(1)) {
      var opening = schedule.openingOn(d);
      if (opening.isPresent()) {
        openSeconds += opening.get().length().toSeconds() * fields;
        spread(opening.get().start(), opening.get().end(), zone, slots, 1, fields);
      }
    }
    List<FieldRevenue> perField = new ArrayList<>();
    for (var e : perFieldCount.entrySet()) {
      perField.add(
          new FieldRevenue(
              e.getKey(),
              e.getValue()[0],
              hours(perFieldSeconds.get(e.getKey())),
              money(t, perFieldRevenue.get(e.getKey()))));
    }
    List<SlotOccupancy> perSlot = new ArrayList<>();
    for (var e : slots.entrySet()) {
      long[] v = e.getValue();
      if (v[1] == 0) {
        continue; // never open then: no occupancy to speak of
      }
      perSlot.add(
          new SlotOccupancy(
              DayOfWeek.of(e.getKey() / 24 + 1).name(),
              e.getKey() % 24,
              hours(v[0]),
              hours(v[1]),
              rate(v[0], v[1])));
    }
    return new MonthlyReport(
        month.toString(),
        t.settings().timeZone(),
        t.settings().currency(),
        sold.size(),
        hours(soldSeconds),
        money(t, revenue),
        hours(openSeconds),
        rate(soldSeconds, openSeconds),
        counts.noShows(),
        counts.cancellations(),
        perField,
        perSlot);
  }

  /** Adds {@code times ×} the seconds of [start, end) to each local weekday and hour it covers. */
  private static void spread(
      Instant start, Instant end, ZoneId zone, Map<Integer, long[]> slots, int index, int times) {
    ZonedDateTime at = start.atZone(zone);
    while (at.toInstant().isBefore(end)) {
      ZonedDateTime nextHour = at.truncatedTo(ChronoUnit.HOURS).plusHours(1);
      Instant until = nextHour.toInstant().isBefore(end) ? nextHour.toInstant() : end;
      int key = (at.getDayOfWeek().getValue() - 1) * 24 + at.getHour();
      slots.computeIfAbsent(key, k -> new long[2])[index] +=
          Duration.between(at.toInstant(), until).toSeconds() * times;
      at = until.atZone(zone);
    }
  }

  private static String hours(long seconds) {
    return BigDecimal.valueOf(seconds)
        .divide(BigDecimal.valueOf(3600), 2, RoundingMode.HALF_UP)
        .toPlainString();
  }

  private static String rate(long part, long whole) {
    return whole == 0
        ? "0.0000"
        : BigDecimal.valueOf(part)
            .divide(BigDecimal.valueOf(whole), 4, RoundingMode.HALF_UP)
            .toPlainString();
  }

  private static String money(BookingTenant t, BigDecimal amount) {
    int digits = Math.max(0, t.settings().currencyUnit().getDefaultFractionDigits());
    return (amount == null ? BigDecimal.ZERO : amount)
        .setScale(digits, RoundingMode.HALF_UP)
        .toPlainString();
  }
}
