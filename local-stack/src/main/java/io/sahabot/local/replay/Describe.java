package io.sahabot.local.replay;

import io.sahabot.local.replay.Entry.Stage;
import io.sahabot.schemas.Json;
import io.sahabot.schemas.topics.Topics;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.List;
import java.util.StringJoiner;
import java.util.regex.Pattern;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.common.header.Header;
import tools.jackson.core.JacksonException;
import tools.jackson.databind.JsonNode;

/**
 * Turns a record of one of SahaBot's topics into a timeline {@link Entry}. Values are read as JSON
 * trees, not as the typed records, so a record that a service could not read still shows.
 *
 * <p>Phone numbers (user ids that are {@code wa_id}s, recipients) show only their last four digits,
 * and message texts only their length, unless {@code showPersonal}.
 */
final class Describe {

  /** The header a re-driven record carries: where it was re-driven from. */
  static final String REPLAY_HEADER = "sahabot-replay";

  private static final Pattern LONG_DIGITS = Pattern.compile("\\d{5,}(\\d{4})");

  private final boolean showPersonal;

  Describe(boolean showPersonal) {
    this.showPersonal = showPersonal;
  }

  static JsonNode json(byte[] value) {
    if (value == null || value.length == 0) {
      return null;
    }
    try {
      return Json.mapper().readTree(value);
    } catch (JacksonException e) {
      return null;
    }
  }

  static String text(JsonNode node, String field) {
    if (node == null) {
      return null;
    }
    JsonNode v = node.path(field);
    return v.isMissingNode() || v.isNull() || v.isContainer() ? null : v.asString();
  }

  static String where(ConsumerRecord<?, ?> r) {
    return r.topic() + "-" + r.partition() + "@" + r.offset();
  }

  static String header(ConsumerRecord<?, ?> r, String name) {
    Header h = r.headers().lastHeader(name);
    return h == null || h.value() == null ? null : new String(h.value(), StandardCharsets.UTF_8);
  }

  /** The wamids a raw webhook change carries: messages by id, statuses by {@code id|status}. */
  static List<String> rawWamids(JsonNode raw) {
    List<String> wamids = new ArrayList<>();
    JsonNode value = raw == null ? null : raw.path("value");
    if (value == null) {
      return wamids;
    }
    for (JsonNode m : value.path("messages")) {
      String id = text(m, "id");
      if (id != null) {
        wamids.add(id);
      }
    }
    for (JsonNode s : value.path("statuses")) {
      String id = text(s, "id");
      String status = text(s, "status");
      if (id != null && status != null) {
        wamids.add(id + "|" + status.toUpperCase(java.util.Locale.ROOT));
      }
    }
    return wamids;
  }

  /** A phone number or user id: its last four characters, unless personal data is shown. */
  String person(String id) {
    if (id == null || showPersonal || id.length() <= 4) {
      return id;
    }
    return "…" + id.substring(id.length() - 4);
  }

  /** A message text: its length, unless personal data is shown. */
  String words(String text) {
    if (text == null) {
      return "";
    }
    if (showPersonal) {
      return "\"" + text.replace("\n", " ") + "\"";
    }
    return "(" + text.length() + " chars)";
  }

  /** Free text that may hold phone numbers (tool arguments): long digit runs masked. */
  String masked(String text) {
    return text == null || showPersonal ? text : LONG_DIGITS.matcher(text).replaceAll("…$1");
  }

  Entry entry(ConsumerRecord<String, byte[]> r) {
    JsonNode v = json(r.value());
    Entry e;
    if (r.topic().endsWith(".dlt")) {
      String source =
          orDefault(header(r, "kafka_dlt-original-topic"), r.topic().replace(".dlt", ""));
      String error = orDefault(header(r, "kafka_dlt-exception-message"), "");
      String code = header(r, "sahabot-graph-error-code");
      Entry failed = v == null ? null : entry(r, source, v);
      e =
          new Entry(
              TopicReader.time(r),
              Stage.DEAD_LETTER,
              where(r),
              failed == null ? "" : failed.ids(),
              "from "
                  + source
                  + (failed == null ? " (unreadable)" : " (" + failed.summary() + ")")
                  + (code == null ? "" : ", Graph error " + code)
                  + ": "
                  + masked(firstLine(error)));
    } else if (v == null) {
      e = new Entry(TopicReader.time(r), Stage.DEAD_LETTER, where(r), "", "unreadable value");
    } else {
      e = entry(r, r.topic(), v);
    }
    String replayed = header(r, REPLAY_HEADER);
    if (replayed != null) {
      e = new Entry(e.time(), e.stage(), e.where(), e.ids(), e.summary() + " [re-driven]");
    }
    return e;
  }

