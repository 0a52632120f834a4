package io.sahabot.ingress.sender.domain;

import io.sahabot.schemas.whatsapp.OutboundContent;
import io.sahabot.schemas.whatsapp.OutboundContent.Buttons;
import io.sahabot.schemas.whatsapp.OutboundContent.Image;
import io.sahabot.schemas.whatsapp.OutboundContent.ListMessage;
import io.sahabot.schemas.whatsapp.OutboundContent.Text;
import io.sahabot.schemas.whatsapp.OutboundMessage;
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
 */
public final class GraphRequests {

  private static final JsonNodeFactory NODES = JsonNodeFactory.instance;

  private GraphRequests() {}

  /**
   * The body that sends {@code message}.
   *
   * @param mediaId the id {@code /media} gave an inline image; {@code null} for other content and
   *     for images by link
   */
  public static ObjectNode message(OutboundMessage message, String mediaId) {
    boolean reply = message.replyToWamid() != null;
    ObjectNode body = NODES.objectNode();
    body.put("messaging_product", "whatsapp");
    if (!reply) {
      body.put("recipient_type", "individual");
    }
    body.put("to", message.to());
    if (reply) {
      body.putObject("context").put("message_id", message.replyToWamid());
    }
    OutboundContent content = message.content();
    if (content instanceof Text text) {
      body.put("type", "text");
      ObjectNode node = body.putObject("text");
      if (!reply) {
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
    } else {
      throw new IllegalArgumentException("content: unknown kind " + content.getClass());
    }
    return body;
  }
}
