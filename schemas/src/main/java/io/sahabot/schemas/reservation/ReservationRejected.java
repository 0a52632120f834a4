package io.sahabot.schemas.reservation;

import static io.sahabot.schemas.Require.list;
import static io.sahabot.schemas.Require.nonBlank;
import static io.sahabot.schemas.Require.nonNull;
import static io.sahabot.schemas.Require.nullOrNonBlank;
import static io.sahabot.schemas.Require.tenant;

import java.time.Instant;
import java.util.List;
import java.util.UUID;

/**
 * A command was refused; nothing changed.
 *
 * @param reason why
 * @param detail a human-readable explanation for logs and operators; may be absent
 * @param alternatives free slots close to the one asked for, best first; empty when none or not
 *     applicable
 */
public record ReservationRejected(
    String eventId,
    Instant occurredAt,
    UUID tenantId,
    String commandId,
    RejectionReason reason,
    String detail,
    List<Slot> alternatives,
    Actor requestedBy,
    String causationId)
    implements ReservationEvent {

  public ReservationRejected {
    nonBlank(eventId, "eventId");
    nonNull(occurredAt, "occurredAt");
    tenant(tenantId);
    nonBlank(commandId, "commandId");
    nullOrNonBlank(causationId, "causationId");
    nonNull(reason, "reason");
    nullOrNonBlank(detail, "detail");
    alternatives = list(alternatives, "alternatives");
  }

  /** An outcome whose requester and causation are not known (stored before they were recorded). */
  public ReservationRejected(
      String eventId,
      Instant occurredAt,
      UUID tenantId,
      String commandId,
      RejectionReason reason,
      String detail,
      List<Slot> alternatives) {
    this(eventId, occurredAt, tenantId, commandId, reason, detail, alternatives, null, null);
  }
}
