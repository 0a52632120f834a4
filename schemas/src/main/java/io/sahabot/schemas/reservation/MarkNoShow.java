package io.sahabot.schemas.reservation;

import static io.sahabot.schemas.Require.nonBlank;
import static io.sahabot.schemas.Require.nonNull;
import static io.sahabot.schemas.Require.positive;
import static io.sahabot.schemas.Require.tenant;

import java.time.Instant;
import java.util.UUID;

/** Record that the customer of a reservation did not come. */
public record MarkNoShow(
    String commandId,
    Instant issuedAt,
    UUID tenantId,
    String causationId,
    Actor requestedBy,
    long reservationId)
    implements ReservationCommand {

  public MarkNoShow {
    nonBlank(commandId, "commandId");
    nonNull(issuedAt, "issuedAt");
    tenant(tenantId);
    nonBlank(causationId, "causationId");
    nonNull(requestedBy, "requestedBy");
    positive(reservationId, "reservationId");
  }
}
