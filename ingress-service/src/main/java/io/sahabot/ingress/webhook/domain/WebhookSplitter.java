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
 * Reason#MALFORMED}, as is one whose {@code entry} is not an array; an {@code object} other than
 * {@code whatsapp_business_account} is {@link Reason#NOT_WHATSAPP} (whatever else is wrong). Those
 * refuse the whole body. What is wrong inside one entry or change refuses only that part: an entry
 * that is not an object or has no {@code changes} array, a change that is not an object, has no
 * {@code value} object or no {@code field}, is returned in {@link Split#rejected()} as {@link
 * RejectedChange.Kind#UNREADABLE} with its bytes, and so is a change whose {@code value} is larger
 * than {@code maxChangeBytes} ({@link RejectedChange.Kind#TOO_LARGE}, without them); the other
 * changes of the body are returned as usual. A change with no {@code phone_number_id}
 * (account-level fields such as {@code account_update}) belongs to no business number and is
 * returned in {@link Split#skipped()}, not published.
 */
public final class WebhookSplitter {

  static final String OBJECT = "whatsapp_business_account";

  private final ObjectMapper mapper;
  private final Supplier<String> deliveryIds;
  private final int maxChangeBytes;

  public WebhookSplitter(ObjectMapper mapper, Supplier<String> deliveryIds) {
    this(mapper, deliveryIds, Integer.MAX_VALUE);
  }

  /**
   * @param maxChangeBytes a change whose {@code value} is larger is {@link
   *     RejectedChange.Kind#TOO_LARGE}
   */
  public WebhookSplitter(ObjectMapper mapper, Supplier<String> deliveryIds, int maxChangeBytes) {
    this.mapper = mapper;
    this.deliveryIds = deliveryIds;
    this.maxChangeBytes = maxChangeBytes;
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

  /**
   * A part of a webhook that is not published as a change: an entry or change that cannot be read
   * ({@code content} is its JSON, a part of the body), or a change too large ({@code content} is
   * null). {@code phoneNumberId} and {@code field} when they could be read, else null.
   */
  public record RejectedChange(
      String deliveryId,
      Instant receivedAt,
      String phoneNumberId,
      String field,
      Kind kind,
      String detail,
      int bytes,
      byte[] content) {

    /** Why it is not published. */
    public enum Kind {
      UNREADABLE,
      TOO_LARGE
    }
  }

  /**
   * The changes of a body, in the order of the body, the fields of those skipped, and the parts
   * rejected.
   */
  public record Split(List<Change> changes, List<String> skipped, List<RejectedChange> rejected) {

    public Split(List<Change> changes, List<String> skipped) {
      this(changes, skipped, List.of());
    }
  }

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
    private final List<RejectedChange> rejected = new ArrayList<>();

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
      return new Split(List.copyOf(changes), List.copyOf(skipped), List.copyOf(rejected));
    }

    /** At the start of {@code entry}: each entry's {@code changes}. */
    private void entries() {
      while (parser.nextToken() != JsonToken.END_ARRAY) {
        int start = offset();
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
          unreadable(null, null, "entry[].changes is not an array", start);
        }
      }
    }

    /** At the start of an entry's {@code changes}. */
    private void changes() {
      while (parser.nextToken() != JsonToken.END_ARRAY) {
        int start = offset();
        if (parser.currentToken() != JsonToken.START_OBJECT) {
          parser.skipChildren();
          unreadable(null, null, "changes[] is not an object", start);
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
            int valueStart = offset();
            phoneNumberId = phoneNumberIdOfValue();
            value = new int[] {valueStart, offset() + 1};
          } else {
            if ("value".equals(name)) {
              value = null;
            }
            parser.skipChildren();
          }
        }
        String number = phoneNumberId == null || phoneNumberId.isBlank() ? null : phoneNumberId;
        String knownField = field == null || field.isBlank() ? null : field;
        if (value == null) {
          unreadable(number, knownField, "changes[].value is not an object", start);
        } else if (knownField == null) {
          unreadable(number, null, "changes[].field is missing", start);
        } else if (number == null) {
          skipped.add(field);
        } else if (value[1] - value[0] > maxChangeBytes) {
          rejected.add(
              new RejectedChange(
                  deliveryIds.get(),
                  receivedAt,
                  number,
                  field,
                  RejectedChange.Kind.TOO_LARGE,
                  "changes[].value is "
                      + (value[1] - value[0])
                      + " bytes, more than the "
                      + maxChangeBytes
                      + " published",
                  value[1] - value[0],
                  null));
        } else {
          changes.add(
              new Change(
                  deliveryIds.get(),
                  receivedAt,
                  number,
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

    /**
     * An entry or change that cannot be read, from {@code start} to the end of the token just read
     * (the body is JSON so far, so that part of it is JSON too).
     */
    private void unreadable(String phoneNumberId, String field, String detail, int start) {
      int end = end();
      rejected.add(
          new RejectedChange(
              deliveryIds.get(),
              receivedAt,
              phoneNumberId,
              field,
              RejectedChange.Kind.UNREADABLE,
              detail,
              end - start,
              Arrays.copyOfRange(body, start, end)));
    }

    /** The byte offset just after the current token. */
    private int end() {
      // a string's text is read lazily: read it, so the location is past its closing quote
      parser.finishToken();
      long offset = parser.currentLocation().getByteOffset();
      if (offset < 0 || offset > body.length) {
        throw new WebhookRejected(Reason.MALFORMED, "body is not UTF-8 JSON");
      }
      return (int) offset;
    }
  }
}
