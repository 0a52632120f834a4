package io.sahabot.schemas.whatsapp;

import static io.sahabot.schemas.Require.list;
import static io.sahabot.schemas.Require.nonBlank;
import static io.sahabot.schemas.Require.nonNull;
import static io.sahabot.schemas.Require.nullOrNonBlank;
import static io.sahabot.schemas.Require.tenant;

import java.time.Instant;
import java.util.List;
import java.util.UUID;

/**
 * A status update of a message we sent. Meta does not keep order between statuses: compare {@code
 * statusAt}, and expect {@code READ} before {@code DELIVERED}.
 *
 * @param eventId unique id of this event
 * @param occurredAt when tenant-service published it
 * @param causationId the {@link RawWebhookChange#deliveryId()} it was read from
 * @param userId the recipient ({@code recipient_id}, or its BSUID)
 * @param wamid the id of our message
 * @param statusAt the status's own timestamp
 * @param errors Meta's errors, normally only for {@code FAILED}; empty when none
 * @param callbackData the {@code biz_opaque_callback_data} the message was sent with (ingress sends
 *     each message's {@link OutboundMessage#eventId()} there); absent when the message had none
 */
public record DeliveryStatus(
    String eventId,
    Instant occurredAt,
    UUID tenantId,
    String causationId,
    String phoneNumberId,
    String userId,
    String wamid,
    Status status,
    Instant statusAt,
    List<ErrorDetail> errors,
    String callbackData)
    implements DeliveryStatusRecord {

  /** The delivery states WhatsApp reports. */
  public enum Status {
    SENT,
    DELIVERED,
    READ,
    PLAYED,
    FAILED
  }

  public DeliveryStatus {
    nonBlank(eventId, "eventId");
    nonNull(occurredAt, "occurredAt");
    tenant(tenantId);
    nonBlank(causationId, "causationId");
    nonBlank(phoneNumberId, "phoneNumberId");
    nonBlank(userId, "userId");
    nonBlank(wamid, "wamid");
    nonNull(status, "status");
    nonNull(statusAt, "statusAt");
    errors = list(errors, "errors");
    nullOrNonBlank(callbackData, "callbackData");
  }

  /** A status of a message sent without callback data. */
  public DeliveryStatus(
      String eventId,
      Instant occurredAt,
      UUID tenantId,
      String causationId,
      String phoneNumberId,
      String userId,
      String wamid,
      Status status,
      Instant statusAt,
      List<ErrorDetail> errors) {
    this(
        eventId,
        occurredAt,
        tenantId,
        causationId,
        phoneNumberId,
        userId,
        wamid,
        status,
        statusAt,
        errors,
        null);
  }

  @Override
  public String key() {
    return tenantId + ":" + userId;
  }
}
