package io.sahabot.schemas.reservation.query;

import java.util.List;

/** A field's free slots on the day asked for, in time order. */
public record FieldAvailability(String field, List<FreeSlot> free) {

  public FieldAvailability {
    free = free == null ? List.of() : List.copyOf(free);
  }
}
