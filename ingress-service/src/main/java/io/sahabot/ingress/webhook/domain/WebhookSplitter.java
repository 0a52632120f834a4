package io.sahabot.ingress.webhook.domain;

import io.sahabot.ingress.webhook.domain.WebhookRejected.Reason;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.function.Supplier;
import tools.jackson.core.JacksonException;
import tools.jackson.core.JsonParser;
import tools.jackson.core.JsonToken;
import tools.jackson.databind.ObjectMapper;

/**
 * Splits a webhook body into one {@link Change} per {@code entry[].changes[]} element, keyed by the
 * change's {@code value.metadata.phone_number_id}, its {@code value} kept verbatim: the bytes of
 * the body between the value's braces, as Meta sent and signed them (unknown fields, escapes and
 * all).
 *
 * <p>The body is read once with a streaming parser, without building a tree: every token is still
 * checked, so a body that is not JSON (or has anything after the root object) is {@link
 * Reason#MALFORMED}, as is one whose {@code entry}/{@code changes} are not arrays of objects; an
 * {@code object} other than {@code whatsapp_business_account} is {@link Reason#NOT_WHATSAPP}
 * (whatever else is wrong). A change with no {@code phone_number_id} (account-level fields such as
 * {@code account_update}) belongs to no business number and is returned in {@link Split#skipped()},
 * not published.
 */
public final class WebhookSplitter {

  static final String OBJECT = "whatsapp_business_account";

  private final ObjectMapper mapper;
  private final Supplier<String> deliveryIds;

  public WebhookSplitter(ObjectMapper mapper, Supplier<String> deliveryIds) {
    this.mapper = mapper;
    this.deliveryIds = deliveryIds;
  }

  /**
   * One change of a webhook: what a {@code RawWebhookChange} record carries, with the {@code value}
   * as the bytes of the body (a JSON object).
   */
  public record Change(
      String deliveryId, Instant receivedAt, String phoneNumberId, String field, byte[] value) {

    /** The Kafka key: the business number's {@code phone_number_id}. */
    public String key() {
      return phoneNumberId;
    }
  }

  /** The changes of a body, in the order of the body, and the fields of those skipped. */
  public record Split(List<Change> changes, List<String> skipped) {}

  public Split split(byte[] body, Instant receivedAt) {
    try (JsonParser parser = mapper.createParser(body)) {
      return new Reading(body, parser, receivedAt).root();
    } catch (JacksonException e) {
      throw new WebhookRejected(Reason.MALFORMED, "body is not JSON");
    }
  }

  /** One pass over one body. */
  private final class Reading {
    private final byte[] body;
    private final JsonParser parser;
    private final Instant receivedAt;
    private final List<Change> changes = new ArrayList<>();
    private final List<String> skipped = new ArrayList<>();
    private String problem; // the first structural problem: the body is MALFORMED

    Reading(byte[] body, JsonParser parser, Instant receivedAt) {
      this.body = body;
      this.parser = parser;
      this.receivedAt = receivedAt;
    }

    Split root() {
      JsonToken first = parser.nextToken();
      if (first == null) {
        throw new WebhookRejected(Reason.MALFORMED, "body is not JSON");
      }
      if (first != JsonToken.START_OBJECT) {
        throw new WebhookRejected(Reason.MALFORMED, "body is not a JSON object");
      }
      String object = null;
      boolean entries = false;
      while (parser.nextToken() == JsonToken.PROPERTY_NAME) {
        String name = parser.currentName();
        JsonToken token = parser.nextToken();
        if ("object".equals(name)) {
          object = token == JsonToken.VALUE_STRING ? parser.getString() : null;
          parser.skipChildren();
        } else if ("entry".equals(name) && token == JsonToken.START_ARRAY) {
          entries = true;
          entries();
        } else {
          parser.skipChildren();
        }
      }
      if (parser.nextToken() != null) {
        throw new WebhookRejected(Reason.MALFORMED, "body is not JSON");
      }
      if (!OBJECT.equals(object)) {
        throw new WebhookRejected(Reason.NOT_WHATSAPP, "object is not " + OBJECT);
      }
      if (!entries) {
        throw new WebhookRejected(Reason.MALFORMED, "entry is not an array");
      }
      if (problem != null) {
        throw new WebhookRejected(Reason.MALFORMED, problem);
      }
      return new Split(List.copyOf(changes), List.copyOf(skipped));
    }

