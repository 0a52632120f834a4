package io.sahabot.tenant.enrichment.domain;

import io.sahabot.schemas.whatsapp.Contact;
import io.sahabot.schemas.whatsapp.DeliveryStatus;
import io.sahabot.schemas.whatsapp.ErrorDetail;
import io.sahabot.schemas.whatsapp.IdentityChange;
import io.sahabot.schemas.whatsapp.InboundMessage;
import io.sahabot.schemas.whatsapp.InteractiveReply;
import io.sahabot.schemas.whatsapp.Location;
import io.sahabot.schemas.whatsapp.MediaRef;
import io.sahabot.schemas.whatsapp.MessageKind;
import io.sahabot.schemas.whatsapp.RawWebhookChange;
import io.sahabot.schemas.whatsapp.Reaction;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.UUID;
import tools.jackson.databind.JsonNode;

/**
 * Reads a WhatsApp webhook change ({@code entry[].changes[].value}) into the records of the inbound
 * topics. A pure function: the tenant and the time come in as arguments, and event ids are derived
 * from the delivery id and the wamid, so reading the same change twice gives the same records.
 *
 * <p>One bad element (a message with no sender, an unknown status) becomes a {@link
 * ParsedChange.ValueError} and the rest of the change is still read.
 *
 * <p>The sender is {@code messages[].from} ({@code wa_id}); for senders WhatsApp identifies only by
 * a business-scoped user id (usernames, 2026) it is {@code from_user_id}, or the {@code user_id} of
 * the matching {@code contacts[]} entry. A system message about changed identifiers ({@code
 * user_changed_number}, {@code user_changed_user_id}) is a {@link MessageKind#SYSTEM} message whose
 * sender is the user as WhatsApp named them before the change.
 */
public final class WebhookParser {

  private WebhookParser() {}

  public static ParsedChange parse(RawWebhookChange change, UUID tenantId, Instant now) {
    JsonNode value = change.value();
    List<InboundMessage> messages = new ArrayList<>();
    List<DeliveryStatus> statuses = new ArrayList<>();
    List<ParsedChange.ValueError> errors = new ArrayList<>();
    JsonNode metadata = value.path("metadata");
    String display = textOrNull(metadata, "display_phone_number");

    Map<String, JsonNode> contactsByWaId = new HashMap<>();
    JsonNode contacts = value.path("contacts");
    for (JsonNode contact : contacts) {
      String waId = textOrNull(contact, "wa_id");
      String userId = textOrNull(contact, "user_id");
      if (waId != null) {
        contactsByWaId.put(waId, contact);
      }
      if (userId != null) {
        contactsByWaId.put(userId, contact);
      }
    }
    boolean single = contacts.isArray() && contacts.size() == 1;

    JsonNode messageNodes = value.path("messages");
    for (JsonNode node : messageNodes) {
      try {
        messages.add(message(change, tenantId, now, display, node, contactsByWaId, single));
      } catch (RuntimeException e) {
        errors.add(new ParsedChange.ValueError("message", describe(node, e)));
      }
    }
    JsonNode statusNodes = value.path("statuses");
    for (JsonNode node : statusNodes) {
      try {
        statuses.add(status(change, tenantId, now, node));
      } catch (RuntimeException e) {
        errors.add(new ParsedChange.ValueError("status", describe(node, e)));
      }
    }
    JsonNode webhookErrors = value.path("errors");
    for (JsonNode error : webhookErrors) {
      ErrorDetail detail = error(error);
      errors.add(
          new ParsedChange.ValueError(
              "webhook", "WhatsApp reported error " + detail.code() + ": " + detail.title()));
    }
    boolean unreadable =
        !messageNodes.isArray() && !statusNodes.isArray() && !webhookErrors.isArray();
    return new ParsedChange(messages, statuses, errors, unreadable);
  }

  /** The id of the event that a wamid of a delivery becomes: the same on every replay. */
  public static String eventId(String deliveryId, String part) {
    return UUID.nameUUIDFromBytes((deliveryId + "|" + part).getBytes(StandardCharsets.UTF_8))
        .toString();
  }

  private static InboundMessage message(
      RawWebhookChange change,
      UUID tenantId,
      Instant now,
      String display,
      JsonNode node,
      Map<String, JsonNode> contacts,
      boolean singleContact) {
    String wamid = required(node, "id");
    Sender sender = sender(node, contacts, singleContact);
    Instant sentAt = timestamp(node);
    String contextWamid = textOrNull(node.path("context"), "id");
    Content content = content(node, textOrNull(node, "type"));
    IdentityChange identityChange = identityChange(node);
    return new InboundMessage(
        eventId(change.deliveryId(), wamid),
        now,
        tenantId,
        change.deliveryId(),
        change.phoneNumberId(),
        display,
        sender.userId(),
        sender.waId(),
        sender.bsuid(),
        sender.profileName(),
        wamid,
        sentAt,
        content.kind(),
        content.text(),
        content.reply(),
        content.location(),
        content.media(),
        content.reaction(),
        content.sharedContacts(),
        contextWamid,
        content.error(),
        content.kind() == MessageKind.SYSTEM ? identityChange : null);
  }

