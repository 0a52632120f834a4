package io.sahabot.schemas.reservation;

import static io.sahabot.schemas.Require.nonBlank;
import static io.sahabot.schemas.Require.nonNull;
import static io.sahabot.schemas.Require.nullOrNonBlank;
import static io.sahabot.schemas.Require.tenant;

import java.time.Instant;
import java.util.UUID;

/** The customer of a reservation did not come; {@code reservation} as it is now. */
public record ReservationMarkedNoShow(
    String eventId,
    Instant occurredAt,
    UUID tenantId,
    String commandId,
    ReservationView reservation,
    Actor requestedBy,
    String causationId)
    implements ReservationEvent {

  public ReservationMarkedNoShow {
    nonBlank(eventId, "eventId");
    nonNull(occurredAt, "occurredAt");
    tenant(tenantId);
    nonBlank(commandId, "commandId");
    nullOrNonBlank(causationId, "causationId");
    nonNull(reservation, "reservation");
  }

  /** An outcome whose requester and causation are not known (stored before they were recorded). */
  public ReservationMarkedNoShow(
      String eventId,
      Instant occurredAt,
      UUID tenantId,
      String commandId,
      ReservationView reservation) {
    this(eventId, occurredAt, tenantId, commandId, reservation, null, null);
  }
}
