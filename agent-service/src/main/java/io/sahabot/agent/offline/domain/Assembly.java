package io.sahabot.agent.offline.domain;

import io.sahabot.agent.offline.domain.Reading.DayRef;
import io.sahabot.agent.offline.domain.Reading.TimeRef;
import java.time.DayOfWeek;
import java.time.LocalDate;
import java.time.LocalDateTime;
import java.time.LocalTime;
import java.time.temporal.TemporalAdjusters;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.EnumSet;
import java.util.List;
import java.util.Set;

/** Pairs the times read with their days and builds the {@link Interpretation} an intent needs. */
final class Assembly {

  private final Reading r;

  private Assembly(Reading r) {
    this.r = r;
  }

  static Interpretation assemble(Reading r, Intent intent) {
    return new Assembly(r).interpretation(intent);
  }

  private Interpretation interpretation(Intent intent) {
    if (!r.unclear.isEmpty() && DATED.contains(intent)) {
      return unclear(intent);
    }
    List<LocalDateTime> moments = moments();
    LocalDate date = r.days.isEmpty() ? null : r.days.get(0).date();
    return switch (intent) {
      case BOOK -> book(moments, date);
      case AVAILABILITY -> availability(moments, date);
      case MOVE -> move(moments);
      case CANCEL ->
          new Interpretation(
              Intent.CANCEL,
              r.times.isEmpty() ? null : moments.get(0),
              null,
              date != null ? date : moments.isEmpty() ? null : moments.get(0).toLocalDate(),
              null,
              null,
              null,
              r.field,
              null,
              null,
              List.of(),
              null);
      case TABLE, SALES -> period(intent, date);
      default ->
          new Interpretation(
              intent,
              null,
              null,
              null,
              null,
              r.periodFrom,
              r.periodTo,
              r.field,
              null,
              null,
              List.of(),
              null);
    };
  }

  /** Intents whose slots are days and times: an unreadable one is asked about, not guessed. */
  private static final Set<Intent> DATED =
      EnumSet.of(
          Intent.BOOK, Intent.AVAILABILITY, Intent.MOVE, Intent.CANCEL, Intent.TABLE, Intent.SALES);

  /**
   * A date or time the message names but the grammar cannot read: ask for it (and for the time when
   * none was read), keeping what was read so that the question can name the day.
   */
  private Interpretation unclear(Intent intent) {
    List<String> missing = new ArrayList<>();
    boolean dateUnclear = r.unclear.contains("date");
    if (dateUnclear) {
      missing.add("date");
    }
    if (r.unclear.contains("time")
        || (r.times.isEmpty() && (intent == Intent.BOOK || intent == Intent.MOVE))) {
      missing.add("time");
    }
    LocalDate date = dateUnclear || r.days.isEmpty() ? null : r.days.get(0).date();
    return new Interpretation(
        Intent.CLARIFY,
        null,
        null,
        date,
        null,
        null,
        null,
        r.field,
        r.name,
        r.phone,
        missing,
        intent);
  }

  private Interpretation book(List<LocalDateTime> moments, LocalDate date) {
    if (moments.isEmpty()) {
      List<String> missing = date == null ? List.of("date", "time") : List.of("time");
      return new Interpretation(
          Intent.CLARIFY,
          null,
          null,
          date,
          null,
          null,
          null,
          r.field,
          r.name,
          r.phone,
          missing,
          Intent.BOOK);
    }
    LocalDateTime start = moments.get(0);
    if (r.ctx.owner() && r.name != null && r.phone == null) {
      // the owner books for someone by name only: ask for the phone, keeping the slot
      return new Interpretation(
          Intent.CLARIFY,
          start,
          end(start, r.times.get(0)),
          start.toLocalDate(),
          null,
          null,
          null,
          r.field,
          r.name,
          null,
          List.of("phone"),
          Intent.BOOK);
    }
    return new Interpretation(
        Intent.BOOK,
        start,
        end(start, r.times.get(0)),
        null,
        null,
        null,
        null,
        r.field,
        r.name,
        r.phone,
        List.of(),
        null);
  }

