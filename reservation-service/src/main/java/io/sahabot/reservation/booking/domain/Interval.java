package io.sahabot.reservation.booking.domain;

import java.time.Duration;
import java.time.Instant;
import java.util.Objects;

/** A half-open time interval {@code [start, end)}. */
public record Interval(Instant start, Instant end) {

  public Interval {
    Objects.requireNonNull(start, "start");
    Objects.requireNonNull(end, "end");
    if (!end.isAfter(start)) {
      throw new IllegalArgumentException("end must be after start: " + start + " / " + end);
    }
  }

  public Duration length() {
    return Duration.between(start, end);
  }

  public boolean overlaps(Interval other) {
    return start.isBefore(other.end) && other.start.isBefore(end);
  }

  public boolean within(Interval outer) {
    return !start.isBefore(outer.start) && !end.isAfter(outer.end);
  }
}
