package io.sahabot.schemas.reservation.query;

import java.time.LocalDate;
import java.util.List;

/**
 * The free slots of a day, {@code GET
 * /internal/tenants/{tenantId}/availability?date=&lengthMinutes=} of reservation-service.
 *
 * @param date the day, in the tenant's time zone
 * @param timeZone the tenant's IANA time zone
 * @param lengthMinutes the length of the slots asked for
 * @param fields every field of the tenant, in the tenant's order
 */
public record Availability(
    LocalDate date, String timeZone, int lengthMinutes, List<FieldAvailability> fields) {

  public Availability {
    fields = fields == null ? List.of() : List.copyOf(fields);
  }
}
