package io.sahabot.ingress.webhook.domain;

import static org.assertj.core.api.Assertions.assertThat;

import io.sahabot.testsupport.MetaWebhooks;
import io.sahabot.testsupport.SharedFixtures;
import java.nio.charset.StandardCharsets;
import java.util.List;
import org.junit.jupiter.api.Test;

class SignatureVerifierTest {

  private final SignatureVerifier verifier = new SignatureVerifier(List.of("app-a", "app-b"));
  private final byte[] body =
      MetaWebhooks.escaped(
          MetaWebhooks.read(SharedFixtures.file("whatsapp/webhooks/text_tr.json")));

  @Test
  void acceptsTheSignatureOfAnyConfiguredAppOverTheEscapedBytes() {
    assertThat(MetaWebhooks.ascii(body)).contains("\\u0131"); // "Aydın" escaped as Meta does

    assertThat(verifier.verify(body, SignatureVerifier.sign(body, "app-a"))).isTrue();
    assertThat(verifier.verify(body, SignatureVerifier.sign(body, "app-b"))).isTrue();
    assertThat(verifier.verify(body, SignatureVerifier.sign(body, "app-b").toUpperCase()))
        .as("hex case and prefix case do not matter")
        .isTrue();
  }

  @Test
  void refusesAnotherSecretAMissingOrMalformedHeaderAndATamperedBody() {
    String valid = SignatureVerifier.sign(body, "app-a");
    byte[] tampered = body.clone();
    tampered[tampered.length - 3] ^= 1;

    assertThat(verifier.verify(body, SignatureVerifier.sign(body, "other-app"))).isFalse();
    assertThat(verifier.verify(body, null)).isFalse();
    assertThat(verifier.verify(body, "")).isFalse();
    assertThat(verifier.verify(body, valid.substring("sha256=".length()))).isFalse();
    assertThat(verifier.verify(body, "sha256=zz" + valid.substring(9))).isFalse();
    assertThat(verifier.verify(body, "sha1=" + valid.substring(7))).isFalse();
    assertThat(verifier.verify(tampered, valid)).isFalse();
  }

  @Test
  void refusesTheSameJsonReEncodedAsUtf8() {
    String signature = SignatureVerifier.sign(body, "app-a");
    String unescaped = MetaWebhooks.ascii(body).replace("\\u0131", "ı").replace("\\u00e7", "ç");
    byte[] reEncoded = unescaped.getBytes(StandardCharsets.UTF_8);

    assertThat(reEncoded).isNotEqualTo(body);
    assertThat(verifier.verify(reEncoded, signature)).isFalse();
  }
}
