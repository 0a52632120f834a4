package io.sahabot.schemas.reservation;

import static io.sahabot.schemas.Require.list;
import static io.sahabot.schemas.Require.nonBlank;
import static io.sahabot.schemas.Require.nonNull;
import static io.sahabot.schemas.Require.nullOrNonBlank;
import static io.sahabot.schemas.Require.positive;
import static io.sahabot.schemas.Require.tenant;

import java.time.Instant;
import java.util.List;
import java.util.UUID;

/**
 * The rest of a series was cancelled: {@code cancelled} are the occurrences this cancelled (each
 * now {@code cancelled}); empty when none was left.
 */
public record SeriesCancelled(
    String eventId,
    Instant occurredAt,
    UUID tenantId,
    String commandId,
    long seriesId,
    List<ReservationView> cancelled,
    Actor requestedBy,
    String causationId)
    implements ReservationEvent {

  public SeriesCancelled {
    nonBlank(eventId, "eventId");
    nonNull(occurredAt, "occurredAt");
    tenant(tenantId);
    nonBlank(commandId, "commandId");
    positive(seriesId, "seriesId");
    cancelled = list(cancelled, "cancelled");
    nullOrNonBlank(causationId, "causationId");
  }
}
