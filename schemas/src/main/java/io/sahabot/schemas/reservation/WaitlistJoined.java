package io.sahabot.schemas.reservation;

import static io.sahabot.schemas.Require.nonBlank;
import static io.sahabot.schemas.Require.nonNull;
import static io.sahabot.schemas.Require.nullOrNonBlank;
import static io.sahabot.schemas.Require.positive;
import static io.sahabot.schemas.Require.tenant;

import java.time.Instant;
import java.util.UUID;

/**
 * A customer is on the waitlist of a slot ({@link JoinWaitlist}).
 *
 * @param entryId the waitlist entry
 * @param position 1 for the first in line
 */
public record WaitlistJoined(
    String eventId,
    Instant occurredAt,
    UUID tenantId,
    String commandId,
    long entryId,
    Slot slot,
    int position,
    CustomerRef customer,
    Actor requestedBy,
    String causationId)
    implements ReservationEvent {

  public WaitlistJoined {
    nonBlank(eventId, "eventId");
    nonNull(occurredAt, "occurredAt");
    tenant(tenantId);
    nonBlank(commandId, "commandId");
    positive(entryId, "entryId");
    nonNull(slot, "slot");
    positive(position, "position");
    nonNull(customer, "customer");
    nullOrNonBlank(causationId, "causationId");
  }
}
