package io.sahabot.local;

import io.sahabot.schemas.Json;
import java.io.IOException;
import java.io.PrintStream;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.time.Duration;
import java.time.OffsetDateTime;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import tools.jackson.core.JacksonException;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.node.ObjectNode;

/**
 * Runs each dialogue of a file through the running agent, in dry run, a fresh conversation per
 * dialogue ({@code POST /internal/explain/dialogue}), and prints each turn's tool calls and reply
 * as one JSON line; with {@code --score}, compares each turn with its {@code expect}.
 */
@Command(
    name = "converse",
    header = "run dialogues through the running agent (dry run; tool calls and replies per turn)",
    sortOptions = false,
    description = {
      "Runs each dialogue of FILE (JSON lines: {\"id\",\"role\",\"at\"?,\"turns\":[{\"text\",",
      "\"expect\"?}]}, the format of fixtures/conversations/dialogues.jsonl) through the running",
      "agent-service in dry run, each as a fresh conversation: nothing is booked or stored. Prints",
      "one JSON line per turn: the dialogue, the turn, its text, tool calls (name and arguments),",
      "reply and reply language. With --score, each turn is compared with its expect; the share",
      "right follows and the last line is 'N passed, M failed' (exit code 1 when any failed)."
    })
final class ConverseCommand implements Callable<Integer> {

  @Mixin private Cli.Help help;

  @Parameters(index = "0", paramLabel = "FILE", description = "the dialogues, one a line")
  private Path file;

  @Option(names = "--score", description = "compare each turn with its expect")
  private boolean score;

  @Option(
      names = "--at",
      paramLabel = "TIME",
      description =
          "when the dialogues happen, ISO-8601 with offset (default: each dialogue's 'at', else"
              + " now); the shared fixtures are written for 2026-11-27T10:00:00+03:00")
  private String at;

  @Option(
      names = "--tenant",
      paramLabel = "UUID",
      description = "the tenant whose settings apply (default settings when absent)")
  private String tenant;

  @Option(
      names = "--agent-url",
      paramLabel = "URL",
      defaultValue = "http://localhost:8082",
      description = "agent-service (env SAHABOT_AGENT_URL, default http://localhost:8082)")
  @Cli.Env("SAHABOT_AGENT_URL")
  private String agent;

  @Option(
      names = "--token",
      paramLabel = "TOKEN",
      description = "the operators' token (env SAHABOT_ADMIN_TOKEN, default local-admin-token)",
      defaultValue = "local-admin-token")
  @Cli.Env("SAHABOT_ADMIN_TOKEN")
  private String token;

  private final PrintStream out;
  private final PrintStream err;

  ConverseCommand(PrintStream out, PrintStream err) {
    this.out = out;
    this.err = err;
  }

  @Override
  public Integer call() {
    String when = at == null ? null : offset(at);
    String tenantId = tenant == null ? null : tenantId(tenant);
    List<JsonNode> dialogues = dialogues();
    HttpClient http = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();
    int passed = 0;
    int failed = 0;
    int dialoguesRight = 0;
    for (JsonNode dialogue : dialogues) {
      Map<String, Object> request = new LinkedHashMap<>();
      request.put("id", dialogue.path("id").asText(null));
      request.put("role", dialogue.path("role").asText("customer"));
      String dialogueAt = when != null ? when : dialogue.path("at").asText(null);
      if (dialogueAt != null) {
        request.put("at", dialogueAt);
      }
      if (tenantId != null) {
        request.put("tenantId", tenantId);
      }
      request.put("turns", dialogue.path("turns"));
      JsonNode run = post(http, request);
      if (run == null) {
        return 1;
      }
      int n = 0;
      boolean allRight = true;
      for (JsonNode turn : run.path("turns")) {
        n++;
        ObjectNode line = Json.mapper().createObjectNode();
        line.put("dialogue", run.path("id").asText(null));
        line.put("turn", n);
        line.set("text", turn.path("text"));
        line.set("toolCalls", turn.path("toolCalls"));
        line.set("reply", turn.path("reply"));
        line.set("language", turn.path("language"));
        if (score && !turn.path("passed").isNull() && !turn.path("passed").isMissingNode()) {
          boolean ok = turn.path("passed").asBoolean();
          line.put("passed", ok);
          if (ok) {
            passed++;
          } else {
            failed++;
            allRight = false;
            line.set("mismatch", turn.path("mismatch"));
          }
        }
        out.println(Json.mapper().writeValueAsString(line));
      }
      if (allRight) {
        dialoguesRight++;
      }
    }
    if (!score) {
      return 0;
    }
    int turns = passed + failed;
    out.printf(
        "turns right: %d of %d (%.1f%%); dialogues right: %d of %d%n",
        passed,
        turns,
        turns == 0 ? 100.0 : 100.0 * passed / turns,
        dialoguesRight,
        dialogues.size());
    out.println(passed + " passed, " + failed + " failed");
    return failed == 0 ? 0 : 1;
  }

  private List<JsonNode> dialogues() {
    List<String> lines;
    try {
      lines = Files.readAllLines(file, StandardCharsets.UTF_8);
    } catch (NoSuchFileException e) {
      throw new IllegalArgumentException("no such file: " + file);
    } catch (IOException e) {
      throw new IllegalArgumentException("cannot read " + file + ": " + e.getMessage());
    }
    List<JsonNode> out = new ArrayList<>();
    int number = 0;
    for (String line : lines) {
      number++;
      if (line.isBlank()) {
        continue;
      }
      try {
        JsonNode node = Json.mapper().readTree(line);
        if (!node.path("turns").isArray() || node.path("turns").isEmpty()) {
          throw new IllegalArgumentException(file + " line " + number + ": no \"turns\"");
        }
        out.add(node);
      } catch (JacksonException e) {
        throw new IllegalArgumentException(file + " line " + number + ": not JSON");
      }
    }
    return out;
  }

  private JsonNode post(HttpClient http, Map<String, Object> request) {
    HttpResponse<String> response;
    try {
      response =
          http.send(
              HttpRequest.newBuilder(URI.create(agent + "/internal/explain/dialogue"))
                  .timeout(Duration.ofSeconds(120))
                  .header("Authorization", "Bearer " + token)
                  .header("Content-Type", "application/json")
                  .POST(
                      HttpRequest.BodyPublishers.ofString(
                          Json.mapper().writeValueAsString(request)))
                  .build(),
              HttpResponse.BodyHandlers.ofString());
    } catch (IOException | IllegalArgumentException e) {
      err.println("converse: agent-service at " + agent + " did not answer: " + e.getMessage());
      return null;
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      return null;
    }
    if (response.statusCode() != 200) {
      err.println(
          "converse: agent-service answered "
              + response.statusCode()
              + " to dialogue "
              + request.get("id")
              + ": "
              + response.body());
      return null;
    }
    return Json.mapper().readTree(response.body());
  }

  private static String offset(String at) {
    try {
      return OffsetDateTime.parse(at).toString();
    } catch (DateTimeParseException e) {
      throw new IllegalArgumentException(
          "--at must be ISO-8601 with an offset, e.g. 2026-11-27T10:00:00+03:00, not '" + at + "'");
    }
  }

  private static String tenantId(String tenant) {
    try {
      return UUID.fromString(tenant).toString();
    } catch (IllegalArgumentException e) {
      throw new IllegalArgumentException(
          "--tenant must be a tenant id (UUID), not '" + tenant + "'");
    }
  }
}
