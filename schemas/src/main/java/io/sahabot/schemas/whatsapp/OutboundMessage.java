package io.sahabot.schemas.whatsapp;

import static io.sahabot.schemas.Require.nonBlank;
import static io.sahabot.schemas.Require.nonNull;
import static io.sahabot.schemas.Require.nullOrNonBlank;
import static io.sahabot.schemas.Require.tenant;

import java.time.Instant;
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
 */
public record OutboundMessage(
    String eventId,
    Instant occurredAt,
    UUID tenantId,
    String causationId,
    String phoneNumberId,
    String to,
    String replyToWamid,
    OutboundContent content)
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
  }

  @Override
  public String key() {
    return tenantId + ":" + to;
  }
}
