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
 * A {@link RequestSeries} was decided, occurrence by occurrence: {@code booked} are the ones that
 * were free (each an active reservation of its own), {@code notBooked} the others with why and what
 * is free near them. Both empty is impossible: every occurrence is in one of them.
 *
 * @param seriesId the series, for {@link CancelSeries}
 */
public record SeriesBooked(
    String eventId,
    Instant occurredAt,
    UUID tenantId,
    String commandId,
    long seriesId,
    List<ReservationView> booked,
    List<MissedOccurrence> notBooked,
    Actor requestedBy,
    String causationId)
    implements ReservationEvent {

  public SeriesBooked {
    nonBlank(eventId, "eventId");
    nonNull(occurredAt, "occurredAt");
    tenant(tenantId);
    nonBlank(commandId, "commandId");
    positive(seriesId, "seriesId");
    booked = list(booked, "booked");
    notBooked = list(notBooked, "notBooked");
    nullOrNonBlank(causationId, "causationId");
  }

  /**
   * An occurrence that was not booked.
   *
   * @param slot the occurrence as asked
   * @param reason why: {@code OVERLAP} (taken), {@code CLOSED}, {@code PAST}, ...
   * @param alternatives free slots near it, best first; empty when none
   */
  public record MissedOccurrence(Slot slot, RejectionReason reason, List<Slot> alternatives) {
    public MissedOccurrence {
      nonNull(slot, "slot");
      nonNull(reason, "reason");
      alternatives = list(alternatives, "alternatives");
    }
  }
}
