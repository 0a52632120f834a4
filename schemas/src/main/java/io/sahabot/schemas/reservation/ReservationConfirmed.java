package io.sahabot.schemas.reservation;

import static io.sahabot.schemas.Require.nonBlank;
import static io.sahabot.schemas.Require.nonNull;
import static io.sahabot.schemas.Require.nullOrNonBlank;
import static io.sahabot.schemas.Require.tenant;

import java.time.Instant;
import java.util.UUID;

/** A reservation was booked; {@code reservation} is active. */
public record ReservationConfirmed(
    String eventId,
    Instant occurredAt,
    UUID tenantId,
    String commandId,
    ReservationView reservation,
    Actor requestedBy,
    String causationId)
    implements ReservationEvent {

  public ReservationConfirmed {
    nonBlank(eventId, "eventId");
    nonNull(occurredAt, "occurredAt");
    tenant(tenantId);
    nonBlank(commandId, "commandId");
    nullOrNonBlank(causationId, "causationId");
    nonNull(reservation, "reservation");
  }

  /** An outcome whose requester and causation are not known (stored before they were recorded). */
  public ReservationConfirmed(
      String eventId,
      Instant occurredAt,
      UUID tenantId,
      String commandId,
      ReservationView reservation) {
    this(eventId, occurredAt, tenantId, commandId, reservation, null, null);
  }
}
