package io.sahabot.schemas.reservation;

import static io.sahabot.schemas.Require.nonBlank;
import static io.sahabot.schemas.Require.ordered;

import java.time.Instant;

/** A time on a field, {@code [start, end)}. */
public record Slot(String field, Instant start, Instant end) {

  public Slot {
    nonBlank(field, "field");
    ordered(start, end, "start", "end");
  }
}
