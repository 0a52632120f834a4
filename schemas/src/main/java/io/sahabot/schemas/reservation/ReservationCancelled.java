package io.sahabot.schemas.reservation;

import static io.sahabot.schemas.Require.nonBlank;
import static io.sahabot.schemas.Require.nonNull;
import static io.sahabot.schemas.Require.nullOrNonBlank;
import static io.sahabot.schemas.Require.tenant;

import java.time.Instant;
import java.util.UUID;

/** A reservation was cancelled; {@code reservation} as it is now. */
public record ReservationCancelled(
    String eventId,
    Instant occurredAt,
    UUID tenantId,
    String commandId,
    ReservationView reservation,
    Actor requestedBy,
    String causationId)
    implements ReservationEvent {

  public ReservationCancelled {
    nonBlank(eventId, "eventId");
    nonNull(occurredAt, "occurredAt");
    tenant(tenantId);
    nonBlank(commandId, "commandId");
    nullOrNonBlank(causationId, "causationId");
    nonNull(reservation, "reservation");
  }

  /** An outcome whose requester and causation are not known (stored before they were recorded). */
  public ReservationCancelled(
      String eventId,
      Instant occurredAt,
      UUID tenantId,
      String commandId,
      ReservationView reservation) {
    this(eventId, occurredAt, tenantId, commandId, reservation, null, null);
  }
}
