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
 * A message a customer sent to a tenant's business number, with its tenant resolved.
 *
 * <p>Exactly the payload field that {@code kind} names is required: {@code text} for TEXT, {@code
 * reply} for BUTTON_REPLY, LIST_REPLY and TEMPLATE_BUTTON, {@code location} for LOCATION, {@code
 * media} for IMAGE, AUDIO, VIDEO, DOCUMENT and STICKER, {@code reaction} for REACTION, at least one
 * of {@code contacts} for CONTACTS, {@code identityChange} for SYSTEM. Other payload fields are
 * normally absent.
 *
 * @param eventId unique id of this event
 * @param occurredAt when tenant-service published it
 * @param causationId the {@link RawWebhookChange#deliveryId()} it was read from
 * @param phoneNumberId the business number's {@code phone_number_id}
 * @param displayPhoneNumber the business number as displayed; may be absent
 * @param userId the sender: its {@code wa_id}, or its BSUID when WhatsApp gives no phone number
 * @param waId the sender's {@code wa_id}; absent for username-only senders
 * @param bsuid the sender's business-scoped user id; may be absent
 * @param profileName the sender's WhatsApp profile name; may be absent
 * @param wamid the WhatsApp message id (duplicates are dropped by it)
 * @param sentAt the message's own timestamp: relative dates ("yarın") are resolved from it
 * @param contextWamid the wamid of the message this one replies to; may be absent
 * @param error why WhatsApp could not deliver the content (UNSUPPORTED); may be absent
 * @param identityChange the user's new identifiers (SYSTEM); absent otherwise
 */
public record InboundMessage(
    String eventId,
    Instant occurredAt,
    UUID tenantId,
    String causationId,
    String phoneNumberId,
    String displayPhoneNumber,
    String userId,
    String waId,
    String bsuid,
    String profileName,
    String wamid,
    Instant sentAt,
    MessageKind kind,
    String text,
    InteractiveReply reply,
    Location location,
    MediaRef media,
    Reaction reaction,
    List<Contact> contacts,
    String contextWamid,
    ErrorDetail error,
    IdentityChange identityChange)
    implements InboundMessageRecord {

  public InboundMessage {
    nonBlank(eventId, "eventId");
    nonNull(occurredAt, "occurredAt");
    tenant(tenantId);
    nonBlank(causationId, "causationId");
    nonBlank(phoneNumberId, "phoneNumberId");
    nullOrNonBlank(displayPhoneNumber, "displayPhoneNumber");
    nonBlank(userId, "userId");
    nullOrNonBlank(waId, "waId");
    nullOrNonBlank(bsuid, "bsuid");
    if (waId != null && !userId.equals(waId)) {
      throw new IllegalArgumentException("userId: must be the waId when there is one");
    }
    if (waId == null && bsuid != null && !userId.equals(bsuid)) {
      throw new IllegalArgumentException("userId: must be the bsuid when there is no waId");
    }
    nonBlank(wamid, "wamid");
    nonNull(sentAt, "sentAt");
    nonNull(kind, "kind");
    contacts = list(contacts, "contacts");
    switch (kind) {
      case TEXT -> nonNull(text, "text");
      case BUTTON_REPLY, LIST_REPLY, TEMPLATE_BUTTON -> nonNull(reply, "reply");
      case LOCATION -> nonNull(location, "location");
      case IMAGE, AUDIO, VIDEO, DOCUMENT, STICKER -> nonNull(media, "media");
      case REACTION -> nonNull(reaction, "reaction");
      case CONTACTS -> {
        if (contacts.isEmpty()) {
          throw new IllegalArgumentException("contacts: must not be empty for kind CONTACTS");
        }
      }
      case SYSTEM -> nonNull(identityChange, "identityChange");
      case UNSUPPORTED -> {}
    }
  }

  /** A message of any kind but {@link MessageKind#SYSTEM}, without an identity change. */
  public InboundMessage(
      String eventId,
      Instant occurredAt,
      UUID tenantId,
      String causationId,
      String phoneNumberId,
      String displayPhoneNumber,
      String userId,
      String waId,
      String bsuid,
      String profileName,
      String wamid,
      Instant sentAt,
      MessageKind kind,
      String text,
      InteractiveReply reply,
      Location location,
      MediaRef media,
      Reaction reaction,
      List<Contact> contacts,
      String contextWamid,
      ErrorDetail error) {
    this(
        eventId,
        occurredAt,
        tenantId,
        causationId,
        phoneNumberId,
        displayPhoneNumber,
        userId,
        waId,
        bsuid,
        profileName,
        wamid,
        sentAt,
        kind,
        text,
        reply,
        location,
        media,
        reaction,
        contacts,
        contextWamid,
        error,
        null);
  }

  /**
   * A text message from a sender with a phone number ({@code waId} is the {@code userId}), sent and
   * published at the same moment, with no display number, profile name, reply or media: what the
   * agent's explain endpoint, the benchmarks and the tests feed the agent.
   */
  public static InboundMessage text(
      String eventId,
      Instant at,
      UUID tenantId,
      String causationId,
      String phoneNumberId,
      String userId,
      String wamid,
      String text) {
    return new InboundMessage(
        eventId,
        at,
        tenantId,
        causationId,
        phoneNumberId,
        null,
        userId,
        userId,
        null,
        null,
        wamid,
        at,
        MessageKind.TEXT,
        text,
        null,
        null,
        null,
        null,
        List.of(),
        null,
        null);
  }

  @Override
  public String key() {
    return tenantId + ":" + userId;
  }
}
