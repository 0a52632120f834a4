package io.sahabot.schemas.reservation;

import static io.sahabot.schemas.Require.nonBlank;
import static io.sahabot.schemas.Require.nonNull;
import static io.sahabot.schemas.Require.positive;
import static io.sahabot.schemas.Require.tenant;

import java.time.Instant;
import java.util.UUID;

/**
 * A slot someone waited for is free: it is held for the first waiting customer until {@code
 * holdUntil}, who takes it with {@link AcceptWaitlistOffer}. Published by reservation-service's
 * waitlist scheduler, once per entry; no command asked for it.
 *
 * @param commandId the offer's own id, {@code waitlist-offer:<entryId>}: an offer published twice
 *     (a crash between the publish and its record) has the same id, so it is told once
 */
public record WaitlistOffered(
    String eventId,
    Instant occurredAt,
    UUID tenantId,
    String commandId,
    long entryId,
    Slot slot,
    CustomerRef customer,
    Instant holdUntil)
    implements ReservationEvent {

  public WaitlistOffered {
    nonBlank(eventId, "eventId");
    nonNull(occurredAt, "occurredAt");
    tenant(tenantId);
    nonBlank(commandId, "commandId");
    positive(entryId, "entryId");
    nonNull(slot, "slot");
    nonNull(customer, "customer");
    nonNull(holdUntil, "holdUntil");
  }

  /** The id of the offer made to waitlist entry {@code entryId}. */
  public static String idOf(long entryId) {
    return "waitlist-offer:" + entryId;
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
