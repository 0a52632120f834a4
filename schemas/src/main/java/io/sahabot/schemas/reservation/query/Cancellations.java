package io.sahabot.schemas.reservation.query;

import java.time.LocalDate;
import java.util.List;

/**
 * The customers with the most cancellations and no-shows in a period, {@code GET
 * /internal/tenants/{tenantId}/reports/cancellations?from=&to=&limit=} of reservation-service.
 */
public record Cancellations(LocalDate from, LocalDate to, List<Canceller> customers) {

  public Cancellations {
    customers = customers == null ? List.of() : List.copyOf(customers);
  }
}
