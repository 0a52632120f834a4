package io.sahabot.schemas.reservation.query;

import java.time.LocalDate;
import java.util.List;

/**
 * Reservations (not cancelled) by weekday and hour, busiest first, {@code GET
 * /internal/tenants/{tenantId}/reports/peak-hours?from=&to=} of reservation-service.
 */
public record PeakHours(LocalDate from, LocalDate to, String timeZone, List<PeakHour> hours) {

  public PeakHours {
    hours = hours == null ? List.of() : List.copyOf(hours);
  }
}
