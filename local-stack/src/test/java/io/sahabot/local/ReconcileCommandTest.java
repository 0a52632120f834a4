package io.sahabot.local;

import static org.assertj.core.api.Assertions.assertThat;

import com.sun.net.httpserver.HttpServer;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.PrintStream;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Map;
import java.util.concurrent.atomic.AtomicReference;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/** The reconcile command against a local stand-in for reservation-service's route. */
class ReconcileCommandTest {

  private final ByteArrayOutputStream out = new ByteArrayOutputStream();
  private final ByteArrayOutputStream err = new ByteArrayOutputStream();
  private final AtomicReference<String> asked = new AtomicReference<>();
  private HttpServer server;

  private int run(String... args) {
    return SahaBotLocal.run(
        List.of(args), Map.of(), new PrintStream(out, true), new PrintStream(err, true));
  }

  private String serve(int status, String body) throws IOException {
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
          byte[] bytes = body.getBytes(StandardCharsets.UTF_8);
          exchange.getResponseHeaders().add("Content-Type", "application/json");
          exchange.sendResponseHeaders(status, bytes.length);
          exchange.getResponseBody().write(bytes);
          exchange.close();
        });
    server.start();
    return "http://127.0.0.1:" + server.getAddress().getPort();
  }

  @AfterEach
  void stop() {
    if (server != null) {
      server.stop(0);
    }
  }

  @Test
  void postsTheRouteWithTheOperatorsTokenAndPrintsTheResult() throws IOException {
    String url =
        serve(
            200,
            "{\"scanned\":12,\"present\":9,\"restored\":3,\"erased\":0,\"conflicts\":[],"
                + "\"failures\":[]}");

    int code = run("reconcile", "--since", "2h", "--reservation-url", url);

    assertThat(code).isZero();
    assertThat(asked.get()).isEqualTo("POST /internal/reconcile?since=2h Bearer local-admin-token");
    assertThat(out.toString())
        .contains("Reconciling reservation.events since 2h")
        .contains("12 outcomes read: 9 already in the database, 3 restored, 0 left out")
        .contains("0 conflicts");
  }

  @Test
  void aConflictIsListedAndTheExitCodeSaysSo() throws IOException {
    String url =
        serve(
            200,
            "{\"scanned\":2,\"present\":0,\"restored\":1,\"erased\":0,\"conflicts\":[{"
                + "\"tenantId\":\"6f1c1f8e-4c8a-4d7c-9f7e-0d8b1c2e3f4a\",\"reservationId\":42,"
                + "\"field\":\"Saha 1\",\"start\":\"2026-12-14T17:00:00Z\","
                + "\"end\":\"2026-12-14T18:00:00Z\",\"commandId\":\"c-1\"}],\"failures\":[]}");

    int code = run("reconcile", "--reservation-url", url);

    assertThat(code).isEqualTo(ReconcileCommand.NEEDS_ATTENTION);
    assertThat(asked.get()).startsWith("POST /internal/reconcile?since=1h ");
    assertThat(out.toString())
        .contains("conflict: tenant 6f1c1f8e-4c8a-4d7c-9f7e-0d8b1c2e3f4a, reservation 42, Saha 1")
        .contains("tell the business");
  }

  @Test
  void aRefusedSinceIsABadArgument() throws IOException {
    String url = serve(400, "{\"detail\":\"since must be a duration (90m, 2h)\"}");

    assertThat(run("reconcile", "--since", "yesterday", "--reservation-url", url)).isEqualTo(2);
    assertThat(err.toString()).contains("since must be a duration");
  }

  @Test
  void aServiceThatDoesNotAnswerIsSaidInOneLine() throws IOException {
    int port;
    try (ServerSocket s = new ServerSocket(0)) {
      port = s.getLocalPort();
    }
    assertThat(run("reconcile", "--reservation-url", "http://localhost:" + port)).isEqualTo(1);
    assertThat(err.toString()).startsWith("reconcile: reservation-service at http://localhost:");
  }
}
