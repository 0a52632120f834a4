package io.sahabot.testsupport;

import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/** Reads a running service's actuator endpoints as an operator would, over HTTP. */
public final class ActuatorProbe {

  private static final HttpClient http =
      HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();
  private static final JsonMapper json = JsonMapper.builder().build();

  private final int port;

  public ActuatorProbe(int port) {
    this.port = port;
  }

  /** The body of {@code /actuator/health}, whatever its HTTP status (503 when DOWN). */
  public JsonNode health() {
    return json.readTree(get("/actuator/health").body());
  }

  /** The status of one health component, e.g. {@code kafka} or {@code r2dbc}. */
  public String componentStatus(String component) {
    return health().path("components").path(component).path("status").asText("MISSING");
  }

  public HttpResponse<String> get(String path) {
    HttpRequest request =
        HttpRequest.newBuilder(URI.create("http://localhost:" + port + path))
            .timeout(Duration.ofSeconds(10))
            .GET()
            .build();
    try {
      return http.send(request, HttpResponse.BodyHandlers.ofString());
    } catch (IOException e) {
      throw new IllegalStateException("GET " + path + " failed", e);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new IllegalStateException("interrupted", e);
    }
  }
}
