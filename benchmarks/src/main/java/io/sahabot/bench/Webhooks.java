package io.sahabot.bench;

import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.util.HexFormat;
import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;
import tools.jackson.core.json.JsonWriteFeature;
import tools.jackson.databind.json.JsonMapper;
import tools.jackson.databind.node.ObjectNode;

/**
 * Text-message webhooks as Meta sends them: the shape of {@code text_tr.json}, non-ASCII escaped as
 * {@code \u00e7}, signed with {@code X-Hub-Signature-256} over the bytes as sent.
 */
final class Webhooks {

  /** A signed POST body. */
  record Signed(byte[] body, String signature) {}

  private static final JsonMapper JSON =
      JsonMapper.builder().enable(JsonWriteFeature.ESCAPE_NON_ASCII).build();

  private final String secret;

  Webhooks(String secret) {
    this.secret = secret;
  }

  Signed text(String phoneNumberId, String from, String wamid, String text) {
    ObjectNode root = JSON.createObjectNode();
    root.put("object", "whatsapp_business_account");
    ObjectNode value =
        root.putArray("entry")
            .addObject()
            .put("id", "2109876" + phoneNumberId)
            .putArray("changes")
            .addObject()
            .put("field", "messages")
            .putObject("value");
    value.put("messaging_product", "whatsapp");
    value
        .putObject("metadata")
        .put("display_phone_number", "90212" + phoneNumberId)
        .put("phone_number_id", phoneNumberId);
    ObjectNode contact = value.putArray("contacts").addObject();
    contact.putObject("profile").put("name", "Müşteri");
    contact.put("wa_id", from);
    ObjectNode message = value.putArray("messages").addObject();
    message
        .put("from", from)
        .put("id", wamid)
        .put("timestamp", Long.toString(System.currentTimeMillis() / 1000))
        .put("type", "text")
        .putObject("text")
        .put("body", text);
    byte[] body = JSON.writeValueAsBytes(root);
    return new Signed(body, signature(body, secret));
  }

  static String signature(byte[] body, String secret) {
    try {
      Mac mac = Mac.getInstance("HmacSHA256");
      mac.init(new SecretKeySpec(secret.getBytes(StandardCharsets.UTF_8), "HmacSHA256"));
      return "sha256=" + HexFormat.of().formatHex(mac.doFinal(body));
    } catch (GeneralSecurityException e) {
      throw new IllegalStateException(e);
    }
  }
}
