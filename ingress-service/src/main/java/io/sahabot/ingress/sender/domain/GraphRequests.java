package io.sahabot.ingress.sender.domain;

import io.sahabot.schemas.whatsapp.OutboundContent;
import io.sahabot.schemas.whatsapp.OutboundContent.Buttons;
import io.sahabot.schemas.whatsapp.OutboundContent.Image;
import io.sahabot.schemas.whatsapp.OutboundContent.ListMessage;
import io.sahabot.schemas.whatsapp.OutboundContent.MarkRead;
import io.sahabot.schemas.whatsapp.OutboundContent.Template;
import io.sahabot.schemas.whatsapp.OutboundContent.Text;
import io.sahabot.schemas.whatsapp.OutboundMessage;
import java.util.List;
import java.util.regex.Pattern;
import tools.jackson.databind.node.ArrayNode;
import tools.jackson.databind.node.JsonNodeFactory;
import tools.jackson.databind.node.ObjectNode;

/**
 * The request bodies of {@code POST /{version}/{phone_number_id}/messages}, in the shapes of the
 * Cloud API (fixtures {@code graph-api/send_*.request.json}).
 *
 * <p>A message that quotes a customer's message carries {@code context.message_id} and leaves out
 * the optional {@code recipient_type} and {@code text.preview_url} (as in {@code
 * send_text_reply.request.json}); the others name {@code recipient_type: individual} and, for text,
 * {@code preview_url: false}.
 *
 * <p>The recipient goes in {@code to} when it is a phone number (a {@code wa_id}: digits), and in
 * {@code recipient} when it is a business-scoped user id (BSUID, e.g. {@code TR.8001…}: anything
 * else), as in {@code send_text_bsuid.request.json}; a text to a BSUID leaves out the optional
 * {@code preview_url} as that fixture does.
 *
 * <p>Every body carries {@code biz_opaque_callback_data} = the message's {@code eventId}, so a
 * status webhook names the outbound message it is about; an {@code eventId} longer than {@value
 * #MAX_CALLBACK_DATA} characters (the Cloud API's limit) is left out rather than cut, since a cut
 * id would name no message.
 *
 * <p>A template ({@code send_template.request.json}) has a {@code body} component with one text
 * parameter per body parameter and one {@code button} component ({@code sub_type: quick_reply},
 * {@code index} "0", "1"…) per quick-reply payload; a component with nothing in it is left out, and
 * so is {@code components} when there is none.
 *
 * <p>A {@link MarkRead} is not a message: its body is the read receipt of {@code
 * mark_read_typing.request.json}.
 */
public final class GraphRequests {

  /** The Cloud API's limit on {@code biz_opaque_callback_data}. */
  public static final int MAX_CALLBACK_DATA = 512;

  private static final JsonNodeFactory NODES = JsonNodeFactory.instance;

  private static final Pattern PHONE = Pattern.compile("\\+?[0-9]+");

  private GraphRequests() {}

