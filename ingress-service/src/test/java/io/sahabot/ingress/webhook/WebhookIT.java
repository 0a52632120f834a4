package io.sahabot.ingress.webhook;

import static org.assertj.core.api.Assertions.assertThat;

import io.sahabot.schemas.whatsapp.RawWebhookChange;
import io.sahabot.testsupport.ActuatorProbe;
import io.sahabot.testsupport.IntegrationTest;
import io.sahabot.testsupport.MetaWebhooks;
import io.sahabot.testsupport.SharedFixtures;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Instant;
import java.util.Arrays;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ThreadLocalRandom;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.core.io.buffer.DataBuffer;
import org.springframework.core.io.buffer.DefaultDataBufferFactory;
import org.springframework.http.MediaType;
import org.springframework.test.web.reactive.server.WebTestClient;
import reactor.core.publisher.Flux;
import tools.jackson.databind.JsonNode;

/** Signed webhooks in, records on the real broker out (application-test.yml has two secrets). */
@IntegrationTest
class WebhookIT {

  static final String SECRET = "test-app-secret-2";

  @LocalServerPort int port;
  WebTestClient http;

  @BeforeEach
  void client() {
    http = WebTestClient.bindToServer().baseUrl("http://localhost:" + port).build();
  }

  @Test
  void answersTheChallengeOnlyForTheConfiguredVerifyToken() {
    http.get()
        .uri(
            "/webhook?hub.mode=subscribe&hub.verify_token=test-verify-token&hub.challenge=1158201444")
        .exchange()
        .expectStatus()
        .isOk()
        .expectBody(String.class)
        .isEqualTo("1158201444");
    http.get()
        .uri("/webhook?hub.mode=subscribe&hub.verify_token=wrong&hub.challenge=1")
        .exchange()
        .expectStatus()
        .isForbidden();
    http.get()
        .uri("/webhook?hub.mode=unsubscribe&hub.verify_token=test-verify-token&hub.challenge=1")
        .exchange()
        .expectStatus()
        .isForbidden();
  }

  @Test
  void everyFixtureSignedAsMetaSignsReachesTheRawTopicUnderItsPhoneNumberId() {
    Map<String, JsonNode> sentByKey = new HashMap<>();
    Instant before = Instant.now();
    for (Path fixture : MetaWebhooks.fixtures()) {
      String key = newPhoneNumberId();
      JsonNode body = MetaWebhooks.withPhoneNumberId(MetaWebhooks.read(fixture), key);
      byte[] bytes = MetaWebhooks.escaped(body);

      post(bytes, MetaWebhooks.signature(bytes, SECRET)).expectStatus().isOk();
      sentByKey.put(key, body);
    }

    var records = RawTopicReader.awaitKeys(sentByKey.keySet());

    assertThat(records).hasSameSizeAs(sentByKey.keySet());
    for (var record : records) {
      RawWebhookChange change = RawTopicReader.value(record);
      JsonNode sent = sentByKey.get(record.key()).path("entry").path(0).path("changes").path(0);
      assertThat(change.phoneNumberId()).isEqualTo(record.key());
      assertThat(change.value()).isEqualTo(sent.path("value"));
      assertThat(change.field()).isEqualTo(sent.path("field").asString());
      assertThat(change.receivedAt()).isAfterOrEqualTo(before.minusSeconds(1));
      assertThat(change.deliveryId()).isNotBlank();
    }
  }

  @Test
  void aPostForTwoBusinessesPublishesUnderBothKeys() {
    String first = newPhoneNumberId();
    String second = newPhoneNumberId();
    JsonNode body =
        MetaWebhooks.merged(
            MetaWebhooks.withPhoneNumberId(read("text_tr.json"), first),
            MetaWebhooks.withPhoneNumberId(read("status_read.json"), second));
    byte[] bytes = MetaWebhooks.escaped(body);

    post(bytes, MetaWebhooks.signature(bytes, SECRET)).expectStatus().isOk();

    var records = RawTopicReader.awaitKeys(List.of(first, second));
    assertThat(records).extracting(r -> r.key()).containsExactlyInAnyOrder(first, second);
    assertThat(records)
        .extracting(r -> RawTopicReader.value(r).deliveryId())
        .doesNotHaveDuplicates();
  }

