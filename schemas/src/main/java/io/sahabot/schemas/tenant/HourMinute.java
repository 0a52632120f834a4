package io.sahabot.schemas.tenant;

import java.util.regex.Pattern;

/** Parses the {@code "HH:mm"} times of opening hours and peak prices, {@code "24:00"} included. */
final class HourMinute {

  private static final Pattern HH_MM = Pattern.compile("([01][0-9]|2[0-3]):[0-5][0-9]|24:00");

  private HourMinute() {}

  /** Minutes since midnight, 0 to 1440; rejects anything but {@code HH:mm} naming the field. */
  static int minuteOfDay(String value, String field) {
    if (value == null) {
      throw new NullPointerException(field + ": must not be null");
    }
    if (!HH_MM.matcher(value).matches()) {
      throw new IllegalArgumentException(
          field + ": must be a time HH:mm between 00:00 and 24:00, was '" + value + "'");
    }
    return Integer.parseInt(value.substring(0, 2)) * 60 + Integer.parseInt(value.substring(3));
  }

  /** Rejects {@code to <= from}. */
  static void ordered(String from, String to, String fromField, String toField) {
    if (minuteOfDay(to, toField) <= minuteOfDay(from, fromField)) {
      throw new IllegalArgumentException(
          toField + ": must be after " + fromField + " (" + from + "), was '" + to + "'");
    }
  }
}
