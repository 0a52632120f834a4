package io.sahabot.schemas.reservation.query;

import io.sahabot.schemas.reservation.ReservationView;
import java.util.List;

/**
 * What reservation-service holds about one customer (a data subject's access request, KVKK / GDPR),
 * {@code GET /internal/tenants/{tenantId}/customers/data?user=} of reservation-service: the
 * customer rows that match the user id or phone, and their reservations, newest first.
 */
public record CustomerData(List<CustomerSummary> customers, List<ReservationView> reservations) {

  public CustomerData {
    customers = customers == null ? List.of() : List.copyOf(customers);
    reservations = reservations == null ? List.of() : List.copyOf(reservations);
  }
}
