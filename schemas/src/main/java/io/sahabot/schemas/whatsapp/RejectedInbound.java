package io.sahabot.schemas.whatsapp;

import static io.sahabot.schemas.Require.nonBlank;
import static io.sahabot.schemas.Require.nonNull;
import static io.sahabot.schemas.Require.nullOrNonBlank;

import java.time.Instant;
import java.util.UUID;
import tools.jackson.databind.JsonNode;

/**
 * A webhook change that was not passed on, and why.
 *
 * @param eventId unique id of this event
 * @param occurredAt when it was rejected: by ingress-service (a change it could not read or that is
 *     too large to publish) or by tenant-service
 * @param causationId the {@link RawWebhookChange#deliveryId()} of the change (ingress gives a
 *     change it rejects a delivery id of its own too)
 * @param phoneNumberId the business number the change was for; absent only when ingress could not
 *     read it from an unreadable change (the record then has no key)
 * @param tenantId the tenant when known; required for {@link Reason#TENANT_INACTIVE}
 * @param reason why it was rejected
 * @param detail a human-readable explanation; may be absent
 * @param change the change's {@code value}, verbatim (copied on construction; treat as read-only);
 *     for {@link Reason#UNREADABLE} from ingress, the whole {@code changes[]} element; for {@link
 *     Reason#TOO_LARGE}, only its {@code field} and size in {@code bytes}
 */
public record RejectedInbound(
    String eventId,
    Instant occurredAt,
    String causationId,
    String phoneNumberId,
    UUID tenantId,
    Reason reason,
    String detail,
    JsonNode change)
    implements RejectedInboundRecord {

  /** Why a change was rejected. */
  public enum Reason {
    /** The business number belongs to a deactivated tenant. */
    TENANT_INACTIVE,
    /** The change could not be read as messages or statuses (or, at ingress, as a change). */
    UNREADABLE,
    /** The change is larger than what ingress publishes ({@code max-change}, or Kafka's limit). */
    TOO_LARGE
  }

  public RejectedInbound {
    nonBlank(eventId, "eventId");
    nonNull(occurredAt, "occurredAt");
    nonBlank(causationId, "causationId");
    nullOrNonBlank(phoneNumberId, "phoneNumberId");
    nonNull(reason, "reason");
    if (reason == Reason.TENANT_INACTIVE) {
      nonNull(tenantId, "tenantId");
      nonBlank(phoneNumberId, "phoneNumberId");
    }
    nullOrNonBlank(detail, "detail");
    change = nonNull(change, "change").deepCopy();
  }

  @Override
  public String key() {
    return phoneNumberId;
  }
}
