package io.sahabot.local;

import io.sahabot.schemas.Json;
import java.io.IOException;
import java.io.PrintStream;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.time.OffsetDateTime;
import java.time.format.DateTimeParseException;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import tools.jackson.core.JacksonException;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.SerializationFeature;

/**
 * Asks a running agent-service how the configured model understands a text: the tool calls it would
 * make and its reply, with no write tool executed ({@code POST /internal/explain}).
 */
@Command(
    name = "explain",
    header = "how the running agent understands a text (tool calls and reply; nothing is written)",
    sortOptions = false,
    description = {
      "Asks the running agent-service which tool calls its configured model would make for TEXT,",
      "and what it would answer; no write tool runs. Prints the JSON; one line and exit code 1 when",
      "the agent does not answer or refuses, 2 for bad input."
    })
final class ExplainCommand implements Callable<Integer> {

  @Mixin private Cli.Help help;

  @Parameters(
      index = "0",
      paramLabel = "TEXT",
      description = "the message, as a customer or the owner would write it")
  private String text;

  @Option(
      names = "--role",
      paramLabel = "ROLE",
      defaultValue = "customer",
      description = "customer (default) or owner")
  private String role;

  @Option(
      names = "--at",
      paramLabel = "TIME",
      description = "when the message was sent, ISO-8601 with offset (default now)")
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

  ExplainCommand(PrintStream out, PrintStream err) {
    this.out = out;
    this.err = err;
  }

  @Override
  public Integer call() {
    Map<String, Object> request = new LinkedHashMap<>();
    request.put("text", text);
    request.put("role", role(role));
    if (at != null) {
      try {
        request.put("at", OffsetDateTime.parse(at).toString());
      } catch (DateTimeParseException e) {
        throw new IllegalArgumentException(
            "--at must be ISO-8601 with an offset, e.g. 2026-11-30T19:30+03:00, not '" + at + "'");
      }
    }
    if (tenant != null) {
      try {
        request.put("tenantId", UUID.fromString(tenant).toString());
      } catch (IllegalArgumentException e) {
        throw new IllegalArgumentException(
            "--tenant must be a tenant id (UUID), not '" + tenant + "'");
      }
    }

    HttpResponse<String> response;
    try {
      HttpClient http = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();
      response =
          http.send(
              HttpRequest.newBuilder(URI.create(agent + "/internal/explain"))
                  .timeout(Duration.ofSeconds(60))
                  .header("Authorization", "Bearer " + token)
                  .header("Content-Type", "application/json")
                  .POST(
                      HttpRequest.BodyPublishers.ofString(
                          Json.mapper().writeValueAsString(request)))
                  .build(),
              HttpResponse.BodyHandlers.ofString());
    } catch (IOException | IllegalArgumentException e) {
      err.println("explain: agent-service at " + agent + " did not answer: " + e.getMessage());
      return 1;
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      return 1;
    }
    if (response.statusCode() != 200) {
      err.println(
          "explain: agent-service answered "
              + response.statusCode()
              + ": "
              + detail(response.body()));
      return 1;
    }
    out.println(pretty(response.body()));
    return 0;
  }

  private static String role(String role) {
    if (!role.equals("customer") && !role.equals("owner")) {
      throw new IllegalArgumentException("--role must be customer or owner, not '" + role + "'");
    }
    return role;
  }

  private static String detail(String body) {
    try {
      JsonNode problem = Json.mapper().readTree(body);
      return problem.path("detail").asText(body);
    } catch (JacksonException e) {
      return body;
    }
  }

  private static String pretty(String body) {
    try {
      return Json.mapper()
          .writer()
          .with(SerializationFeature.INDENT_OUTPUT)
          .writeValueAsString(Json.mapper().readTree(body));
    } catch (JacksonException e) {
      return body;
    }
  }
}
