package io.sahabot.schemas.reservation;

import static io.sahabot.schemas.Require.nonBlank;
import static io.sahabot.schemas.Require.nonNull;
import static io.sahabot.schemas.Require.positive;
import static io.sahabot.schemas.Require.tenant;

import java.time.Instant;
import java.util.UUID;

/**
 * Take a waitlist offer ({@link WaitlistOffered}) while it is held: books the slot for the waiting
 * customer. Answered with {@link ReservationConfirmed}, or {@link ReservationRejected} when the
 * offer has lapsed or is not the requester's.
 *
 * @param entryId the waitlist entry the offer was made to
 */
public record AcceptWaitlistOffer(
    String commandId,
    Instant issuedAt,
    UUID tenantId,
    String causationId,
    Actor requestedBy,
    long entryId)
    implements ReservationCommand {

  public AcceptWaitlistOffer {
    nonBlank(commandId, "commandId");
    nonNull(issuedAt, "issuedAt");
    tenant(tenantId);
    nonBlank(causationId, "causationId");
    nonNull(requestedBy, "requestedBy");
    positive(entryId, "entryId");
  }
}