  private Interpretation availability(List<LocalDateTime> moments, LocalDate date) {
    if (moments.isEmpty()) {
      if (date == null) {
        return new Interpretation(
            Intent.CLARIFY,
            null,
            null,
            null,
            null,
            null,
            null,
            r.field,
            null,
            null,
            List.of("date"),
            Intent.AVAILABILITY);
      }
      return new Interpretation(
          Intent.AVAILABILITY,
          null,
          null,
          date,
          null,
          null,
          null,
          r.field,
          null,
          null,
          List.of(),
          null);
    }
    LocalDateTime start = moments.get(0);
    return new Interpretation(
        Intent.AVAILABILITY,
        start,
        end(start, r.times.get(0)),
        null,
        null,
        null,
        null,
        r.field,
        null,
        null,
        List.of(),
        null);
  }

  private Interpretation move(List<LocalDateTime> moments) {
    if (moments.isEmpty()) {
      return new Interpretation(
          Intent.CLARIFY,
          null,
          null,
          null,
          null,
          null,
          null,
          r.field,
          null,
          null,
          List.of("date", "time"),
          Intent.MOVE);
    }
    LocalDateTime from = moments.size() >= 2 ? moments.get(0) : null;
    LocalDateTime start = moments.get(moments.size() - 1);
    TimeRef time = r.times.get(r.times.size() - 1);
    LocalDateTime end = time.end() != null || r.durationMinutes != null ? end(start, time) : null;
    return new Interpretation(
        Intent.MOVE, start, end, null, from, null, null, r.field, null, null, List.of(), null);
  }

  private Interpretation period(Intent intent, LocalDate date) {
    LocalDate from = r.periodFrom;
    LocalDate to = r.periodTo;
    if (from == null && date != null) {
      from = date;
      to = date;
    }
    if (from == null) {
      from = r.today.with(TemporalAdjusters.previousOrSame(DayOfWeek.MONDAY));
      to = from.plusDays(6);
    }
    return new Interpretation(
        intent, null, null, null, null, from, to, r.field, null, null, List.of(), null);
  }

  private LocalDateTime end(LocalDateTime start, TimeRef time) {
    if (time.end() != null) {
      LocalDate day = start.toLocalDate();
      return day.atStartOfDay().plusMinutes(time.end());
    }
    return start.plusMinutes(r.durationMinutes != null ? r.durationMinutes : r.ctx.slotMinutes());
  }

  /**
   * Each time paired with the day mentioned before it (else after it); a time with no day is today
   * if it is still ahead, else tomorrow. A weekday named without "this/next" that is today but
   * whose time has passed means next week's.
   */
  private List<LocalDateTime> moments() {
    List<LocalDateTime> out = new ArrayList<>();
    r.days.sort(Comparator.comparingInt(DayRef::position));
    LocalTime nowTime = r.ctx.now().toLocalTime();
    for (TimeRef time : r.times) {
      DayRef day = null;
      for (DayRef d : r.days) {
        if (d.position() <= time.position()) {
          day = d;
        }
      }
      if (day == null && !r.days.isEmpty()) {
        day = r.days.get(0);
      }
      LocalDateTime at;
      if (day == null) {
        LocalDate date = r.today;
        if (time.start() < 24 * 60
            && LocalTime.of(time.start() / 60, time.start() % 60).isBefore(nowTime)) {
          date = date.plusDays(1);
        }
        at = date.atStartOfDay().plusMinutes(time.start());
      } else {
        at = day.date().atStartOfDay().plusMinutes(time.start());
        if (day.flexible() && day.date().equals(r.today) && at.toLocalTime().isBefore(nowTime)) {
          at = at.plusWeeks(1);
        }
      }
      out.add(at);
    }
    return out;
  }
}
