package io.sahabot.schemas.reservation;

import static io.sahabot.schemas.Require.nonBlank;
import static io.sahabot.schemas.Require.nonNull;
import static io.sahabot.schemas.Require.positive;
import static io.sahabot.schemas.Require.tenant;

import java.time.Instant;
import java.util.UUID;

/**
 * Cancel the rest of a series: its active occurrences starting at or after {@code from} (those not
 * started yet). One occurrence alone is cancelled with {@link CancelReservation}.
 *
 * @param seriesId the series ({@link SeriesBooked#seriesId()})
 * @param from the first start to cancel; the command's time when absent
 */
public record CancelSeries(
    String commandId,
    Instant issuedAt,
    UUID tenantId,
    String causationId,
    Actor requestedBy,
    long seriesId,
    Instant from)
    implements ReservationCommand {

  public CancelSeries {
    nonBlank(commandId, "commandId");
    nonNull(issuedAt, "issuedAt");
    tenant(tenantId);
    nonBlank(causationId, "causationId");
    nonNull(requestedBy, "requestedBy");
    positive(seriesId, "seriesId");
  }
}
