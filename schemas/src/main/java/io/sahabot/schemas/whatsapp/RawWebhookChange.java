package io.sahabot.schemas.whatsapp;

import static io.sahabot.schemas.Require.nonBlank;
import static io.sahabot.schemas.Require.nonNull;

import java.time.Instant;
import tools.jackson.databind.JsonNode;

/**
 * One {@code entry[].changes[]} element of a webhook POST, split out by ingress-service.
 *
 * @param deliveryId unique id of this record, given by ingress (the id of the event for everything
 *     it causes downstream)
 * @param receivedAt when ingress received the POST
 * @param phoneNumberId the change's {@code value.metadata.phone_number_id}
 * @param field the change's {@code field}, e.g. {@code "messages"}
 * @param value the change's {@code value} object, verbatim, unknown fields included. It is copied
 *     on construction; treat it as read-only.
 */
public record RawWebhookChange(
    String deliveryId, Instant receivedAt, String phoneNumberId, String field, JsonNode value)
    implements InboundRawRecord {

  public RawWebhookChange {
    nonBlank(deliveryId, "deliveryId");
    nonNull(receivedAt, "receivedAt");
    nonBlank(phoneNumberId, "phoneNumberId");
    nonBlank(field, "field");
    nonNull(value, "value");
    if (!value.isObject()) {
      throw new IllegalArgumentException(
          "value: must be a JSON object, was " + value.getNodeType());
    }
    value = value.deepCopy();
  }

  @Override
  public String key() {
    return phoneNumberId;
  }
}
