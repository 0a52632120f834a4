package io.sahabot.schemas.reservation.query;

import io.sahabot.schemas.reservation.ReservationView;
import java.util.List;

/**
 * The answer to erasing a customer's personal data, {@code POST
 * /internal/tenants/{tenantId}/customers/erasure?user=} of reservation-service.
 *
 * @param erased whether the data was erased; false when the customer still has upcoming
 *     reservations ({@code upcoming}: they are to be cancelled first, so that the business is never
 *     left with a held slot it cannot reach anyone about)
 * @param customers customer rows anonymised
 * @param reservations reservations kept for the business's figures without personal data
 * @param outcomes stored outcome events scrubbed
 * @param upcoming the customer's upcoming active reservations, when not erased
 */
public record CustomerErasure(
    boolean erased,
    long customers,
    long reservations,
    long outcomes,
    List<ReservationView> upcoming) {

  public CustomerErasure {
    upcoming = upcoming == null ? List.of() : List.copyOf(upcoming);
  }
}
