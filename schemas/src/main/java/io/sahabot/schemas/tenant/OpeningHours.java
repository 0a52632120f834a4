package io.sahabot.schemas.tenant;

/**
 * The hours of one day, in the tenant's time zone, {@code [open, close)}. A close at or before the
 * open is past midnight: {@code 09:00–02:00} is open until 02:00 of the next calendar day, and that
 * night belongs to the day it started (its opening hours, its closed dates).
 *
 * @param open {@code "HH:mm"}
 * @param close {@code "HH:mm"}, not equal to {@code open}; {@code "24:00"} for midnight; earlier
 *     than {@code open} for the next morning
 */
public record OpeningHours(String open, String close) {

  public OpeningHours {
    int from = HourMinute.minuteOfDay(open, "openingHours.open");
    int to = HourMinute.minuteOfDay(close, "openingHours.close");
    if (from == 24 * 60) {
      throw new IllegalArgumentException("openingHours.open: must be before 24:00, was '24:00'");
    }
    if (to == from) {
      throw new IllegalArgumentException(
          "openingHours.close: must differ from openingHours.open ("
              + open
              + "), was '"
              + close
              + "'");
    }
  }

  /** {@code open} as minutes since midnight. */
  public int openMinute() {
    return HourMinute.minuteOfDay(open, "openingHours.open");
  }

  /**
   * {@code close} as minutes since the midnight that starts the day: 1440 for {@code "24:00"}, more
   * than 1440 when it closes past midnight ({@code 02:00} after a {@code 09:00} open: 1560).
   */
  public int closeMinute() {
    int close = HourMinute.minuteOfDay(close(), "openingHours.close");
    return close <= openMinute() ? close + 24 * 60 : close;
  }

  /** Whether it closes after midnight. */
  public boolean pastMidnight() {
    return closeMinute() > 24 * 60;
  }
}
