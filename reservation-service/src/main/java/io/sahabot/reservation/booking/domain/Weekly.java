package io.sahabot.reservation.booking.domain;

import java.time.ZoneId;
import java.time.ZonedDateTime;
import java.util.ArrayList;
import java.util.List;

/**
 * The occurrences of a weekly series: the same local weekday and time as the first, {@code count}
 * weeks in a row, in the business's time zone (a series crossing a daylight-saving change keeps its
 * local time, not its UTC one).
 */
public final class Weekly {

  private Weekly() {}

  public static List<Interval> occurrences(Interval first, ZoneId zone, int count) {
    ZonedDateTime start = first.start().atZone(zone);
    ZonedDateTime end = first.end().atZone(zone);
    List<Interval> result = new ArrayList<>(count);
    for (int week = 0; week < count; week++) {
      result.add(new Interval(start.plusWeeks(week).toInstant(), end.plusWeeks(week).toInstant()));
    }
    return result;
  }
}
