package io.sahabot.schemas.reservation;

import static io.sahabot.schemas.Require.nonBlank;
import static io.sahabot.schemas.Require.nonNull;
import static io.sahabot.schemas.Require.nullOrNonBlank;
import static io.sahabot.schemas.Require.ordered;
import static io.sahabot.schemas.Require.positive;
import static io.sahabot.schemas.Require.tenant;

import java.time.Instant;
import java.util.UUID;

/**
 * Move a reservation to another time, and optionally another field, {@code [newStart, newEnd)}.
 *
 * @param field the new field's name; absent to keep the reservation's field
 */
public record MoveReservation(
    String commandId,
    Instant issuedAt,
    UUID tenantId,
    String causationId,
    Actor requestedBy,
    long reservationId,
    String field,
    Instant newStart,
    Instant newEnd)
    implements ReservationCommand {

  public MoveReservation {
    nonBlank(commandId, "commandId");
    nonNull(issuedAt, "issuedAt");
    tenant(tenantId);
    nonBlank(causationId, "causationId");
    nonNull(requestedBy, "requestedBy");
    positive(reservationId, "reservationId");
    nullOrNonBlank(field, "field");
    ordered(newStart, newEnd, "newStart", "newEnd");
  }
}
