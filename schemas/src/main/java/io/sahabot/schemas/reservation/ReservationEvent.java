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
  @JsonSubTypes.Type(value = ReservationMarkedNoShow.class, name = "ReservationMarkedNoShow"),
  @JsonSubTypes.Type(value = ReminderDue.class, name = "ReminderDue"),
  @JsonSubTypes.Type(value = SeriesBooked.class, name = "SeriesBooked"),
  @JsonSubTypes.Type(value = SeriesCancelled.class, name = "SeriesCancelled"),
  @JsonSubTypes.Type(value = WaitlistJoined.class, name = "WaitlistJoined"),
  @JsonSubTypes.Type(value = WaitlistOffered.class, name = "WaitlistOffered"),
  @JsonSubTypes.Type(value = WaitlistOfferExpired.class, name = "WaitlistOfferExpired")
})
public sealed interface ReservationEvent
    permits ReservationConfirmed,
        ReservationRejected,
        ReservationCancelled,
        ReservationMoved,
        ReservationMarkedNoShow,
        ReminderDue,
        SeriesBooked,
        SeriesCancelled,
        WaitlistJoined,
        WaitlistOffered,
        WaitlistOfferExpired {

  /** Unique id of the event. */
  String eventId();

  /** When the outcome was decided. */
  Instant occurredAt();

  UUID tenantId();

  /** The command this event answers (for a {@link ReminderDue}, the reminder's own id). */
  String commandId();

  /**
   * Who asked for the command this event answers; absent for events no one asked for (a reminder)
   * and for outcomes stored before it was recorded. Whom an outcome is told to depends on it: a
   * customer's own change is told to the customer (and the owner), an owner's change of a
   * customer's reservation to the customer.
   */
  Actor requestedBy();

  /**
   * What the command answered, usually the inbound message's wamid of the turn that sent it; absent
   * when not known.
   */
  String causationId();

  /** The Kafka key: the tenant id. */
  default String key() {
    return tenantId().toString();
  }
}
