package io.sahabot.bench;

import io.sahabot.schemas.Json;
import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.time.Instant;
import java.util.Locale;
import tools.jackson.databind.JsonNode;

/**
 * What an operator does after restoring the database from an older backup: {@code POST
 * /internal/reconcile?since=…} on reservation-service with the operators' token ({@code ./sahabot
 * reconcile --since …}), since the backup was taken minus a margin. The chaos run's backup fault
 * calls it and says in its row what it restored.
 */
final class OperatorReconcile {

  /** The operators' token of a local run. */
  static final String LOCAL_TOKEN = "local-admin-token";

  private OperatorReconcile() {}

  /**
   * Runs the reconciliation since {@code since}, trying again while the service does not answer or
   * fails (it may still be reconnecting to the restored database) or lists tenants it could not
   * reconcile (whose rows tenant-service has not restored yet), up to {@code attempts} times; each
   * run is idempotent. Returns the note for the report.
   */
  static String run(
      String reservationUrl, String token, Instant since, int attempts, Duration pause)
      throws InterruptedException {
    HttpClient http = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();
    String last = "not tried";
    int restoredBefore = 0;
    int conflictsBefore = 0;
    for (int attempt = 1; attempt <= attempts; attempt++) {
      try {
        HttpResponse<String> response =
            http.send(
                HttpRequest.newBuilder(
                        URI.create(reservationUrl + "/internal/reconcile?since=" + since))
                    .timeout(Duration.ofMinutes(5))
                    .header("Authorization", "Bearer " + token)
                    .POST(HttpRequest.BodyPublishers.noBody())
                    .build(),
                HttpResponse.BodyHandlers.ofString());
        if (response.statusCode() == 200) {
          JsonNode result = Json.mapper().readTree(response.body());
          // a tenant not reconciled (its tenants row not restored yet by tenant-service): again
          if (result.path("failures").isEmpty() || attempt == attempts) {
            return note(result, restoredBefore, conflictsBefore);
          }
          last = note(result, restoredBefore, conflictsBefore);
          restoredBefore += result.path("restored").asInt();
          conflictsBefore += result.path("conflicts").size();
        } else {
          last = "HTTP " + response.statusCode();
        }
      } catch (IOException e) {
        last = e.toString();
      }
      if (attempt < attempts) {
        Thread.sleep(pause.toMillis());
      }
    }
    return "reconcile failed (" + last + ")";
  }

  /**
   * The row's note: what the reconciliation restored, with what earlier runs of the same step
   * restored and reported.
   */
  static String note(JsonNode result, int restoredBefore, int conflictsBefore) {
    int conflicts = conflictsBefore + result.path("conflicts").size();
    int failures = result.path("failures").size();
    return String.format(
        Locale.ROOT,
        "reconciled from reservation.events: %d of %d outcomes restored (%d already there), %d"
            + " conflicts (slot sold again)%s",
        restoredBefore + result.path("restored").asInt(),
        result.path("scanned").asInt(),
        result.path("present").asInt(),
        conflicts,
        failures == 0 ? "" : ", " + failures + " tenants not reconciled");
  }
}
