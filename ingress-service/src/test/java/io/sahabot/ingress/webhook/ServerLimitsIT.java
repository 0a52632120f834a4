package io.sahabot.ingress.webhook;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import io.sahabot.testsupport.IntegrationTest;
import io.sahabot.testsupport.MetaWebhooks;
import io.sahabot.testsupport.SharedFixtures;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.springframework.boot.test.system.CapturedOutput;
import org.springframework.boot.test.system.OutputCaptureExtension;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.test.annotation.DirtiesContext;
import org.springframework.test.context.TestPropertySource;

/**
 * The server's limits on raw sockets, with small values: a read timeout of 1 s, an idle timeout of
 * 4 s and at most 4 connections. Its own sender group, so that it takes no partition from the other
 * tests' service; closed after the class.
 */
@IntegrationTest
@TestPropertySource(
    properties = {
      "sahabot.ingress.webhook.read-timeout=1s",
      "sahabot.ingress.webhook.idle-timeout=4s",
      "sahabot.ingress.webhook.max-connections=4",
      "sahabot.ingress.sender.group-id=ingress-sender-server-limits-it"
    })
@DirtiesContext
@ExtendWith(OutputCaptureExtension.class)
class ServerLimitsIT {

  static final Duration READ_TIMEOUT = Duration.ofSeconds(1);
  static final Duration IDLE_TIMEOUT = Duration.ofSeconds(4);

  /** A timer never fires early; it may fire late on a busy machine. */
  static final Duration EARLY = Duration.ofMillis(100);

  static final Duration LATE = Duration.ofSeconds(5);
  static final String VERIFY =
      "GET /webhook?hub.mode=subscribe&hub.verify_token=test-verify-token&hub.challenge=42"
          + " HTTP/1.1\r\nHost: localhost\r\n\r\n";

  @LocalServerPort int port;

  @Test
  void aConnectionThatSendsNothingIsClosedAtTheReadTimeout() throws IOException {
    try (RawHttp client = new RawHttp(port)) {
      Duration closed = client.awaitClosed(READ_TIMEOUT.plus(LATE));

      assertThat(closed).isNotNull().isBetween(READ_TIMEOUT.minus(EARLY), READ_TIMEOUT.plus(LATE));
    }
  }

  @Test
  void halfARequestHeadIsClosedAtTheReadTimeout(CapturedOutput output) throws IOException {
    try (RawHttp client = new RawHttp(port)) {
      client.send(
          "POST /webhook HTTP/1.1\r\nHost: localhost\r\nContent-Type: application/json\r\n");

      Duration closed = client.awaitClosed(READ_TIMEOUT.plus(LATE));

      assertThat(closed).isNotNull().isLessThan(READ_TIMEOUT.plus(LATE));
    }
    // a closed slow client is counted, not logged as a decoding failure
    assertThat(output).doesNotContain("Decoding failed");
  }

  @Test
  void aHeadSentAByteAtATimeIsCutAtTheReadTimeoutThoughBytesKeepComing() throws IOException {
    byte[] head =
        ("POST /webhook HTTP/1.1\r\nHost: localhost\r\nX-Slow: " + "a".repeat(200) + "\r\n\r\n")
            .getBytes(StandardCharsets.US_ASCII);
    try (RawHttp client = new RawHttp(port)) {
      RawHttp.Trickled trickled = client.trickle(head, Duration.ofMillis(100));

      assertThat(trickled.closed()).as("closed before the head was complete").isTrue();
      assertThat(trickled.after()).isBetween(READ_TIMEOUT.minus(EARLY), READ_TIMEOUT.plus(LATE));
      assertThat(trickled.received()).isEmpty();
    }
  }

