package io.sahabot.schemas.reservation;

import static io.sahabot.schemas.Require.nonBlank;
import static io.sahabot.schemas.Require.nonNull;
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
    Slot previous)
    implements ReservationEvent {

  public ReservationMoved {
    nonBlank(eventId, "eventId");
    nonNull(occurredAt, "occurredAt");
    tenant(tenantId);
    nonBlank(commandId, "commandId");
    nonNull(reservation, "reservation");
    nonNull(previous, "previous");
  }
}
