package io.sahabot.schemas.reservation;

import static io.sahabot.schemas.Require.nonBlank;
import static io.sahabot.schemas.Require.nonNull;
import static io.sahabot.schemas.Require.positive;
import static io.sahabot.schemas.Require.tenant;

import java.time.Instant;
import java.util.UUID;

/**
 * A waitlist offer was not taken in time: the hold is over and the next waiting customer, if any,
 * is offered the slot. Published by the waitlist scheduler, once per entry.
 *
 * @param commandId {@code waitlist-expired:<entryId>}
 */
public record WaitlistOfferExpired(
    String eventId,
    Instant occurredAt,
    UUID tenantId,
    String commandId,
    long entryId,
    Slot slot,
    CustomerRef customer)
    implements ReservationEvent {

  public WaitlistOfferExpired {
    nonBlank(eventId, "eventId");
    nonNull(occurredAt, "occurredAt");
    tenant(tenantId);
    nonBlank(commandId, "commandId");
    positive(entryId, "entryId");
    nonNull(slot, "slot");
    nonNull(customer, "customer");
  }

  /** The id of the expiry of the offer made to waitlist entry {@code entryId}. */
  public static String idOf(long entryId) {
    return "waitlist-expired:" + entryId;
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
