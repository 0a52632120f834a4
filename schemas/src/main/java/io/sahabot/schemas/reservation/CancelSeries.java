package io.sahabot.schemas.reservation;

import static io.sahabot.schemas.Require.nonBlank;
import static io.sahabot.schemas.Require.nonNull;
import static io.sahabot.schemas.Require.positive;
import static io.sahabot.schemas.Require.tenant;

import java.time.Instant;
import java.util.UUID;

/**
 * Cancel the rest of a series from one of its occurrences on: that occurrence and the later ones
 * still active and not started. One occurrence alone is cancelled with {@link CancelReservation}.
 *
 * @param reservationId an occurrence of the series (a reservation of {@link SeriesBooked#booked()})
 */
public record CancelSeries(
    String commandId,
    Instant issuedAt,
    UUID tenantId,
    String causationId,
    Actor requestedBy,
    long reservationId)
    implements ReservationCommand {

  public CancelSeries {
    nonBlank(commandId, "commandId");
    nonNull(issuedAt, "issuedAt");
    tenant(tenantId);
    nonBlank(causationId, "causationId");
    nonNull(requestedBy, "requestedBy");
    positive(reservationId, "reservationId");
  }
}