  @Test
  void aBodySentAByteAtATimeIsCutAtTheReadTimeoutAndPublishesNothing(CapturedOutput output)
      throws IOException {
    byte[] body = new byte[200];
    java.util.Arrays.fill(body, (byte) ' ');
    try (RawHttp client = new RawHttp(port)) {
      client.send(
          "POST /webhook HTTP/1.1\r\nHost: localhost\r\nContent-Type: application/json\r\n"
              + "X-Hub-Signature-256: "
              + MetaWebhooks.signature(body, WebhookIT.SECRET)
              + "\r\nContent-Length: "
              + body.length
              + "\r\n\r\n");

      RawHttp.Trickled trickled = client.trickle(body, Duration.ofMillis(100));

      assertThat(trickled.closed()).as("closed before the body was complete").isTrue();
      assertThat(trickled.after()).isBetween(READ_TIMEOUT.minus(EARLY), READ_TIMEOUT.plus(LATE));
      // never a 200: at most the 408 written as the connection closes
      assertThat(trickled.received())
          .satisfiesAnyOf(
              received -> assertThat(received).isEmpty(),
              received -> assertThat(received).startsWith("HTTP/1.1 408"));
    }
    await()
        .atMost(Duration.ofSeconds(5))
        .untilAsserted(() -> assertThat(output).contains("Webhook rejected (incomplete)"));
    assertThat(output).doesNotContain("onErrorDropped").doesNotContain("Webhook failed");
  }

  @Test
  void aKeptAliveConnectionIsServedAfterAPauseAndClosedAtTheIdleTimeout() throws IOException {
    try (RawHttp client = new RawHttp(port)) {
      assertThat(client.exchange(VERIFY)).isEqualTo(new RawHttp.Response(200, "42"));

      // longer than the read timeout: waiting between requests is idle time, not a slow request
      assertThat(client.closedWithin(READ_TIMEOUT.multipliedBy(2))).isFalse();
      assertThat(client.exchange(VERIFY)).isEqualTo(new RawHttp.Response(200, "42"));

      Duration closed = client.awaitClosed(IDLE_TIMEOUT.plus(LATE));
      assertThat(closed).isNotNull().isBetween(IDLE_TIMEOUT.minus(EARLY), IDLE_TIMEOUT.plus(LATE));
    }
  }

  @Test
  void connectionsBeyondTheCapAreClosedWhileTheFirstOnesStayServed(CapturedOutput output)
      throws IOException {
    List<RawHttp> served = new ArrayList<>();
    try {
      for (int i = 0; i < 4; i++) {
        // the connections of the tests before may take a moment to be counted out
        served.add(
            await().atMost(Duration.ofSeconds(10)).until(this::servedConnection, c -> c != null));
      }

      try (RawHttp fifth = new RawHttp(port)) {
        Duration closed = fifth.awaitClosed(Duration.ofSeconds(3));
        assertThat(closed).as("the fifth connection is closed at once").isNotNull();
        assertThat(closed).isLessThan(READ_TIMEOUT);
      }

      for (RawHttp client : served) {
        assertThat(client.exchange(VERIFY)).isEqualTo(new RawHttp.Response(200, "42"));
      }
      served.remove(0).close();
      RawHttp another =
          await().atMost(Duration.ofSeconds(10)).until(this::servedConnection, c -> c != null);
      served.add(another);
      // not a WARN with a stack trace per refused connection
      assertThat(output).doesNotContain("Connection rejected");
    } finally {
      for (RawHttp client : served) {
        client.close();
      }
    }
  }

  @Test
  void aSignedWebhookIsStillAccepted() throws IOException {
    String key = WebhookIT.newPhoneNumberId();
    byte[] body =
        MetaWebhooks.escaped(
            MetaWebhooks.withPhoneNumberId(
                MetaWebhooks.read(SharedFixtures.file("whatsapp/webhooks/text_tr.json")), key));
    try (RawHttp client = new RawHttp(port)) {
      client.send(
          "POST /webhook HTTP/1.1\r\nHost: localhost\r\nContent-Type: application/json\r\n"
              + "X-Hub-Signature-256: "
              + MetaWebhooks.signature(body, WebhookIT.SECRET)
              + "\r\nContent-Length: "
              + body.length
              + "\r\n\r\n");
      client.send(body);

      assertThat(client.response(Duration.ofSeconds(15)).status()).isEqualTo(200);
    }
    assertThat(RawTopicReader.awaitKeys(List.of(key))).hasSize(1);
  }

  /** A new connection that was served a request, or null if it was refused. */
  private RawHttp servedConnection() throws IOException {
    RawHttp client = new RawHttp(port);
    try {
      if (client.exchange(VERIFY).status() == 200) {
        return client;
      }
    } catch (IOException refused) {
      // closed by the server: over the cap
    }
    client.close();
    return null;
  }
}
