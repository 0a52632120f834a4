package io.sahabot.local.replay;

import java.time.Duration;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.format.DateTimeParseException;
import java.util.Locale;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * The time range of a replay, {@code [from, to]}. Each end is an ISO instant ({@code
 * 2026-11-27T10:00:00Z}), an ISO date-time with an offset ({@code 2026-11-27T13:00:00+03:00}), or a
 * duration ago: {@code 90s}, {@code 15m}, {@code 2h}, {@code 1d}, or ISO {@code PT2H}.
 */
record TimeRange(Instant from, Instant to) {

  private static final Pattern AGO = Pattern.compile("(\\d{1,9})\\s*([smhd])");

  TimeRange {
    if (from.isAfter(to)) {
      throw new IllegalArgumentException("--from " + from + " is after --to " + to);
    }
  }

  boolean contains(Instant t) {
    return !t.isBefore(from) && !t.isAfter(to);
  }

  static TimeRange parse(String from, String to, Instant now) {
    return new TimeRange(instant("from", from, now), instant("to", to, now));
  }

  /** {@code 90s}, {@code 15m}, {@code 2h}, {@code 1d} or ISO {@code PT2H}; null when neither. */
  static Duration duration(String option, String value) {
    String v = value.strip().toLowerCase(Locale.ROOT);
    Matcher m = AGO.matcher(v);
    if (m.matches()) {
      Duration unit =
          switch (m.group(2)) {
            case "s" -> Duration.ofSeconds(1);
            case "m" -> Duration.ofMinutes(1);
            case "h" -> Duration.ofHours(1);
            default -> Duration.ofDays(1);
          };
      return unit.multipliedBy(Long.parseLong(m.group(1)));
    }
    if (v.startsWith("p")) {
      try {
        return Duration.parse(v.toUpperCase(Locale.ROOT));
      } catch (DateTimeParseException e) {
        throw new IllegalArgumentException(
            "--" + option + " '" + value + "' is not a duration (90s, 15m, 2h, 1d, PT2H)");
      }
    }
    return null;
  }

  static Instant instant(String option, String value, Instant now) {
    String v = value.strip();
    try {
      Duration ago = duration(option, v);
      if (ago != null) {
        return now.minus(ago);
      }
      if (v.endsWith("Z") || v.endsWith("z")) {
        return Instant.parse(v.toUpperCase(Locale.ROOT));
      }
      return OffsetDateTime.parse(v).toInstant();
    } catch (DateTimeParseException | ArithmeticException | IllegalArgumentException e) {
      throw new IllegalArgumentException(
          "--"
              + option
              + " '"
              + value
              + "' is neither an ISO instant (2026-11-27T10:00:00Z, 2026-11-27T13:00:00+03:00)"
              + " nor a duration ago (90s, 15m, 2h, 1d, PT2H)");
    }
  }
}
