package io.sahabot.schemas.reservation.query;

import java.math.BigDecimal;
import java.util.List;

/**
 * A field's free slots on the day asked for, in time order.
 *
 * @param field the field's name
 * @param free its free slots
 * @param fieldId the field's stable id; absent from older answers
 * @param size players a side ({@code "7+7"}); absent when not set
 * @param pricePerHour the field's base price per hour (its own, else the business's); absent from
 *     older answers
 */
public record FieldAvailability(
    String field, List<FreeSlot> free, String fieldId, String size, BigDecimal pricePerHour) {

  public FieldAvailability {
    free = free == null ? List.of() : List.copyOf(free);
  }

  public FieldAvailability(String field, List<FreeSlot> free) {
    this(field, free, null, null, null);
  }
}