  /**
   * A system message about a user's identifiers ({@code user_changed_number}, {@code
   * user_changed_user_id}): their new phone number and user id, and the previous user id; null for
   * any other message.
   */
  private static IdentityChange identityChange(JsonNode node) {
    if (!"system".equals(textOrNull(node, "type"))) {
      return null;
    }
    JsonNode system = node.path("system");
    String type = textOrNull(system, "type");
    if (!IdentityChange.CHANGED_NUMBER.equals(type)
        && !IdentityChange.CHANGED_USER_ID.equals(type)) {
      return null;
    }
    return new IdentityChange(
        type,
        textOrNull(system, "wa_id"),
        textOrNull(system, "user_id"),
        textOrNull(system, "previous_user_id"));
  }

  /** Who wrote a message: its phone number ({@code from}), its user id, its profile name. */
  private record Sender(String userId, String waId, String bsuid, String profileName) {}

  /**
   * The sender of a message, matched to its entry of {@code contacts} by phone number, then by user
   * id, then (when there is only one) the one entry; the user id is the phone number when there is
   * one.
   */
  private static Sender sender(
      JsonNode node, Map<String, JsonNode> contacts, boolean singleContact) {
    String waId = textOrNull(node, "from");
    JsonNode contact = waId == null ? null : contacts.get(waId);
    String bsuid = textOrNull(node, "from_user_id");
    if (waId == null && bsuid == null) {
      // a system message about a changed user id may name the user by its previous id only
      bsuid = textOrNull(node.path("system"), "previous_user_id");
    }
    if (bsuid == null && contact != null) {
      bsuid = textOrNull(contact, "user_id");
    }
    if (contact == null && bsuid != null) {
      contact = contacts.get(bsuid);
    }
    if (contact == null && singleContact) {
      contact = contacts.values().iterator().next();
    }
    if (waId == null && bsuid == null && contact != null) {
      bsuid = textOrNull(contact, "user_id");
    }
    String userId = waId != null ? waId : bsuid;
    if (userId == null) {
      throw new IllegalArgumentException("userId: the message has neither from nor a user id");
    }
    String profileName = contact == null ? null : textOrNull(contact.path("profile"), "name");
    return new Sender(userId, waId, bsuid, profileName);
  }

  /** What a message holds: its kind and the one part of {@link InboundMessage} that kind fills. */
  private record Content(
      MessageKind kind,
      String text,
      InteractiveReply reply,
      Location location,
      MediaRef media,
      Reaction reaction,
      List<Contact> sharedContacts,
      ErrorDetail error) {

    static Content text(String text) {
      return new Content(MessageKind.TEXT, text, null, null, null, null, List.of(), null);
    }

    static Content reply(MessageKind kind, InteractiveReply reply) {
      return new Content(kind, null, reply, null, null, null, List.of(), null);
    }

    static Content location(Location location) {
      return new Content(MessageKind.LOCATION, null, null, location, null, null, List.of(), null);
    }

    static Content media(MessageKind kind, MediaRef media) {
      return new Content(kind, null, null, null, media, null, List.of(), null);
    }

    static Content reaction(Reaction reaction) {
      return new Content(MessageKind.REACTION, null, null, null, null, reaction, List.of(), null);
    }

    static Content contacts(List<Contact> cards) {
      return new Content(MessageKind.CONTACTS, null, null, null, null, null, cards, null);
    }

    static Content system() {
      return new Content(MessageKind.SYSTEM, null, null, null, null, null, List.of(), null);
    }

    static Content unsupported(ErrorDetail error) {
      return new Content(MessageKind.UNSUPPORTED, null, null, null, null, null, List.of(), error);
    }
  }

  private static Content content(JsonNode node, String type) {
    return switch (type == null ? "" : type) {
      case "text" -> Content.text(required(node.path("text"), "body"));
      case "interactive" -> interactive(node.path("interactive"));
      case "button" -> templateButton(node.path("button"));
      case "location" -> Content.location(location(node.path("location")));
      case "image", "audio", "video", "document", "sticker" ->
          Content.media(MessageKind.valueOf(type.toUpperCase(Locale.ROOT)), media(node.path(type)));
      case "reaction" -> Content.reaction(reaction(node.path("reaction")));
      case "contacts" -> Content.contacts(contactCards(node.path("contacts")));
      case "system" ->
          identityChange(node) != null
              ? Content.system()
              : Content.unsupported(firstError(node.path("errors")));
      default -> Content.unsupported(firstError(node.path("errors")));
    };
  }

  /** A tap on a reply button or a list row; any other interactive type is unsupported. */
  private static Content interactive(JsonNode interactive) {
    String interactiveType = textOrNull(interactive, "type");
    if ("button_reply".equals(interactiveType)) {
      return Content.reply(MessageKind.BUTTON_REPLY, reply(interactive.path("button_reply")));
    }
    if ("list_reply".equals(interactiveType)) {
      return Content.reply(MessageKind.LIST_REPLY, reply(interactive.path("list_reply")));
    }
    return Content.unsupported(
        new ErrorDetail(0, "unsupported interactive type " + interactiveType, null, null));
  }