  @Test
  void aTamperedOrUnsignedBodyGets401AndPublishesNothing() {
    String key = newPhoneNumberId();
    byte[] signed = MetaWebhooks.escaped(MetaWebhooks.withPhoneNumberId(read("text_tr.json"), key));
    String signature = MetaWebhooks.signature(signed, SECRET);
    byte[] tampered =
        MetaWebhooks.ascii(signed)
            .replace("20:00-21:00", "21:00-22:00")
            .getBytes(StandardCharsets.US_ASCII);

    post(tampered, signature).expectStatus().isUnauthorized();
    post(signed, null)
        .expectStatus()
        .isUnauthorized()
        .expectHeader()
        .contentType(MediaType.APPLICATION_PROBLEM_JSON)
        .expectBody()
        .jsonPath("$.status")
        .isEqualTo(401);
    post(signed, MetaWebhooks.signature(signed, "another-app")).expectStatus().isUnauthorized();
    // then a genuine one for the same key: it must be the only record of the key
    post(signed, signature).expectStatus().isOk();

    var records = RawTopicReader.awaitKeys(List.of(key));
    assertThat(records).hasSize(1);
    assertThat(RawTopicReader.value(records.get(0)).value().toString()).contains("20:00-21:00");
  }

  @Test
  void malformedForeignAndOversizedBodiesAreRefused() {
    byte[] notJson = "{\"object\":".getBytes(StandardCharsets.UTF_8);
    byte[] foreign = "{\"object\":\"page\",\"entry\":[]}".getBytes(StandardCharsets.UTF_8);
    byte[] huge = new byte[3 * 1024 * 1024 + 1];
    java.util.Arrays.fill(huge, (byte) ' ');

    post(notJson, MetaWebhooks.signature(notJson, SECRET)).expectStatus().isBadRequest();
    post(foreign, MetaWebhooks.signature(foreign, SECRET)).expectStatus().isBadRequest();
    post(huge, MetaWebhooks.signature(huge, SECRET)).expectStatus().isEqualTo(413);
    // no Content-Length (chunked): the limit holds while the body streams in
    http.post()
        .uri("/webhook")
        .contentType(MediaType.APPLICATION_JSON)
        .header("X-Hub-Signature-256", MetaWebhooks.signature(huge, SECRET))
        .body(
            Flux.range(0, 4)
                .map(
                    i ->
                        DefaultDataBufferFactory.sharedInstance.wrap(
                            Arrays.copyOf(huge, huge.length / 3))),
            DataBuffer.class)
        .exchange()
        .expectStatus()
        .isEqualTo(413)
        .expectHeader()
        .contentType(MediaType.APPLICATION_PROBLEM_JSON);
  }

  @Test
  void countsWebhooksRecordsRejectionsAndLatencyOnPrometheus() {
    byte[] body =
        MetaWebhooks.escaped(
            MetaWebhooks.withPhoneNumberId(read("text_en.json"), newPhoneNumberId()));
    post(body, MetaWebhooks.signature(body, SECRET)).expectStatus().isOk();
    post(body, "sha256=00").expectStatus().isUnauthorized();

    String metrics = new ActuatorProbe(port).get("/actuator/prometheus").body();

    assertThat(metrics)
        .contains("sahabot_ingress_webhooks_received_total")
        .contains("sahabot_ingress_records_published_total")
        .contains(
            "sahabot_ingress_webhooks_rejected_total{application=\"ingress-service\",reason=\"signature\"}")
        .contains(
            "sahabot_ingress_webhook_latency_seconds{application=\"ingress-service\",outcome=\"accepted\",quantile=\"0.99\"}");
  }

  private WebTestClient.ResponseSpec post(byte[] body, String signature) {
    var request = http.post().uri("/webhook").contentType(MediaType.APPLICATION_JSON);
    if (signature != null) {
      request = request.header("X-Hub-Signature-256", signature);
    }
    return request.bodyValue(body).exchange();
  }

  private static JsonNode read(String fixture) {
    return MetaWebhooks.read(SharedFixtures.file("whatsapp/webhooks/" + fixture));
  }

  static String newPhoneNumberId() {
    return Long.toString(
        ThreadLocalRandom.current().nextLong(100_000_000_000_000L, 999_999_999_999_999L));
  }
}
