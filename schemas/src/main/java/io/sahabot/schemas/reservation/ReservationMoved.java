package io.sahabot.schemas.reservation;

import static io.sahabot.schemas.Require.nonBlank;
import static io.sahabot.schemas.Require.nonNull;
import static io.sahabot.schemas.Require.nullOrNonBlank;
import static io.sahabot.schemas.Require.tenant;

import java.time.Instant;
import java.util.UUID;

/** A reservation was moved; {@code reservation} at its new slot, {@code previous} where it was. */
public record ReservationMoved(
    String eventId,
    Instant occurredAt,
    UUID tenantId,
    String commandId,
    ReservationView reservation,
    Slot previous,
    Actor requestedBy,
    String causationId)
    implements ReservationEvent {

  public ReservationMoved {
    nonBlank(eventId, "eventId");
    nonNull(occurredAt, "occurredAt");
    tenant(tenantId);
    nonBlank(commandId, "commandId");
    nullOrNonBlank(causationId, "causationId");
    nonNull(reservation, "reservation");
    nonNull(previous, "previous");
  }

  /** An outcome whose requester and causation are not known (stored before they were recorded). */
  public ReservationMoved(
      String eventId,
      Instant occurredAt,
      UUID tenantId,
      String commandId,
      ReservationView reservation,
      Slot previous) {
    this(eventId, occurredAt, tenantId, commandId, reservation, previous, null, null);
  }
}
