package io.sahabot.schemas.reservation.query;

import io.sahabot.schemas.reservation.ReservationView;
import java.time.LocalDate;
import java.util.List;

/**
 * The reservations (every status) that overlap the days {@code from} to {@code to} (included),
 * {@code GET /internal/tenants/{tenantId}/reservations?from=&to=} of reservation-service, by start.
 */
public record Reservations(
    LocalDate from, LocalDate to, String timeZone, List<ReservationView> reservations) {

  public Reservations {
    reservations = reservations == null ? List.of() : List.copyOf(reservations);
  }
}
