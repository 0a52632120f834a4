package io.sahabot.reservation.booking.domain;

import io.sahabot.schemas.reservation.RejectionReason;
import io.sahabot.schemas.tenant.FieldSpec;
import io.sahabot.schemas.tenant.OpeningHours;
import io.sahabot.schemas.tenant.PeakPrice;
import io.sahabot.schemas.tenant.TenantSettings;
import java.math.BigDecimal;
import java.math.RoundingMode;
import java.time.DayOfWeek;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.time.LocalTime;
import java.time.ZoneId;
import java.time.ZonedDateTime;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * A tenant's booking rules: opening hours and prices in its time zone, slot length and the bounds
 * of a reservation's length. Every local time is read in the tenant's zone, so a day with a
 * daylight-saving change is as long as it really is.
 */
public final class Schedule {

  private final TenantSettings settings;
  private final ZoneId zone;
  private final Duration maxLength;

  public Schedule(TenantSettings settings, Duration maxLength) {
    this.settings = settings;
    this.zone = settings.zone();
    this.maxLength = maxLength;
  }

  public ZoneId zone() {
    return zone;
  }

  public TenantSettings settings() {
    return settings;
  }

  public Duration slot() {
    return Duration.ofMinutes(settings.slotMinutes());
  }

  /** The local date of an instant in the tenant's zone. */
  public LocalDate dateOf(Instant instant) {
    return instant.atZone(zone).toLocalDate();
  }

  /**
   * The opening hours of the business day {@code date} as instants (a special day's, else its
   * weekday's; a close past midnight ends on the next calendar day), empty when closed that day.
   */
  public Optional<Interval> openingOn(LocalDate date) {
    return settings
        .hoursOn(date)
        .map(hours -> new Interval(at(date, hours.openMinute()), at(date, hours.closeMinute())));
  }

  /**
   * The business day an instant belongs to: the day before its calendar day when it falls in that
   * day's night past midnight (01:00 of a 09:00–02:00 day), else its calendar day.
   */
  public LocalDate businessDayOf(Instant instant) {
    LocalDate date = dateOf(instant);
    Optional<Interval> previous = openingOn(date.minusDays(1));
    if (previous.isPresent() && previous.get().end().isAfter(instant)) {
      return date.minusDays(1);
    }
    return date;
  }

  /** Minutes the business is open from {@code from} to {@code to}, both dates included. */
  public long openMinutes(LocalDate from, LocalDate to) {
    long minutes = 0;
    for (LocalDate d = from; !d.isAfter(to); d = d.plusDays(1)) {
      minutes += openingOn(d).map(i -> i.length().toMinutes()).orElse(0L);
    }
    return minutes;
  }

  /**
   * Checks a requested interval: not started yet, a whole number of slots between one slot and the
   * maximum length, and inside the opening hours of the day it starts on.
   */
  public Optional<Violation> check(Interval requested, Instant now) {
    if (!requested.start().isAfter(now)) {
      return Optional.of(new Violation(RejectionReason.PAST, "the slot has already started"));
    }
    Optional<Violation> length = checkLength(requested);
    if (length.isPresent()) {
      return length;
    }
    LocalDate day = businessDayOf(requested.start());
    Optional<Interval> open = openingOn(day);
    if (open.isEmpty()) {
      return Optional.of(
          new Violation(
              RejectionReason.CLOSED,
              settings.specialDay(day).isPresent() ? "closed on " + day : "closed that day"));
    }
    if (!requested.within(open.get())) {
      return Optional.of(
          new Violation(RejectionReason.CLOSED, "outside the opening hours of that day"));
    }
    return Optional.empty();
  }

  private Optional<Violation> checkLength(Interval requested) {
    long minutes = requested.length().toMinutes();
    long slot = settings.slotMinutes();
    if (requested.length().toSeconds() % 60 != 0 || minutes % slot != 0) {
      return Optional.of(
          new Violation(
              RejectionReason.INVALID,
              "length must be a whole number of " + slot + "-minute slots"));
    }
    if (requested.length().compareTo(maxLength) > 0) {
      return Optional.of(
          new Violation(
              RejectionReason.INVALID,
              "length must be at most " + maxLength.toMinutes() + " minutes"));
    }
    return Optional.empty();
  }

  /**
   * The price of an interval: each minute at the peak price that covers its local weekday and time
   * (the first matching peak price), else the base price per hour; rounded to the currency.
   */
  public BigDecimal price(Interval interval) {
    return price(interval, null);
  }