  /** The entry of a value of {@code topic} (the source topic of a dead letter). */
  private Entry entry(ConsumerRecord<String, byte[]> r, String topic, JsonNode v) {
    if (topic.equals(Topics.WHATSAPP_INBOUND_RAW.name())) {
      return raw(r, v);
    } else if (topic.equals(Topics.WHATSAPP_INBOUND_MESSAGES.name())) {
      return message(r, v);
    } else if (topic.equals(Topics.WHATSAPP_INBOUND_STATUSES.name())) {
      return status(r, v);
    } else if (topic.equals(Topics.WHATSAPP_INBOUND_REJECTED.name())) {
      return rejected(r, v);
    } else if (topic.equals(Topics.TENANT_CHANGELOG.name())) {
      return tenant(r, v);
    } else if (topic.equals(Topics.RESERVATION_COMMANDS.name())) {
      return command(r, v);
    } else if (topic.equals(Topics.RESERVATION_EVENTS.name())) {
      return outcome(r, v);
    } else if (topic.equals(Topics.WHATSAPP_OUTBOUND.name())) {
      return reply(r, v);
    }
    return new Entry(TopicReader.time(r), Stage.DEAD_LETTER, where(r), "", text(v, "type"));
  }

  private Entry raw(ConsumerRecord<String, byte[]> r, JsonNode v) {
    JsonNode value = v.path("value");
    StringJoiner ids = new StringJoiner(", ");
    ids.add("deliveryId=" + text(v, "deliveryId"));
    StringJoiner what = new StringJoiner("; ");
    for (JsonNode m : value.path("messages")) {
      ids.add("wamid=" + text(m, "id"));
      String type = text(m, "type");
      String body = "text".equals(type) ? text(m.path("text"), "body") : null;
      what.add(type + " from " + person(text(m, "from")) + (body == null ? "" : " " + words(body)));
    }
    for (JsonNode s : value.path("statuses")) {
      ids.add("wamid=" + text(s, "id"));
      what.add("status " + text(s, "status") + " for " + person(text(s, "recipient_id")));
    }
    if (value.path("errors").size() > 0) {
      what.add(value.path("errors").size() + " error(s)");
    }
    return new Entry(
        time(v, "receivedAt", r),
        Stage.WEBHOOK,
        where(r),
        ids.toString(),
        text(v, "field") + (what.length() == 0 ? "" : ": " + what));
  }

  private Entry message(ConsumerRecord<String, byte[]> r, JsonNode v) {
    String kind = text(v, "kind");
    String detail =
        switch (kind == null ? "" : kind) {
          case "TEXT" -> words(text(v, "text"));
          case "BUTTON_REPLY", "LIST_REPLY", "TEMPLATE_BUTTON" ->
              "id=" + text(v.path("reply"), "id");
          default -> "";
        };
    return new Entry(
        time(v, "occurredAt", r),
        Stage.MESSAGE,
        where(r),
        "deliveryId=" + text(v, "causationId") + ", wamid=" + text(v, "wamid"),
        kind + " from " + person(text(v, "userId")) + (detail.isEmpty() ? "" : " " + detail));
  }

  private Entry status(ConsumerRecord<String, byte[]> r, JsonNode v) {
    return new Entry(
        time(v, "occurredAt", r),
        Stage.STATUS,
        where(r),
        "deliveryId=" + text(v, "causationId") + ", wamid=" + text(v, "wamid"),
        text(v, "status") + " by " + person(text(v, "userId")));
  }