  /** A tap on a template's quick-reply button: its payload, else its text, is the id. */
  private static Content templateButton(JsonNode button) {
    String payload = textOrNull(button, "payload");
    String buttonText = textOrNull(button, "text");
    return Content.reply(
        MessageKind.TEMPLATE_BUTTON,
        new InteractiveReply(payload != null ? payload : buttonText, buttonText, null));
  }

  private static Location location(JsonNode l) {
    return new Location(
        number(l, "latitude"),
        number(l, "longitude"),
        textOrNull(l, "name"),
        textOrNull(l, "address"));
  }

  private static MediaRef media(JsonNode m) {
    return new MediaRef(
        required(m, "id"),
        textOrNull(m, "mime_type"),
        textOrNull(m, "sha256"),
        textOrNull(m, "caption"),
        m.path("voice").asBoolean(false));
  }

  private static Reaction reaction(JsonNode r) {
    return new Reaction(textOrNull(r, "emoji"), required(r, "message_id"));
  }

  /** Shared contact cards: each one's formatted name and phone numbers (or WhatsApp ids). */
  private static List<Contact> contactCards(JsonNode cards) {
    List<Contact> shared = new ArrayList<>();
    for (JsonNode card : cards) {
      List<String> phones = new ArrayList<>();
      for (JsonNode phone : card.path("phones")) {
        String p = textOrNull(phone, "phone");
        if (p == null) {
          p = textOrNull(phone, "wa_id");
        }
        if (p != null) {
          phones.add(p);
        }
      }
      shared.add(new Contact(textOrNull(card.path("name"), "formatted_name"), phones));
    }
    return shared;
  }

  /** The first of a message's errors (an unsupported message carries one), if any. */
  private static ErrorDetail firstError(JsonNode errors) {
    return errors.isArray() && !errors.isEmpty() ? error(errors.get(0)) : null;
  }

  private static DeliveryStatus status(
      RawWebhookChange change, UUID tenantId, Instant now, JsonNode node) {
    String wamid = required(node, "id");
    String statusText = required(node, "status");
    DeliveryStatus.Status status;
    try {
      status = DeliveryStatus.Status.valueOf(statusText.toUpperCase(Locale.ROOT));
    } catch (IllegalArgumentException e) {
      throw new IllegalArgumentException("status: unknown status '" + statusText + "'");
    }
    String recipient = textOrNull(node, "recipient_id");
    if (recipient == null) {
      recipient = textOrNull(node, "recipient_user_id");
    }
    if (recipient == null) {
      throw new IllegalArgumentException("userId: the status has no recipient");
    }
    List<ErrorDetail> errors = new ArrayList<>();
    for (JsonNode error : node.path("errors")) {
      errors.add(error(error));
    }
    return new DeliveryStatus(
        eventId(change.deliveryId(), wamid + ":" + status),
        now,
        tenantId,
        change.deliveryId(),
        change.phoneNumberId(),
        recipient,
        wamid,
        status,
        timestamp(node),
        errors,
        textOrNull(node, "biz_opaque_callback_data"));
  }

  private static InteractiveReply reply(JsonNode node) {
    return new InteractiveReply(
        required(node, "id"), textOrNull(node, "title"), textOrNull(node, "description"));
  }

  private static ErrorDetail error(JsonNode node) {
    return new ErrorDetail(
        node.path("code").asInt(0),
        textOrNull(node, "title"),
        textOrNull(node, "message"),
        textOrNull(node.path("error_data"), "details"));
  }

  private static Instant timestamp(JsonNode node) {
    String seconds = required(node, "timestamp");
    try {
      return Instant.ofEpochSecond(Long.parseLong(seconds));
    } catch (NumberFormatException e) {
      throw new IllegalArgumentException("timestamp: not epoch seconds: '" + seconds + "'");
    }
  }

  private static double number(JsonNode node, String field) {
    JsonNode n = node.path(field);
    if (n.isNumber()) {
      return n.asDouble();
    }
    if (n.isString()) {
      try {
        return Double.parseDouble(n.asString());
      } catch (NumberFormatException e) {
        throw new IllegalArgumentException(field + ": not a number");
      }
    }
    throw new IllegalArgumentException(field + ": missing");
  }

  private static String required(JsonNode node, String field) {
    String value = textOrNull(node, field);
    if (value == null) {
      throw new IllegalArgumentException(field + ": missing");
    }
    return value;
  }

  private static String textOrNull(JsonNode node, String field) {
    JsonNode value = node == null ? null : node.get(field);
    if (value == null || value.isNull() || value.isMissingNode()) {
      return null;
    }
    String text = value.isString() ? value.asString() : value.toString();
    return text.isBlank() ? null : text;
  }

  private static String describe(JsonNode node, RuntimeException e) {
    String id = textOrNull(node, "id");
    return (id == null ? "(no id)" : id) + ": " + e.getMessage();
  }
}
