package io.sahabot.schemas.whatsapp;

import static io.sahabot.schemas.Require.distinct;
import static io.sahabot.schemas.Require.list;
import static io.sahabot.schemas.Require.nonBlank;
import static io.sahabot.schemas.Require.optionalText;
import static io.sahabot.schemas.Require.text;

import com.fasterxml.jackson.annotation.JsonSubTypes;
import com.fasterxml.jackson.annotation.JsonTypeInfo;
import java.net.URI;
import java.util.List;

/**
 * What an {@link OutboundMessage} carries, within the limits of the WhatsApp Cloud API (so a
 * message that would be refused by Meta is refused here, at the producer). The variant is the JSON
 * property {@code kind}: {@code text}, {@code buttons}, {@code list}, {@code image}, {@code
 * template}, {@code location} or {@code mark_read} (not a message: the read receipt of a customer's
 * message, with the typing indicator).
 */
@JsonTypeInfo(use = JsonTypeInfo.Id.NAME, property = "kind")
@JsonSubTypes({
  @JsonSubTypes.Type(value = OutboundContent.Text.class, name = "text"),
  @JsonSubTypes.Type(value = OutboundContent.Buttons.class, name = "buttons"),
  @JsonSubTypes.Type(value = OutboundContent.ListMessage.class, name = "list"),
  @JsonSubTypes.Type(value = OutboundContent.Image.class, name = "image"),
  @JsonSubTypes.Type(value = OutboundContent.Template.class, name = "template"),
  @JsonSubTypes.Type(value = OutboundContent.MarkRead.class, name = "mark_read"),
  @JsonSubTypes.Type(value = OutboundContent.LocationPin.class, name = "location")
})
public sealed interface OutboundContent {

  /** Maximum length of a text message's body. */
  int MAX_TEXT_BODY = 4096;

  /** Maximum length of an interactive buttons message's body. */
  int MAX_BUTTONS_BODY = 1024;

  /** Maximum length of a media caption. */
  int MAX_CAPTION = 1024;

  /** A plain text message, 1 to 4096 characters. */
  record Text(String body) implements OutboundContent {
    public Text {
      text(body, MAX_TEXT_BODY, "body");
    }
  }

  /** An interactive message with 1 to 3 reply buttons; body 1 to 1024 characters. */
  record Buttons(String body, List<ReplyButton> buttons) implements OutboundContent {
    public Buttons {
      text(body, MAX_BUTTONS_BODY, "body");
      buttons = distinct(list(buttons, 1, 3, "buttons"), ReplyButton::id, "buttons.id");
    }
  }

  /**
   * A reply button.
   *
   * @param id comes back as {@link InteractiveReply#id()}; 1 to 256 characters, unique in the
   *     message
   * @param title 1 to 20 characters
   */
  record ReplyButton(String id, String title) {
    public ReplyButton {
      text(id, 256, "buttons.id");
      text(title, 20, "buttons.title");
    }
  }

  /**
   * An interactive list message with 1 to 10 rows in one section.
   *
   * @param body 1 to 4096 characters
   * @param buttonText the button that opens the list, 1 to 20 characters
   * @param sectionTitle the title of the section, up to 24 characters; may be absent (added later:
   *     optional with one section)
   */
  record ListMessage(String body, String buttonText, List<ListRow> rows, String sectionTitle)
      implements OutboundContent {
    public ListMessage {
      text(body, MAX_TEXT_BODY, "body");
      text(buttonText, 20, "buttonText");
      rows = distinct(list(rows, 1, 10, "rows"), ListRow::id, "rows.id");
      optionalText(sectionTitle, 24, "sectionTitle");
    }

    /** A list without a section title. */
    public ListMessage(String body, String buttonText, List<ListRow> rows) {
      this(body, buttonText, rows, null);
    }
  }

  /**
   * A row of a list message.
   *
   * @param id comes back as {@link InteractiveReply#id()}; 1 to 200 characters, unique in the list
   * @param title 1 to 24 characters
   * @param description up to 72 characters; may be absent
   */
  record ListRow(String id, String title, String description) {
    public ListRow {
      text(id, 200, "rows.id");
      text(title, 24, "rows.title");
      optionalText(description, 72, "rows.description");
    }
  }