  private Entry rejected(ConsumerRecord<String, byte[]> r, JsonNode v) {
    return new Entry(
        time(v, "occurredAt", r),
        Stage.REJECTED,
        where(r),
        "deliveryId=" + text(v, "causationId"),
        text(v, "reason") + (text(v, "detail") == null ? "" : ": " + text(v, "detail")));
  }

  private Entry tenant(ConsumerRecord<String, byte[]> r, JsonNode v) {
    return new Entry(
        time(v, "occurredAt", r),
        Stage.TENANT,
        where(r),
        text(v, "causationId") == null ? "" : "causation=" + text(v, "causationId"),
        "snapshot v"
            + text(v, "version")
            + ", "
            + ("true".equals(text(v, "active")) ? "active" : "INACTIVE")
            + ", "
            + text(v, "businessName"));
  }

  private Entry command(ConsumerRecord<String, byte[]> r, JsonNode v) {
    String type = text(v, "type");
    StringJoiner ids = new StringJoiner(", ");
    ids.add("commandId=" + text(v, "commandId"));
    ids.add("causation=" + text(v, "causationId"));
    if (text(v, "reservationId") != null) {
      ids.add("reservationId=" + text(v, "reservationId"));
    }
    String detail =
        switch (type == null ? "" : type) {
          case "RequestReservation" ->
              orDefault(text(v, "field"), "default field")
                  + " "
                  + text(v, "start")
                  + "–"
                  + text(v, "end")
                  + " for "
                  + customer(v.path("customer"));
          case "MoveReservation" -> "to " + text(v, "newStart") + "–" + text(v, "newEnd");
          default -> "";
        };
    return new Entry(
        time(v, "issuedAt", r),
        Stage.COMMAND,
        where(r),
        ids.toString(),
        type + (detail.isEmpty() ? "" : " " + detail));
  }

  private Entry outcome(ConsumerRecord<String, byte[]> r, JsonNode v) {
    String type = text(v, "type");
    StringJoiner ids = new StringJoiner(", ");
    ids.add("commandId=" + text(v, "commandId"));
    String reservation = text(v.path("reservation"), "id");
    if (reservation == null) {
      reservation = text(v, "reservationId");
    }
    if (reservation != null) {
      ids.add("reservationId=" + reservation);
    }
    String detail = "";
    if ("ReservationRejected".equals(type)) {
      detail = text(v, "reason") + ", " + v.path("alternatives").size() + " alternative(s)";
    } else if (!v.path("reservation").isMissingNode()) {
      JsonNode res = v.path("reservation");
      detail =
          orDefault(text(res, "field"), "")
              + " "
              + text(res, "start")
              + "–"
              + text(res, "end")
              + " "
              + orDefault(text(res, "status"), "");
    }
    return new Entry(
        time(v, "occurredAt", r),
        Stage.OUTCOME,
        where(r),
        ids.toString(),
        type + (detail.isBlank() ? "" : " " + detail.strip()));
  }

  private Entry reply(ConsumerRecord<String, byte[]> r, JsonNode v) {
    JsonNode content = v.path("content");
    String kind = text(content, "kind");
    String detail =
        switch (kind == null ? "" : kind) {
          case "text", "buttons", "list" -> words(text(content, "body"));
          case "image" -> "(image)";
          default -> "";
        };
    return new Entry(
        time(v, "occurredAt", r),
        Stage.REPLY,
        where(r),
        "outboundId=" + text(v, "eventId") + ", inReplyTo=" + text(v, "causationId"),
        kind + " to " + person(text(v, "to")) + (detail.isEmpty() ? "" : " " + detail));
  }

  private String customer(JsonNode c) {
    String phone = text(c, "phone");
    return person(phone != null ? phone : orDefault(text(c, "userId"), "?"));
  }

  static String firstLine(String s) {
    String line = s.lines().findFirst().orElse("");
    return line.length() > 200 ? line.substring(0, 200) + "…" : line;
  }

  private static String orDefault(String s, String fallback) {
    return s == null ? fallback : s;
  }

  private static Instant time(JsonNode v, String field, ConsumerRecord<?, ?> r) {
    String t = text(v, field);
    if (t != null) {
      try {
        return Instant.parse(t);
      } catch (DateTimeParseException e) {
        // fall through to the record's timestamp
      }
    }
    return TopicReader.time(r);
  }
}
