package io.sahabot.schemas.reservation;

import static io.sahabot.schemas.Require.nonBlank;
import static io.sahabot.schemas.Require.nonNull;
import static io.sahabot.schemas.Require.nullOrNonBlank;
import static io.sahabot.schemas.Require.ordered;
import static io.sahabot.schemas.Require.tenant;

import java.time.Instant;
import java.util.UUID;

/**
 * Put a customer on the waitlist of a taken slot {@code [start, end)}: when it frees, the first
 * waiting customer is offered it ({@link WaitlistOffered}). Answered with {@link WaitlistJoined}.
 *
 * @param field the field's name; absent for the tenant's default field
 */
public record JoinWaitlist(
    String commandId,
    Instant issuedAt,
    UUID tenantId,
    String causationId,
    Actor requestedBy,
    CustomerRef customer,
    String field,
    Instant start,
    Instant end)
    implements ReservationCommand {

  public JoinWaitlist {
    nonBlank(commandId, "commandId");
    nonNull(issuedAt, "issuedAt");
    tenant(tenantId);
    nonBlank(causationId, "causationId");
    nonNull(requestedBy, "requestedBy");
    nonNull(customer, "customer");
    nullOrNonBlank(field, "field");
    ordered(start, end, "start", "end");
  }
}
