package io.sahabot.schemas.reservation;

import static io.sahabot.schemas.Require.nonBlank;
import static io.sahabot.schemas.Require.nonNull;
import static io.sahabot.schemas.Require.tenant;

import java.time.Instant;
import java.util.UUID;

/**
 * A reservation's reminder is due: its customer is to be reminded of it, once. Published by
 * reservation-service's reminder scheduler; no command asked for it.
 *
 * @param commandId the reminder's own id, {@code reminder:<reservationId>:<start epoch second>}:
 *     the same reminder always has the same id, so a reminder published twice (a crash between the
 *     publish and its record) is told once
 * @param reservation the reservation as it is when the reminder falls due (active)
 */
public record ReminderDue(
    String eventId,
    Instant occurredAt,
    UUID tenantId,
    String commandId,
    ReservationView reservation)
    implements ReservationEvent {

  public ReminderDue {
    nonBlank(eventId, "eventId");
    nonNull(occurredAt, "occurredAt");
    tenant(tenantId);
    nonBlank(commandId, "commandId");
    nonNull(reservation, "reservation");
  }

  /** The id of the reminder of {@code reservation} at its current start. */
  public static String idOf(ReservationView reservation) {
    return "reminder:" + reservation.id() + ":" + reservation.start().getEpochSecond();
  }

  @Override
  public Actor requestedBy() {
    return null;
  }

  @Override
  public String causationId() {
    return null;
  }
}
