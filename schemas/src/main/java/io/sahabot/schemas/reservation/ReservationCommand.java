package io.sahabot.schemas.reservation;

import com.fasterxml.jackson.annotation.JsonSubTypes;
import com.fasterxml.jackson.annotation.JsonTypeInfo;
import java.time.Instant;
import java.util.UUID;

/**
 * A value of topic {@code reservation.commands}. Key: {@code tenantId}, so one tenant's commands
 * are decided one at a time. reservation-service answers every command with exactly one {@link
 * ReservationEvent} carrying its {@code commandId}; a redelivered command is answered again with
 * the same outcome.
 */
@JsonTypeInfo(use = JsonTypeInfo.Id.NAME, property = "type")
@JsonSubTypes({
  @JsonSubTypes.Type(value = RequestReservation.class, name = "RequestReservation"),
  @JsonSubTypes.Type(value = CancelReservation.class, name = "CancelReservation"),
  @JsonSubTypes.Type(value = MoveReservation.class, name = "MoveReservation"),
  @JsonSubTypes.Type(value = MarkNoShow.class, name = "MarkNoShow"),
  @JsonSubTypes.Type(value = RequestSeries.class, name = "RequestSeries"),
  @JsonSubTypes.Type(value = CancelSeries.class, name = "CancelSeries"),
  @JsonSubTypes.Type(value = JoinWaitlist.class, name = "JoinWaitlist"),
  @JsonSubTypes.Type(value = AcceptWaitlistOffer.class, name = "AcceptWaitlistOffer")
})
public sealed interface ReservationCommand
    permits RequestReservation,
        CancelReservation,
        MoveReservation,
        MarkNoShow,
        RequestSeries,
        CancelSeries,
        JoinWaitlist,
        AcceptWaitlistOffer {

  /** Unique id of the command; reservation-service stores it and refuses to apply it twice. */
  String commandId();

  /** When the command was issued. */
  Instant issuedAt();

  UUID tenantId();

  /** The id of what caused the command, e.g. the inbound message's {@code eventId}. */
  String causationId();

  Actor requestedBy();

  /** The Kafka key: the tenant id. */
  default String key() {
    return tenantId().toString();
  }
}
