package io.sahabot.schemas.tenant;

/**
 * The hours of one weekday, in the tenant's time zone, {@code [open, close)}. Opening past midnight
 * is not supported: close at {@code "24:00"}.
 *
 * @param open {@code "HH:mm"}
 * @param close {@code "HH:mm"} after {@code open}; {@code "24:00"} for midnight
 */
public record OpeningHours(String open, String close) {

  public OpeningHours {
    HourMinute.ordered(open, close, "openingHours.open", "openingHours.close");
  }

  /** {@code open} as minutes since midnight. */
  public int openMinute() {
    return HourMinute.minuteOfDay(open, "openingHours.open");
  }

  /** {@code close} as minutes since midnight, 1440 for {@code "24:00"}. */
  public int closeMinute() {
    return HourMinute.minuteOfDay(close, "openingHours.close");
  }
}