  /**
   * The body that sends {@code message}.
   *
   * @param mediaId the id {@code /media} gave an inline image; {@code null} for other content and
   *     for images by link
   */
  public static ObjectNode message(OutboundMessage message, String mediaId) {
    if (message.content() instanceof MarkRead read) {
      return markRead(read);
    }
    boolean reply = message.replyToWamid() != null;
    ObjectNode body = NODES.objectNode();
    body.put("messaging_product", "whatsapp");
    if (!reply) {
      body.put("recipient_type", "individual");
    }
    boolean phone = isPhoneNumber(message.to());
    body.put(phone ? "to" : "recipient", message.to());
    if (reply) {
      body.putObject("context").put("message_id", message.replyToWamid());
    }
    OutboundContent content = message.content();
    if (content instanceof Text text) {
      body.put("type", "text");
      ObjectNode node = body.putObject("text");
      if (!reply && phone) {
        node.put("preview_url", false);
      }
      node.put("body", text.body());
    } else if (content instanceof Buttons buttons) {
      body.put("type", "interactive");
      ObjectNode interactive = body.putObject("interactive");
      interactive.put("type", "button");
      interactive.putObject("body").put("text", buttons.body());
      ArrayNode array = interactive.putObject("action").putArray("buttons");
      for (var button : buttons.buttons()) {
        ObjectNode b = array.addObject();
        b.put("type", "reply");
        b.putObject("reply").put("id", button.id()).put("title", button.title());
      }
    } else if (content instanceof ListMessage list) {
      body.put("type", "interactive");
      ObjectNode interactive = body.putObject("interactive");
      interactive.put("type", "list");
      interactive.putObject("body").put("text", list.body());
      ObjectNode action = interactive.putObject("action");
      action.put("button", list.buttonText());
      ObjectNode section = action.putArray("sections").addObject();
      if (list.sectionTitle() != null) {
        section.put("title", list.sectionTitle());
      }
      ArrayNode rows = section.putArray("rows");
      for (var row : list.rows()) {
        ObjectNode r = rows.addObject();
        r.put("id", row.id());
        r.put("title", row.title());
        if (row.description() != null) {
          r.put("description", row.description());
        }
      }
    } else if (content instanceof Image image) {
      body.put("type", "image");
      ObjectNode node = body.putObject("image");
      if (image.link() != null) {
        node.put("link", image.link());
      } else {
        if (mediaId == null) {
          throw new IllegalArgumentException("mediaId: an inline image must be uploaded first");
        }
        node.put("id", mediaId);
      }
      if (image.caption() != null) {
        node.put("caption", image.caption());
      }
    } else if (content instanceof Template template) {
      body.put("type", "template");
      body.set("template", template(template));
    } else if (content instanceof OutboundContent.LocationPin pin) {
      body.put("type", "location");
      ObjectNode node = body.putObject("location");
      node.put("latitude", pin.latitude());
      node.put("longitude", pin.longitude());
      if (pin.name() != null) {
        node.put("name", pin.name());
      }
      if (pin.address() != null) {
        node.put("address", pin.address());
      }
    } else {
      throw new IllegalArgumentException("content: unknown kind " + content.getClass());
    }
    if (message.eventId().length() <= MAX_CALLBACK_DATA) {
      body.put("biz_opaque_callback_data", message.eventId());
    }
    return body;
  }

  /**
   * A read receipt ({@code mark_read_typing.request.json}): {@code status: read} and the message's
   * id, with {@code typing_indicator} when asked; no recipient (the message names it) and no
   * callback data (no status follows a read receipt).
   */
  private static ObjectNode markRead(MarkRead read) {
    ObjectNode body = NODES.objectNode();
    body.put("messaging_product", "whatsapp");
    body.put("status", "read");
    body.put("message_id", read.wamid());
    if (read.typing()) {
      body.putObject("typing_indicator").put("type", "text");
    }
    return body;
  }

  /**
   * Whether {@code userId} is a phone number ({@code wa_id}, digits) rather than a business-scoped
   * user id.
   */
  public static boolean isPhoneNumber(String userId) {
    return PHONE.matcher(userId).matches();
  }

  private static ObjectNode template(Template template) {
    ObjectNode node = NODES.objectNode();
    node.put("name", template.name());
    node.putObject("language").put("code", template.language());
    List<String> parameters = template.bodyParameters();
    List<String> payloads = template.quickReplyPayloads();
    if (parameters.isEmpty() && payloads.isEmpty()) {
      return node;
    }
    ArrayNode components = node.putArray("components");
    if (!parameters.isEmpty()) {
      ObjectNode bodyComponent = components.addObject();
      bodyComponent.put("type", "body");
      ArrayNode array = bodyComponent.putArray("parameters");
      for (String parameter : parameters) {
        array.addObject().put("type", "text").put("text", parameter);
      }
    }
    for (int i = 0; i < payloads.size(); i++) {
      ObjectNode button = components.addObject();
      button.put("type", "button");
      button.put("sub_type", "quick_reply");
      button.put("index", Integer.toString(i));
      button
          .putArray("parameters")
          .addObject()
          .put("type", "payload")
          .put("payload", payloads.get(i));
    }
    return node;
  }
}
