package io.sahabot.local;

import io.sahabot.schemas.Json;
import java.io.IOException;
import java.io.PrintStream;
import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;
import tools.jackson.core.JacksonException;
import tools.jackson.databind.JsonNode;

/**
 * Asks a running reservation-service to repair its database from {@code reservation.events} ({@code
 * POST /internal/reconcile?since=…}, the operators' token): after the database was restored from an
 * older backup, the reservations customers were told about since are put back; those whose slot was
 * sold again meanwhile are listed, for the business to be told.
 */
@Command(
    name = "reconcile",
    header =
        "put back reservations the database lost (restored from an older backup) from"
            + " reservation.events",
    sortOptions = false,
    description = {
      "Asks the running reservation-service to re-apply every outcome published on",
      "reservation.events since --since that its database does not hold (a database restored from",
      "an older backup): confirmations, cancellations, moves and no-shows, in order, each once.",
      "A reservation whose slot was sold again meanwhile is not forced: it is listed (tenant,",
      "reservation, field, slot) for the business to be told. Exit code 0 when all is restored, 3",
      "when some conflicts or tenants are listed, 1 when the service does not answer, 2 for bad input."
    })
final class ReconcileCommand implements Callable<Integer> {

  static final int NEEDS_ATTENTION = 3;

  @Mixin private Cli.Help help;

  @Option(
      names = "--since",
      paramLabel = "AGE",
      defaultValue = "1h",
      description =
          "how far back to read: a duration (90m, 2h; default 1h) or an ISO-8601 instant; reach back"
              + " to before the backup was taken")
  private String since;

  @Option(
      names = "--reservation-url",
      paramLabel = "URL",
      defaultValue = "http://localhost:8083",
      description =
          "reservation-service (env SAHABOT_RESERVATION_URL, default http://localhost:8083)")
  @Cli.Env("SAHABOT_RESERVATION_URL")
  private String reservation;

  @Option(
      names = "--token",
      paramLabel = "TOKEN",
      description = "the operators' token (env SAHABOT_ADMIN_TOKEN, default local-admin-token)",
      defaultValue = "local-admin-token")
  @Cli.Env("SAHABOT_ADMIN_TOKEN")
  private String token;

  private final PrintStream out;
  private final PrintStream err;

  ReconcileCommand(PrintStream out, PrintStream err) {
    this.out = out;
    this.err = err;
  }

  @Override
  public Integer call() {
    if (since.isBlank()) {
      throw new IllegalArgumentException("--since must be a duration (2h) or an instant");
    }
    out.printf(
        "Reconciling reservation.events since %s with the database (reservation-service at %s)…%n",
        since, reservation);
    HttpResponse<String> response;
    try {
      HttpClient http = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();
      response =
          http.send(
              HttpRequest.newBuilder(
                      URI.create(
                          reservation
                              + "/internal/reconcile?since="
                              + URLEncoder.encode(since, StandardCharsets.UTF_8)))
                  .timeout(Duration.ofMinutes(10))
                  .header("Authorization", "Bearer " + token)
                  .POST(HttpRequest.BodyPublishers.noBody())
                  .build(),
              HttpResponse.BodyHandlers.ofString());
    } catch (IOException | IllegalArgumentException e) {
      err.println(
          "reconcile: reservation-service at "
              + reservation
              + " did not answer: "
              + e.getMessage());
      return 1;
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      return 1;
    }
    if (response.statusCode() == 400) {
      err.println("reconcile: " + detail(response.body()));
      return Cli.BAD_ARGUMENTS;
    }
    if (response.statusCode() != 200) {
      err.println(
          "reconcile: reservation-service answered "
              + response.statusCode()
              + ": "
              + detail(response.body()));
      return 1;
    }
    JsonNode result = Json.mapper().readTree(response.body());
    return print(result, out);
  }

  /** The result in a few lines; {@link #NEEDS_ATTENTION} when something is listed. */
  static int print(JsonNode result, PrintStream out) {
    out.printf(
        "%d outcomes read: %d already in the database, %d restored, %d left out (customers erased"
            + " since), %d conflicts%n",
        result.path("scanned").asInt(),
        result.path("present").asInt(),
        result.path("restored").asInt(),
        result.path("erased").asInt(),
        result.path("conflicts").size());
    for (JsonNode c : result.path("conflicts")) {
      out.printf(
          "  conflict: tenant %s, reservation %d, %s %s to %s (command %s): the slot was sold again;"
              + " tell the business%n",
          c.path("tenantId").asText(),
          c.path("reservationId").asLong(),
          c.path("field").asText(),
          c.path("start").asText(),
          c.path("end").asText(),
          c.path("commandId").asText());
    }
    for (JsonNode f : result.path("failures")) {
      out.printf("  not reconciled: %s%n", f.asText());
    }
    return result.path("conflicts").isEmpty() && result.path("failures").isEmpty()
        ? 0
        : NEEDS_ATTENTION;
  }

  private static String detail(String body) {
    try {
      return Json.mapper().readTree(body).path("detail").asText(body);
    } catch (JacksonException e) {
      return body;
    }
  }
}
