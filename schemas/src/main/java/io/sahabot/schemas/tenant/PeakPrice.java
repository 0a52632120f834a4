package io.sahabot.schemas.tenant;

import static io.sahabot.schemas.Require.nonNull;

import java.math.BigDecimal;
import java.time.DayOfWeek;
import java.util.Collections;
import java.util.EnumSet;
import java.util.Set;

/**
 * A price per hour that replaces the base price on some days between two times, in the tenant's
 * time zone, {@code [from, to)}.
 *
 * @param days at least one weekday
 * @param from {@code "HH:mm"}
 * @param to {@code "HH:mm"} after {@code from}; {@code "24:00"} for midnight
 * @param pricePerHour in the tenant's currency, at least 0
 */
public record PeakPrice(Set<DayOfWeek> days, String from, String to, BigDecimal pricePerHour) {

  public PeakPrice {
    nonNull(days, "peakPrices.days");
    if (days.isEmpty()) {
      throw new IllegalArgumentException("peakPrices.days: must not be empty");
    }
    for (DayOfWeek day : days) {
      nonNull(day, "peakPrices.days");
    }
    days = Collections.unmodifiableSet(EnumSet.copyOf(days));
    HourMinute.ordered(from, to, "peakPrices.from", "peakPrices.to");
    TenantSettings.price(pricePerHour, "peakPrices.pricePerHour");
  }

  /** {@code from} as minutes since midnight. */
  public int fromMinute() {
    return HourMinute.minuteOfDay(from, "peakPrices.from");
  }

  /** {@code to} as minutes since midnight, 1440 for {@code "24:00"}. */
  public int toMinute() {
    return HourMinute.minuteOfDay(to, "peakPrices.to");
  }
}
