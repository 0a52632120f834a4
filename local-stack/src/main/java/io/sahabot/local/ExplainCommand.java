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
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.UUID;
import tools.jackson.core.JacksonException;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.SerializationFeature;

/**
 * Asks a running agent-service how the configured model understands a text: the tool calls it would
 * make and its reply, with no write tool executed ({@code POST /internal/explain}).
 */
final class ExplainCommand {

  static final String USAGE =
      """
      explain TEXT: the tool calls the configured model would make for TEXT, and its reply (nothing is written)
        --role ROLE          customer (default) or owner
        --at TIME            when the message was sent, ISO-8601 with offset (default now)
        --tenant UUID        the tenant whose settings apply (default settings when absent)
        --agent-url URL      agent-service (env SAHABOT_AGENT_URL, default http://localhost:8082)
        --token TOKEN        the operators' token (env SAHABOT_ADMIN_TOKEN, default local-admin-token)
      """;

  private final PrintStream out;
  private final PrintStream err;

  ExplainCommand(PrintStream out, PrintStream err) {
    this.out = out;
    this.err = err;
  }

  int run(List<String> args, Map<String, String> env) {
    if (args.isEmpty() || args.get(0).startsWith("--")) {
      throw new IllegalArgumentException(
          "the text to explain comes first, e.g. ./sahabot explain \"yarın 20:00 boş mu?\"");
    }
    String text = args.get(0);
    Options options = Options.parse(args.subList(1, args.size()), Set.of(), env);
    Map<String, Object> request = new LinkedHashMap<>();
    request.put("text", text);
    request.put("role", role(options.get("role", null, "customer")));
    String at = options.get("at", null, null);
    if (at != null) {
      try {
        request.put("at", OffsetDateTime.parse(at).toString());
      } catch (DateTimeParseException e) {
        throw new IllegalArgumentException(
            "--at must be ISO-8601 with an offset, e.g. 2026-11-30T19:30+03:00, not '" + at + "'");
      }
    }
    String tenant = options.get("tenant", null, null);
    if (tenant != null) {
      try {
        request.put("tenantId", UUID.fromString(tenant).toString());
      } catch (IllegalArgumentException e) {
        throw new IllegalArgumentException(
            "--tenant must be a tenant id (UUID), not '" + tenant + "'");
      }
    }
    String agent = options.get("agent-url", "SAHABOT_AGENT_URL", "http://localhost:8082");
    String token = options.get("token", "SAHABOT_ADMIN_TOKEN", "local-admin-token");

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