  /**
   * An image, either at a public link or inline (e.g. a rendered reservation table), which ingress
   * uploads to {@code /media} first.
   *
   * @param link absolute http(s) URL; exactly one of {@code link} and {@code dataBase64}
   * @param dataBase64 the image bytes, base64; exactly one of {@code link} and {@code dataBase64}
   * @param mimeType e.g. {@code image/png}; required with {@code dataBase64}
   * @param caption up to 1024 characters; may be absent
   */
  record Image(String link, String dataBase64, String mimeType, String caption)
      implements OutboundContent {
    public Image {
      if ((link == null) == (dataBase64 == null)) {
        throw new IllegalArgumentException("link: exactly one of link and dataBase64 must be set");
      }
      if (link != null) {
        nonBlank(link, "link");
        URI uri;
        try {
          uri = URI.create(link);
        } catch (IllegalArgumentException e) {
          throw new IllegalArgumentException("link: not a URL", e);
        }
        if (!"https".equals(uri.getScheme()) && !"http".equals(uri.getScheme())) {
          throw new IllegalArgumentException("link: must be an http(s) URL");
        }
      } else {
        nonBlank(dataBase64, "dataBase64");
        nonBlank(mimeType, "mimeType");
      }
      optionalText(mimeType, 255, "mimeType");
      optionalText(caption, MAX_CAPTION, "caption");
    }
  }

  /**
   * A message template approved by Meta for the business: the only kind that reaches a customer
   * outside the 24-hour customer-service window.
   *
   * @param name the template's name, lower-case letters, digits and '_'
   * @param language the template's language code as approved (e.g. {@code tr}, {@code en_US})
   * @param bodyParameters the body's {@code {{1}}}, {{2}}… in order, each 1 to 1024 characters; may
   *     be empty
   * @param quickReplyPayloads the payload of each quick-reply button, in order (index 0, 1…), 1 to
   *     256 characters; comes back as a {@code button} message's payload; may be empty
   */
  record Template(
      String name, String language, List<String> bodyParameters, List<String> quickReplyPayloads)
      implements OutboundContent {
    public Template {
      text(name, 512, "template.name");
      if (!name.matches("[a-z0-9_]+")) {
        throw new IllegalArgumentException(
            "template.name: lower-case letters, digits and '_' only, was '" + name + "'");
      }
      text(language, 16, "template.language");
      bodyParameters = list(bodyParameters, 0, 10, "template.bodyParameters");
      for (String p : bodyParameters) {
        text(p, 1024, "template.bodyParameters");
      }
      quickReplyPayloads = list(quickReplyPayloads, 0, 3, "template.quickReplyPayloads");
      for (String p : quickReplyPayloads) {
        text(p, 256, "template.quickReplyPayloads");
      }
    }
  }

  /**
   * Not a message: marks the customer's message {@code wamid} read (blue ticks) and, with {@code
   * typing}, shows "typing…" to the customer until the next message is sent or 25 s pass (fixture
   * {@code mark_read_typing.request.json}). Sent as its {@link OutboundMessage} says, from its
   * business number, to its {@code to} (who sent {@code wamid}); it has no fallback.
   *
   * @param wamid the customer's message
   * @param typing whether to show the typing indicator
   */
  record MarkRead(String wamid, boolean typing) implements OutboundContent {
    public MarkRead {
      text(wamid, 512, "wamid");
    }
  }

  /**
   * A location message: a pin on the map with the place's name and address (the business's own
   * location, sent when a customer asks where it is).
   *
   * @param latitude -90 to 90
   * @param longitude -180 to 180
   * @param name up to 1000 characters; may be absent
   * @param address up to 1000 characters; may be absent
   */
  record LocationPin(double latitude, double longitude, String name, String address)
      implements OutboundContent {
    public LocationPin {
      if (!(latitude >= -90 && latitude <= 90)) {
        throw new IllegalArgumentException("latitude: must be in [-90, 90], was " + latitude);
      }
      if (!(longitude >= -180 && longitude <= 180)) {
        throw new IllegalArgumentException("longitude: must be in [-180, 180], was " + longitude);
      }
      optionalText(name, 1000, "name");
      optionalText(address, 1000, "address");
    }
  }
}