  /**
   * The price of an interval on a field: the field's own base and peak prices where it has them,
   * else the business's.
   */
  public BigDecimal price(Interval interval, FieldSpec field) {
    BigDecimal base =
        field != null && field.pricePerHour() != null
            ? field.pricePerHour()
            : settings.pricePerHour();
    List<PeakPrice> peaks =
        field != null && !field.peakPrices().isEmpty() ? field.peakPrices() : settings.peakPrices();
    Map<BigDecimal, Long> minutesByRate = new HashMap<>();
    for (Instant t = interval.start(); t.isBefore(interval.end()); t = t.plusSeconds(60)) {
      ZonedDateTime local = t.atZone(zone);
      minutesByRate.merge(
          ratePerHour(peaks, base, local.getDayOfWeek(), local.getHour() * 60 + local.getMinute()),
          1L,
          Long::sum);
    }
    BigDecimal total = BigDecimal.ZERO;
    for (var e : minutesByRate.entrySet()) {
      total = total.add(e.getKey().multiply(BigDecimal.valueOf(e.getValue())));
    }
    int digits = Math.max(0, settings.currencyUnit().getDefaultFractionDigits());
    return total.divide(BigDecimal.valueOf(60), digits, RoundingMode.HALF_UP);
  }

  BigDecimal ratePerHour(DayOfWeek day, int minuteOfDay) {
    return ratePerHour(settings.peakPrices(), settings.pricePerHour(), day, minuteOfDay);
  }

  private static BigDecimal ratePerHour(
      List<PeakPrice> peaks, BigDecimal base, DayOfWeek day, int minuteOfDay) {
    for (PeakPrice peak : peaks) {
      if (peak.days().contains(day)
          && minuteOfDay >= peak.fromMinute()
          && minuteOfDay < peak.toMinute()) {
        return peak.pricePerHour();
      }
    }
    return base;
  }

  /**
   * Free intervals of {@code length} on {@code date} for one field: starting on the slot grid from
   * the opening time (local), inside the opening hours, after {@code now}, overlapping nothing
   * busy.
   */
  public List<Interval> freeSlots(
      LocalDate date, Duration length, List<Interval> busy, Instant now) {
    List<Interval> free = new ArrayList<>();
    Optional<Interval> open = openingOn(date);
    OpeningHours hours = settings.hoursOn(date).orElse(null);
    if (open.isEmpty() || hours == null) {
      return free;
    }
    Instant previous = null;
    for (int m = hours.openMinute(); m < hours.closeMinute(); m += settings.slotMinutes()) {
      Instant start = at(date, m);
      if (previous != null && !start.isAfter(previous)) {
        continue; // a local time repeated or skipped by a daylight-saving change
      }
      previous = start;
      Interval candidate = new Interval(start, start.plus(length));
      if (!candidate.within(open.get()) || !start.isAfter(now)) {
        continue;
      }
      if (busy.stream().noneMatch(candidate::overlaps)) {
        free.add(candidate);
      }
    }
    return free;
  }

  /**
   * The nearest free intervals of the requested length on the day it starts: up to {@code perSide}
   * on the same field and up to {@code perSide} on the others, nearest first, the same field first
   * on a tie.
   *
   * @param field the requested field's id
   * @param busyByField the active reservations of that day per field id, every field included
   */
  public List<Candidate> alternatives(
      String field,
      Interval requested,
      Map<String, List<Interval>> busyByField,
      Instant now,
      int perSide) {
    LocalDate date = businessDayOf(requested.start());
    Comparator<Candidate> nearest =
        Comparator.comparingLong(
                (Candidate c) ->
                    Math.abs(Duration.between(requested.start(), c.interval().start()).toMinutes()))
            .thenComparing(c -> c.interval().start());
    List<Candidate> same = new ArrayList<>();
    List<Candidate> others = new ArrayList<>();
    String fieldName = settings.field(field).map(FieldSpec::name).orElse(field);
    for (FieldSpec spec : settings.fieldDetails()) {
      List<Interval> busy = busyByField.getOrDefault(spec.id(), List.of());
      for (Interval free : freeSlots(date, requested.length(), busy, now)) {
        (spec.id().equals(field) ? same : others).add(new Candidate(spec.name(), free));
      }
    }
    same.sort(nearest);
    others.sort(nearest);
    List<Candidate> result = new ArrayList<>(same.subList(0, Math.min(perSide, same.size())));
    result.addAll(others.subList(0, Math.min(perSide, others.size())));
    result.sort(nearest.thenComparing(c -> c.field().equals(fieldName) ? 0 : 1));
    return result;
  }

  /**
   * The local time {@code minuteOfDay} minutes after the start of {@code date} (past 24:00 too).
   */
  private Instant at(LocalDate date, int minuteOfDay) {
    LocalDate day = date.plusDays(minuteOfDay / (24 * 60));
    int minute = minuteOfDay % (24 * 60);
    return ZonedDateTime.of(day, LocalTime.ofSecondOfDay(minute * 60L), zone).toInstant();
  }
}
