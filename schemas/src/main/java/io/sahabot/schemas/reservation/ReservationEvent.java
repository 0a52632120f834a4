package io.sahabot.schemas.reservation;

import com.fasterxml.jackson.annotation.JsonSubTypes;
import com.fasterxml.jackson.annotation.JsonTypeInfo;
import java.time.Instant;
import java.util.UUID;

/**
 * A value of topic {@code reservation.events}: the outcome of one {@link ReservationCommand}. Key:
 * {@code tenantId}. The {@code commandId} it answers is its causation.
 */
@JsonTypeInfo(use = JsonTypeInfo.Id.NAME, property = "type")
@JsonSubTypes({
  @JsonSubTypes.Type(value = ReservationConfirmed.class, name = "ReservationConfirmed"),
  @JsonSubTypes.Type(value = ReservationRejected.class, name = "ReservationRejected"),
  @JsonSubTypes.Type(value = ReservationCancelled.class, name = "ReservationCancelled"),
  @JsonSubTypes.Type(value = ReservationMoved.class, name = "ReservationMoved"),
  @JsonSubTypes.Type(value = ReservationMarkedNoShow.class, name = "ReservationMarkedNoShow")
})
public sealed interface ReservationEvent
    permits ReservationConfirmed,
        ReservationRejected,
        ReservationCancelled,
        ReservationMoved,
        ReservationMarkedNoShow {

  /** Unique id of the event. */
  String eventId();

  /** When the outcome was decided. */
  Instant occurredAt();

  UUID tenantId();

  /** The command this event answers. */
  String commandId();

  /** The Kafka key: the tenant id. */
  default String key() {
    return tenantId().toString();
  }
}
