package io.sahabot.schemas.reservation.query;

import java.time.LocalDate;
import java.util.List;

/**
 * The customers with the most reservations in a period, {@code GET
 * /internal/tenants/{tenantId}/reports/loyal-customers?from=&to=&limit=} of reservation-service.
 */
public record Loyalty(
    LocalDate from, LocalDate to, String currency, List<LoyalCustomer> customers) {

  public Loyalty {
    customers = customers == null ? List.of() : List.copyOf(customers);
  }
}
