package io.sahabot.schemas.tenant;

import static io.sahabot.schemas.Require.nonNull;
import static io.sahabot.schemas.Require.optionalText;

import java.time.LocalDate;
import java.time.format.DateTimeParseException;

/**
 * Dates on which the weekly opening hours do not apply: closed (a holiday), or open at other hours
 * (a feast day's 12:00–20:00). Both dates are included, read in the business's time zone; a day's
 * night past midnight belongs to the day it started.
 *
 * @param from first date, {@code yyyy-MM-dd}
 * @param to last date, {@code yyyy-MM-dd}, not before {@code from}; absent for {@code from} alone
 * @param hours the hours of these dates; absent when closed
 * @param note why, as the owner said it ("Yılbaşı"); absent when not said
 */
public record SpecialDay(String from, String to, OpeningHours hours, String note) {

  public SpecialDay {
    nonNull(from, "specialDays.from");
    LocalDate first = date(from, "specialDays.from");
    to = to == null ? from : to;
    if (date(to, "specialDays.to").isBefore(first)) {
      throw new IllegalArgumentException(
          "specialDays.to: must not be before specialDays.from (" + from + "), was '" + to + "'");
    }
    optionalText(note, 200, "specialDays.note");
  }

  /** Closed from {@code from} to {@code to}. */
  public static SpecialDay closed(LocalDate from, LocalDate to, String note) {
    return new SpecialDay(from.toString(), to.toString(), null, note);
  }

  public LocalDate firstDate() {
    return LocalDate.parse(from);
  }

  public LocalDate lastDate() {
    return LocalDate.parse(to);
  }

  public boolean covers(LocalDate date) {
    return !date.isBefore(firstDate()) && !date.isAfter(lastDate());
  }

  public boolean closed() {
    return hours == null;
  }

  private static LocalDate date(String value, String field) {
    try {
      return LocalDate.parse(value);
    } catch (DateTimeParseException e) {
      throw new IllegalArgumentException(
          field + ": must be a date yyyy-MM-dd, was '" + value + "'");
    }
  }
}
