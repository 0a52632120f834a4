package io.sahabot.local;

import static org.assertj.core.api.Assertions.assertThat;

import com.sun.net.httpserver.HttpServer;
import io.sahabot.schemas.Json;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.PrintStream;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import tools.jackson.databind.JsonNode;

/**
 * converse against a stand-in for agent-service's {@code POST /internal/explain/dialogue}: what it
 * sends per dialogue, the JSON line it prints per turn, and the score.
 */
class ConverseCommandTest {

  private final ByteArrayOutputStream out = new ByteArrayOutputStream();
  private final ByteArrayOutputStream err = new ByteArrayOutputStream();
  private final List<JsonNode> received = new ArrayList<>();
  private HttpServer agent;

  @TempDir Path dir;

  private int run(String... args) {
    return SahaBotLocal.run(
        List.of(args), Map.of(), new PrintStream(out, true), new PrintStream(err, true));
  }

  /** Answers each dialogue: every turn books, passed unless its text is "bad". */
  private String startAgent() throws IOException {
    agent = HttpServer.create(new InetSocketAddress("127.0.0.1", 0), 0);
    agent.createContext(
        "/internal/explain/dialogue",
        exchange -> {
          JsonNode request = Json.mapper().readTree(exchange.getRequestBody().readAllBytes());
          synchronized (received) {
            received.add(request);
          }
          var turns = Json.mapper().createArrayNode();
          for (JsonNode t : request.path("turns")) {
            boolean bad = t.path("text").asText().equals("bad");
            var turn = turns.addObject();
            turn.put("text", t.path("text").asText());
            turn.putArray("toolCalls")
                .addObject()
                .put("name", "bookSlot")
                .putObject("arguments")
                .put("start", "2026-11-28T21:00");
            turn.put("reply", "(dry run) RequestReservation");
            turn.put("language", "tr");
            turn.put("passed", !bad);
            if (bad) {
              turn.put("mismatch", "bookSlot start=… (expected …)");
            }
          }
          var body = Json.mapper().createObjectNode();
          body.put("id", request.path("id").asText());
          body.set("turns", turns);
          byte[] bytes = Json.mapper().writeValueAsBytes(body);
          exchange.getResponseHeaders().add("Content-Type", "application/json");
          exchange.sendResponseHeaders(200, bytes.length);
          exchange.getResponseBody().write(bytes);
          exchange.close();
        });
    agent.start();
    return "http://127.0.0.1:" + agent.getAddress().getPort();
  }

  @AfterEach
  void stop() {
    if (agent != null) {
      agent.stop(0);
    }
  }

  @Test
  void printsOneLinePerTurnAndScoresEachDialogueAsAFreshConversation() throws IOException {
    String url = startAgent();
    Path file = dir.resolve("d.jsonl");
    Files.writeString(
        file,
        """
        {"id":"a","role":"customer","turns":[{"text":"yarın 9 boş mu","expect":{"intent":"availability"}},{"text":"evet","expect":{"intent":"book"}}]}

        {"id":"b","role":"owner","turns":[{"text":"bad","expect":{"intent":"book"}}]}
        """,
        StandardCharsets.UTF_8);

    int code =
        run(
            "converse",
            file.toString(),
            "--score",
            "--agent-url",
            url,
            "--at",
            "2026-11-27T10:00:00+03:00");

    assertThat(code).isEqualTo(1);
    assertThat(received).hasSize(2);
    assertThat(received.get(0).path("role").asText()).isEqualTo("customer");
    assertThat(received.get(0).path("at").asText()).isEqualTo("2026-11-27T10:00+03:00");
    assertThat(received.get(0).path("turns")).hasSize(2);
    assertThat(received.get(1).path("role").asText()).isEqualTo("owner");
    List<String> lines = out.toString(StandardCharsets.UTF_8).lines().toList();
    assertThat(lines).hasSize(5);
    JsonNode first = Json.mapper().readTree(lines.get(0));
    assertThat(first.path("dialogue").asText()).isEqualTo("a");
    assertThat(first.path("turn").asInt()).isEqualTo(1);
    assertThat(first.path("toolCalls").get(0).path("name").asText()).isEqualTo("bookSlot");
    assertThat(first.path("toolCalls").get(0).path("arguments").path("start").asText())
        .isEqualTo("2026-11-28T21:00");
    assertThat(first.path("reply").asText()).isEqualTo("(dry run) RequestReservation");
    assertThat(Json.mapper().readTree(lines.get(2)).path("mismatch").asText()).isNotBlank();
    assertThat(lines.get(3)).isEqualTo("turns right: 2 of 3 (66.7%); dialogues right: 1 of 2");
    assertThat(lines.get(4)).isEqualTo("2 passed, 1 failed");
  }

  @Test
  void withoutScoreItOnlyPrintsTheTurns() throws IOException {
    String url = startAgent();
    Path file = dir.resolve("d.jsonl");
    Files.writeString(
        file, "{\"id\":\"a\",\"role\":\"customer\",\"turns\":[{\"text\":\"bad\"}]}\n");

    assertThat(run("converse", file.toString(), "--agent-url", url)).isZero();
    assertThat(out.toString(StandardCharsets.UTF_8).lines()).hasSize(1);
    assertThat(received.get(0).has("at")).isFalse();
  }

  @Test
  void aMissingFileOrABadLineIsNamed() throws IOException {
    assertThat(run("converse", dir.resolve("none.jsonl").toString())).isEqualTo(2);
    assertThat(err.toString()).contains("converse: no such file");
    Path file = dir.resolve("bad.jsonl");
    Files.writeString(file, "{\"id\":\"a\"}\n");
    assertThat(run("converse", file.toString())).isEqualTo(2);
    assertThat(err.toString()).contains("line 1: no \"turns\"");
  }
}