    /** At the start of {@code entry}: each entry's {@code changes}. */
    private void entries() {
      while (parser.nextToken() != JsonToken.END_ARRAY) {
        boolean hasChanges = false;
        if (parser.currentToken() == JsonToken.START_OBJECT) {
          while (parser.nextToken() == JsonToken.PROPERTY_NAME) {
            String name = parser.currentName();
            JsonToken token = parser.nextToken();
            if ("changes".equals(name) && token == JsonToken.START_ARRAY) {
              hasChanges = true;
              changes();
            } else {
              parser.skipChildren();
            }
          }
        } else {
          parser.skipChildren();
        }
        if (!hasChanges) {
          problem("entry[].changes is not an array");
        }
      }
    }

    /** At the start of an entry's {@code changes}. */
    private void changes() {
      while (parser.nextToken() != JsonToken.END_ARRAY) {
        if (parser.currentToken() != JsonToken.START_OBJECT) {
          parser.skipChildren();
          problem("changes[].value is not an object");
          continue;
        }
        String field = null;
        int[] value = null; // start and end of the value in the body
        String phoneNumberId = null;
        while (parser.nextToken() == JsonToken.PROPERTY_NAME) {
          String name = parser.currentName();
          JsonToken token = parser.nextToken();
          if ("field".equals(name)) {
            field = token == JsonToken.VALUE_STRING ? parser.getString() : null;
            parser.skipChildren();
          } else if ("value".equals(name) && token == JsonToken.START_OBJECT) {
            int start = offset();
            phoneNumberId = phoneNumberIdOfValue();
            value = new int[] {start, offset() + 1};
          } else {
            if ("value".equals(name)) {
              value = null;
            }
            parser.skipChildren();
          }
        }
        if (value == null) {
          problem("changes[].value is not an object");
        } else if (field == null || field.isBlank()) {
          problem("changes[].field is missing");
        } else if (phoneNumberId == null || phoneNumberId.isBlank()) {
          skipped.add(field);
        } else if (problem == null) {
          changes.add(
              new Change(
                  deliveryIds.get(),
                  receivedAt,
                  phoneNumberId,
                  field,
                  Arrays.copyOfRange(body, value[0], value[1])));
        }
      }
    }

    /** At the start of a value: reads it to its end, returning its metadata.phone_number_id. */
    private String phoneNumberIdOfValue() {
      String phoneNumberId = null;
      while (parser.nextToken() == JsonToken.PROPERTY_NAME) {
        String name = parser.currentName();
        JsonToken token = parser.nextToken();
        if ("metadata".equals(name) && token == JsonToken.START_OBJECT) {
          phoneNumberId = null;
          while (parser.nextToken() == JsonToken.PROPERTY_NAME) {
            String inner = parser.currentName();
            JsonToken innerToken = parser.nextToken();
            if ("phone_number_id".equals(inner)) {
              phoneNumberId = innerToken == JsonToken.VALUE_STRING ? parser.getString() : null;
            }
            parser.skipChildren();
          }
        } else {
          if ("metadata".equals(name)) {
            phoneNumberId = null;
          }
          parser.skipChildren();
        }
      }
      return phoneNumberId;
    }

    /** The byte offset of the current token in the body. */
    private int offset() {
      long offset = parser.currentTokenLocation().getByteOffset();
      if (offset < 0 || offset >= body.length) {
        throw new WebhookRejected(Reason.MALFORMED, "body is not UTF-8 JSON");
      }
      return (int) offset;
    }

    private void problem(String what) {
      if (problem == null) {
        problem = what;
      }
    }
  }
}
