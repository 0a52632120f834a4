package io.sahabot.local;

import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.InetSocketAddress;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.concurrent.Executors;

/**
 * The console: a page to chat with the bot as a customer or an owner and to look after tenants,
 * served on localhost with the services behind {@code /ingress}, {@code /tenant}, {@code /agent}
 * and {@code /reservation} (so the page needs no CORS). Local use only: it binds to loopback.
 */
final class ConsoleServer implements AutoCloseable {

  private static final List<String> FORWARDED =
      List.of("Content-Type", "Authorization", "X-Hub-Signature-256", "Accept");

  private final HttpServer server;
  private final Map<String, Integer> routes;
  private final HttpClient http =
      HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(3)).build();

  private ConsoleServer(HttpServer server, Services.Ports services) {
    this.server = server;
    this.routes =
        Map.of(
            "/ingress/", services.ingress(),
            "/tenant/", services.tenant(),
            "/agent/", services.agent(),
            "/reservation/", services.reservation());
  }

  /** Serves the console on the port (0: any free one) for the services on the given ports. */
  static ConsoleServer start(int port, Services.Ports services) throws IOException {
    HttpServer server = HttpServer.create(new InetSocketAddress("127.0.0.1", port), 64);
    ConsoleServer console = new ConsoleServer(server, services);
    server.createContext("/", console::handle);
    server.setExecutor(Executors.newFixedThreadPool(8));
    server.start();
    return console;
  }

  int port() {
    return server.getAddress().getPort();
  }

  private void handle(HttpExchange exchange) throws IOException {
    try (exchange) {
      String path = exchange.getRequestURI().getRawPath();
      for (var route : routes.entrySet()) {
        if (path.startsWith(route.getKey())) {
          proxy(exchange, route.getValue(), path.substring(route.getKey().length() - 1));
          return;
        }
      }
      String resource = path.equals("/") ? "/console/index.html" : "/console" + path;
      try (InputStream in = ConsoleServer.class.getResourceAsStream(resource)) {
        if (in == null || resource.contains("..")) {
          exchange.sendResponseHeaders(404, -1);
          return;
        }
        byte[] body = in.readAllBytes();
        exchange.getResponseHeaders().add("Content-Type", contentType(resource));
        exchange.sendResponseHeaders(200, body.length);
        exchange.getResponseBody().write(body);
      }
    }
  }

  private void proxy(HttpExchange exchange, int port, String path) throws IOException {
    String query = exchange.getRequestURI().getRawQuery();
    URI target = URI.create("http://localhost:" + port + path + (query == null ? "" : "?" + query));
    byte[] body = exchange.getRequestBody().readAllBytes();
    HttpRequest.Builder request =
        HttpRequest.newBuilder(target)
            .timeout(Duration.ofSeconds(30))
            .method(
                exchange.getRequestMethod(),
                body.length == 0
                    ? HttpRequest.BodyPublishers.noBody()
                    : HttpRequest.BodyPublishers.ofByteArray(body));
    for (String header : FORWARDED) {
      String value = exchange.getRequestHeaders().getFirst(header);
      if (value != null) {
        request.header(header, value);
      }
    }
    try {
      HttpResponse<byte[]> response =
          http.send(request.build(), HttpResponse.BodyHandlers.ofByteArray());
      response
          .headers()
          .firstValue("Content-Type")
          .ifPresent(v -> exchange.getResponseHeaders().add("Content-Type", v));
      byte[] answer = response.body();
      exchange.sendResponseHeaders(response.statusCode(), answer.length == 0 ? -1 : answer.length);
      if (answer.length > 0) {
        try (OutputStream out = exchange.getResponseBody()) {
          out.write(answer);
        }
      }
    } catch (IOException e) {
      byte[] error = ("{\"detail\":\"" + target.getAuthority() + " does not answer\"}").getBytes();
      exchange.sendResponseHeaders(502, error.length);
      exchange.getResponseBody().write(error);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      exchange.sendResponseHeaders(503, -1);
    }
  }

  private static String contentType(String resource) {
    if (resource.endsWith(".html")) {
      return "text/html; charset=utf-8";
    }
    if (resource.endsWith(".js")) {
      return "text/javascript; charset=utf-8";
    }
    if (resource.endsWith(".css")) {
      return "text/css; charset=utf-8";
    }
    return "application/octet-stream";
  }

  @Override
  public void close() {
    server.stop(0);
  }
}
