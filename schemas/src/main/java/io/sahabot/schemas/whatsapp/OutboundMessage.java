package io.sahabot.schemas.whatsapp;

import static io.sahabot.schemas.Require.nonBlank;
import static io.sahabot.schemas.Require.nonNull;
import static io.sahabot.schemas.Require.nullOrNonBlank;
import static io.sahabot.schemas.Require.tenant;

import java.time.Instant;
import java.util.List;
import java.util.UUID;

/**
 * A message for ingress-service to send from a tenant's business number.
 *
 * @param eventId unique id of this message (ingress sends each at most once per id)
 * @param occurredAt when it was produced
 * @param causationId the id of what it answers (an inbound message's or a reservation event's id)
 * @param phoneNumberId the business number to send from
 * @param to the recipient's {@code userId} (wa_id or BSUID)
 * @param replyToWamid the customer message to quote; may be absent
 * @param content what to send
 * @param fallback the template to send instead, once, when WhatsApp refuses {@code content} because
 *     the customer's 24-hour window is closed (error 131047, at once or later as a {@code failed}
 *     status); absent when there is none (a template itself has none)
 * @param tells the outcomes this message tells its recipient (a reservation event's {@code
 *     commandId}, or a reminder's key): a turn's reply that told what its command decided, or the
 *     outcome notifier's notice. The sender sends a notice (a message that quotes nothing) whose
 *     every outcome it already sent to the same recipient in another message as a duplicate
 *     telling, not at all: the durable record of who told what is in the database, and this is what
 *     still holds when that database was replaced by an older backup. Absent or empty when it tells
 *     none.
 */
public record OutboundMessage(
    String eventId,
    Instant occurredAt,
    UUID tenantId,
    String causationId,
    String phoneNumberId,
    String to,
    String replyToWamid,
    OutboundContent content,
    OutboundContent.Template fallback,
    List<String> tells)
    implements OutboundRecord {

  public OutboundMessage {
    nonBlank(eventId, "eventId");
    nonNull(occurredAt, "occurredAt");
    tenant(tenantId);
    nonBlank(causationId, "causationId");
    nonBlank(phoneNumberId, "phoneNumberId");
    nonBlank(to, "to");
    nullOrNonBlank(replyToWamid, "replyToWamid");
    nonNull(content, "content");
    if (fallback != null && content instanceof OutboundContent.Template) {
      throw new IllegalArgumentException("fallback: a template has no fallback");
    }
    if (fallback != null && content instanceof OutboundContent.MarkRead) {
      throw new IllegalArgumentException("fallback: a read receipt has no fallback");
    }
    tells = tells == null || tells.isEmpty() ? null : List.copyOf(tells);
    if (tells != null) {
      tells.forEach(key -> nonBlank(key, "tells"));
    }
  }

  /** A message that tells no outcome. */
  public OutboundMessage(
      String eventId,
      Instant occurredAt,
      UUID tenantId,
      String causationId,
      String phoneNumberId,
      String to,
      String replyToWamid,
      OutboundContent content,
      OutboundContent.Template fallback) {
    this(
        eventId,
        occurredAt,
        tenantId,
        causationId,
        phoneNumberId,
        to,
        replyToWamid,
        content,
        fallback,
        null);
  }

  /** This message, telling {@code outcomes} (see {@link #tells()}). */
  public OutboundMessage telling(List<String> outcomes) {
    return new OutboundMessage(
        eventId,
        occurredAt,
        tenantId,
        causationId,
        phoneNumberId,
        to,
        replyToWamid,
        content,
        fallback,
        outcomes);
  }

  /** A message without a fallback template. */
  public OutboundMessage(
      String eventId,
      Instant occurredAt,
      UUID tenantId,
      String causationId,
      String phoneNumberId,
      String to,
      String replyToWamid,
      OutboundContent content) {
    this(
        eventId,
        occurredAt,
        tenantId,
        causationId,
        phoneNumberId,
        to,
        replyToWamid,
        content,
        null,
        null);
  }

  /**
   * The business number: all of one number's messages are on one partition, so one sender instance
   * owns each number (its rate limit is exact without shared state) and each conversation, which is
   * one number's, stays in order.
   */
  @Override
  public String key() {
    return phoneNumberId;
  }
}
