package io.sahabot.reservation.table;

import io.sahabot.reservation.booking.ReservationRow;
import io.sahabot.reservation.booking.domain.Interval;
import io.sahabot.reservation.booking.domain.Schedule;
import io.sahabot.reservation.config.ReservationProperties;
import io.sahabot.reservation.queries.QueryService;
import io.sahabot.reservation.table.TableRenderer.Cell;
import io.sahabot.reservation.table.TableRenderer.State;
import io.sahabot.reservation.table.TableRenderer.Table;
import io.sahabot.reservation.tenants.BookingTenant;
import io.sahabot.schemas.tenant.FieldSpec;
import io.sahabot.schemas.tenant.OpeningHours;
import java.time.Duration;
import java.time.LocalDate;
import java.time.ZonedDateTime;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;
import org.springframework.stereotype.Service;
import reactor.core.publisher.Mono;
import reactor.core.scheduler.Schedulers;

/**
 * The reservation table of a date range as a PNG. Images are cached by tenant, range, tenant
 * snapshot version and a fingerprint of the tenant's reservations (count, last id, last update), so
 * a cached image is served until the tenant's reservations (or settings) change.
 */
@Service
public class TableService {

  static final int MAX_DAYS = 14;
  private static final String[] DAY_NAMES = {"Pzt", "Sal", "Çar", "Per", "Cum", "Cmt", "Paz"};
  private static final DateTimeFormatter DAY = DateTimeFormatter.ofPattern("dd.MM");
  private static final DateTimeFormatter DATE = DateTimeFormatter.ofPattern("dd.MM.yyyy");

  private final QueryService queries;
  private final ReservationProperties properties;
  private final TableRenderer renderer = new TableRenderer();
  private final Map<String, byte[]> cache;

  public TableService(QueryService queries, ReservationProperties properties) {
    this.queries = queries;
    this.properties = properties;
    int size = properties.tableCacheSize();
    this.cache =
        Collections.synchronizedMap(
            new LinkedHashMap<>(16, 0.75f, true) {
              @Override
              protected boolean removeEldestEntry(Map.Entry<String, byte[]> eldest) {
                return size() > size;
              }
            });
  }

  public Mono<byte[]> png(UUID tenantId, LocalDate from, LocalDate to) {
    if (to.isBefore(from) || from.plusDays(MAX_DAYS - 1).isBefore(to)) {
      return Mono.error(
          new IllegalArgumentException("from/to: 1 to " + MAX_DAYS + " days, 'to' included"));
    }
    return queries
        .tenant(tenantId)
        .flatMap(
            t ->
                queries
                    .fingerprint(t)
                    .flatMap(
                        fingerprint -> {
                          String key =
                              t.id()
                                  + "|"
                                  + from
                                  + "|"
                                  + to
                                  + "|"
                                  + t.version()
                                  + "|"
                                  + fingerprint;
                          byte[] cached = cache.get(key);
                          if (cached != null) {
                            return Mono.just(cached);
                          }
                          Interval days = QueryService.range(t, from, to);
                          // the last day's night past midnight is in the table too
                          Interval range =
                              new Interval(days.start(), days.end().plus(Duration.ofDays(1)));
                          return queries
                              .rows(t, range)
                              .publishOn(Schedulers.boundedElastic())
                              .map(rows -> renderer.png(table(t, from, to, rows)))
                              .doOnNext(png -> cache.put(key, png));
                        }));
  }

  Table table(BookingTenant t, LocalDate from, LocalDate to, List<ReservationRow> rows) {
    Schedule schedule = new Schedule(t.settings(), properties.maxLength());
    List<LocalDate> days = new ArrayList<>();
    for (LocalDate d = from; !d.isAfter(to); d = d.plusDays(1)) {
      days.add(d);
    }
    int first = 24;
    int last = 0;
    for (LocalDate d : days) {
      OpeningHours hours = t.settings().hoursOn(d).orElse(null);
      if (hours != null) {
        first = Math.min(first, hours.openMinute() / 60);
        last = Math.max(last, (hours.closeMinute() + 59) / 60);
      }
    }
    if (first >= last) {
      first = 9;
      last = 24;
    }
    List<String> fields = t.settings().fields();
    List<String> fieldIds = t.settings().fieldDetails().stream().map(FieldSpec::id).toList();
    int hourCount = last - first;
    Cell[][][] cells = new Cell[days.size()][fields.size()][hourCount];
    for (int d = 0; d < days.size(); d++) {
      LocalDate day = days.get(d);
      Optional<Interval> open = schedule.openingOn(day);
      for (int h = 0; h < hourCount; h++) {
        ZonedDateTime start = day.atStartOfDay().plusHours(first + h).atZone(schedule.zone());
        Interval cell = new Interval(start.toInstant(), start.plusHours(1).toInstant());
        for (int f = 0; f < fields.size(); f++) {
          String field = fieldIds.get(f);
          Interval c = cell;
          Optional<ReservationRow> booked =
              rows.stream()
                  .filter(r -> r.fieldKey().equals(field) && r.interval().overlaps(c))
                  .findFirst();
          if (booked.isPresent()) {
            cells[d][f][h] = new Cell(State.BOOKED, label(booked.get()));
          } else if (open.isPresent() && c.within(open.get())) {
            cells[d][f][h] = Cell.FREE_CELL;
          } else {
            cells[d][f][h] = Cell.CLOSED_CELL;
          }
        }
      }
    }
    List<String> labels =
        days.stream()
            .map(d -> DAY_NAMES[d.getDayOfWeek().getValue() - 1] + " " + d.format(DAY))
            .toList();
    String range = from.format(DATE) + " – " + to.format(DATE);
    return new Table(t.businessName(), range, labels, fields, first, hourCount, cells);
  }

  private static String label(ReservationRow row) {
    if (row.customerName() != null && !row.customerName().isBlank()) {
      return row.customerName();
    }
    return row.customerPhone() != null ? "+" + row.customerPhone() : "Dolu";
  }
}
