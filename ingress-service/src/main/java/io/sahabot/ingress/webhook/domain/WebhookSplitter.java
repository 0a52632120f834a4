package io.sahabot.ingress.webhook.domain;

import io.sahabot.ingress.webhook.domain.WebhookRejected.Reason;
import io.sahabot.schemas.whatsapp.RawWebhookChange;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.function.Supplier;
import tools.jackson.core.JacksonException;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.ObjectMapper;

/**
 * Splits a webhook body into one {@link RawWebhookChange} per {@code entry[].changes[]} element,
 * keyed by the change's {@code value.metadata.phone_number_id}, its {@code value} kept verbatim
 * (unknown fields included).
 *
 * <p>A body that is not JSON, or whose {@code entry}/{@code changes} are not arrays of objects, is
 * {@link Reason#MALFORMED}; an {@code object} other than {@code whatsapp_business_account} is
 * {@link Reason#NOT_WHATSAPP}. A change with no {@code phone_number_id} (account-level fields such
 * as {@code account_update}) belongs to no business number and is returned in {@link
 * Split#skipped()}, not published.
 */
public final class WebhookSplitter {

  static final String OBJECT = "whatsapp_business_account";

  private final ObjectMapper mapper;
  private final Supplier<String> deliveryIds;

  public WebhookSplitter(ObjectMapper mapper, Supplier<String> deliveryIds) {
    this.mapper = mapper;
    this.deliveryIds = deliveryIds;
  }

  /** The changes of a body, in the order of the body, and the fields of those skipped. */
  public record Split(List<RawWebhookChange> changes, List<String> skipped) {}

  public Split split(byte[] body, Instant receivedAt) {
    JsonNode root;
    try {
      root = mapper.readTree(body);
    } catch (JacksonException e) {
      throw new WebhookRejected(Reason.MALFORMED, "body is not JSON");
    }
    if (root == null || !root.isObject()) {
      throw new WebhookRejected(Reason.MALFORMED, "body is not a JSON object");
    }
    JsonNode object = root.get("object");
    if (object == null || !object.isString() || !OBJECT.equals(object.asString())) {
      throw new WebhookRejected(Reason.NOT_WHATSAPP, "object is not " + OBJECT);
    }
    JsonNode entries = root.get("entry");
    if (entries == null || !entries.isArray()) {
      throw new WebhookRejected(Reason.MALFORMED, "entry is not an array");
    }
    List<RawWebhookChange> changes = new ArrayList<>();
    List<String> skipped = new ArrayList<>();
    for (JsonNode entry : entries) {
      JsonNode entryChanges = entry.isObject() ? entry.get("changes") : null;
      if (entryChanges == null || !entryChanges.isArray()) {
        throw new WebhookRejected(Reason.MALFORMED, "entry[].changes is not an array");
      }
      for (JsonNode change : entryChanges) {
        JsonNode value = change.isObject() ? change.get("value") : null;
        if (value == null || !value.isObject()) {
          throw new WebhookRejected(Reason.MALFORMED, "changes[].value is not an object");
        }
        JsonNode fieldNode = change.get("field");
        String field =
            fieldNode != null && fieldNode.isString() && !fieldNode.asString().isBlank()
                ? fieldNode.asString()
                : null;
        if (field == null) {
          throw new WebhookRejected(Reason.MALFORMED, "changes[].field is missing");
        }
        JsonNode phone = value.path("metadata").path("phone_number_id");
        if (!phone.isString() || phone.asString().isBlank()) {
          skipped.add(field);
          continue;
        }
        changes.add(
            new RawWebhookChange(deliveryIds.get(), receivedAt, phone.asString(), field, value));
      }
    }
    return new Split(List.copyOf(changes), List.copyOf(skipped));
  }
}
