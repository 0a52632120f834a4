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
  void triesAgainWhileTheServiceFailsOrATenantIsNotReconciledThenSaysWhatWasRestored()
      throws Exception {
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
          int call = calls.incrementAndGet();
          byte[] body =
              (call == 1
                      ? "{}"
                      : call == 2
                          ? "{\"scanned\":864,\"present\":478,\"restored\":380,\"erased\":0,"
                              + "\"conflicts\":[{\"reservationId\":7}],"
                              + "\"failures\":[\"tenant x: DataIntegrityViolationException\"]}"
                          : "{\"scanned\":864,\"present\":858,\"restored\":5,\"erased\":0,"
                              + "\"conflicts\":[],\"failures\":[]}")
                  .getBytes(StandardCharsets.UTF_8);
          exchange.sendResponseHeaders(call == 1 ? 500 : 200, body.length);
          exchange.getResponseBody().write(body);
          exchange.close();
        });
    server.start();

    String note =
        OperatorReconcile.run(
            "http://127.0.0.1:" + server.getAddress().getPort(),
            OperatorReconcile.LOCAL_TOKEN,
            Instant.parse("2026-12-07T21:00:00Z"),
            4,
            Duration.ofMillis(10));

    assertThat(calls.get()).isEqualTo(3);
    assertThat(asked.get())
        .isEqualTo("POST /internal/reconcile?since=2026-12-07T21:00:00Z Bearer local-admin-token");
    assertThat(note)
        .isEqualTo(
            "reconciled from reservation.events: 385 of 864 outcomes restored (858 already"
                + " there), 1 conflicts (slot sold again)");
  }

  @Test
  void aServiceThatNeverAnswersIsSaid() throws IOException, InterruptedException {
    String note =
        OperatorReconcile.run("http://127.0.0.1:1", "t", Instant.EPOCH, 2, Duration.ofMillis(1));
    assertThat(note).startsWith("reconcile failed (");
  }
}
