package io.sahabot.bench;

import static org.assertj.core.api.Assertions.assertThat;

import com.sun.net.httpserver.HttpServer;
import java.io.IOException;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicReference;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/** The chaos run's operator step against a stand-in for reservation-service's route. */
class OperatorReconcileTest {

  private HttpServer server;

  @AfterEach
  void stop() {
    if (server != null) {
      server.stop(0);
    }
  }

  @Test
  void triesAgainWhileTheServiceFailsThenSaysWhatWasRestored() throws Exception {
    AtomicInteger calls = new AtomicInteger();
    AtomicReference<String> asked = new AtomicReference<>();
    server = HttpServer.create(new InetSocketAddress("127.0.0.1", 0), 0);
    server.createContext(
        "/",
        exchange -> {
          asked.set(
              exchange.getRequestMethod()
                  + " "
                  + exchange.getRequestURI()
                  + " "
                  + exchange.getRequestHeaders().getFirst("Authorization"));
          boolean first = calls.incrementAndGet() == 1;
          byte[] body =
              (first
                      ? "{}"
                      : "{\"scanned\":864,\"present\":478,\"restored\":385,\"erased\":0,"
                          + "\"conflicts\":[{\"reservationId\":7}],\"failures\":[]}")
                  .getBytes(StandardCharsets.UTF_8);
          exchange.sendResponseHeaders(first ? 500 : 200, body.length);
          exchange.getResponseBody().write(body);
          exchange.close();
        });
    server.start();

    String note =
        OperatorReconcile.run(
            "http://127.0.0.1:" + server.getAddress().getPort(),
            OperatorReconcile.LOCAL_TOKEN,
            Instant.parse("2026-12-07T21:00:00Z"),
            3,
            Duration.ofMillis(10));

    assertThat(calls.get()).isEqualTo(2);
    assertThat(asked.get())
        .isEqualTo("POST /internal/reconcile?since=2026-12-07T21:00:00Z Bearer local-admin-token");
    assertThat(note)
        .isEqualTo(
            "reconciled from reservation.events: 385 of 864 outcomes restored (478 already"
                + " there), 1 conflicts (slot sold again)");
  }

  @Test
  void aServiceThatNeverAnswersIsSaid() throws IOException, InterruptedException {
    String note =
        OperatorReconcile.run("http://127.0.0.1:1", "t", Instant.EPOCH, 2, Duration.ofMillis(1));
    assertThat(note).startsWith("reconcile failed (");
  }
}
