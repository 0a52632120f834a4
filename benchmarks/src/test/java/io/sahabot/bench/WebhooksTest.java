package io.sahabot.bench;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.charset.StandardCharsets;
import org.junit.jupiter.api.Test;

class WebhooksTest {

  @Test
  void theSignatureIsTheHexHmacSha256OfTheBytes() {
    assertThat(
            Webhooks.signature(
                "The quick brown fox jumps over the lazy dog".getBytes(StandardCharsets.UTF_8),
                "key"))
        .isEqualTo("sha256=f7bc83f430538424b13298e6aa6fb143ef4d59a14946175997479dbc2d1a3cd8");
  }

  @Test
  void nonAsciiIsEscapedAsMetaSendsIt() {
    Webhooks.Signed webhook =
        new Webhooks("secret").text("700000000001", "905300000001", "wamid.X", "Salı akşam");

    String body = new String(webhook.body(), StandardCharsets.US_ASCII);
    assertThat(body)
        .contains("Sal\\u0131 ak\\u015Fam")
        .contains("\"phone_number_id\":\"700000000001\"");
    for (byte b : webhook.body()) {
      assertThat(b).isNotNegative();
    }
    assertThat(webhook.signature()).isEqualTo(Webhooks.signature(webhook.body(), "secret"));
  }
}
