package io.sahabot.bench;

import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.atomic.AtomicLong;
import java.util.function.Consumer;
import reactor.core.publisher.Mono;
import reactor.netty.DisposableServer;
import reactor.netty.http.server.HttpServer;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/**
 * The WhatsApp Cloud (Graph) API on loopback, for ingress's real sender (recording mode off):
 * answers {@code POST /{version}/{phone_number_id}/messages} and {@code /media} as Meta does, and
 * tells its listeners of every message call as it arrives.
 */
final class GraphApiStub implements AutoCloseable {

  /**
   * A message the sender sent.
   *
   * @param phoneNumberId the business number it was sent from
   * @param to the recipient
   * @param quoted the {@code context.message_id} (the customer message it answers), or null
   * @param atNanos when it arrived ({@link System#nanoTime()})
   */
  record Call(String phoneNumberId, String to, String quoted, long atNanos) {}

  private static final JsonMapper JSON = JsonMapper.builder().build();

  private final List<Consumer<Call>> listeners = new CopyOnWriteArrayList<>();
  private final AtomicLong messages = new AtomicLong();
  private final DisposableServer server;

  GraphApiStub() {
    server =
        HttpServer.create()
            .host("127.0.0.1")
            .port(0)
            .route(
                routes ->
                    routes
                        .post(
                            "/{version}/{id}/messages",
                            (request, response) ->
                                request
                                    .receive()
                                    .aggregate()
                                    .asByteArray()
                                    .defaultIfEmpty(new byte[0])
                                    .flatMap(
                                        body ->
                                            response
                                                .header("Content-Type", "application/json")
                                                .sendByteArray(
                                                    Mono.just(message(request.param("id"), body)))
                                                .then()))
                        .post(
                            "/{version}/{id}/media",
                            (request, response) ->
                                request
                                    .receive()
                                    .then(
                                        response
                                            .header("Content-Type", "application/json")
                                            .sendString(
                                                Mono.just(
                                                    "{\"id\":\""
                                                        + messages.incrementAndGet()
                                                        + "\"}"))
                                            .then())))
            .bindNow();
  }

  private byte[] message(String phoneNumberId, byte[] body) {
    JsonNode json = JSON.readTree(body);
    if ("read".equals(json.path("status").asString(""))) {
      // a read receipt (with "typing…"): not a message
      return "{\"success\":true}".getBytes(StandardCharsets.UTF_8);
    }
    long n = messages.incrementAndGet();
    String to = json.path("to").asString("");
    JsonNode quoted = json.path("context").path("message_id");
    Call call =
        new Call(
            phoneNumberId,
            to,
            quoted.isMissingNode() ? null : quoted.asString(),
            System.nanoTime());
    listeners.forEach(l -> l.accept(call));
    return ("{\"messaging_product\":\"whatsapp\",\"contacts\":[{\"input\":\""
            + to
            + "\",\"wa_id\":\""
            + to
            + "\"}],\"messages\":[{\"id\":\"wamid.STUB."
            + n
            + "\"}]}")
        .getBytes(StandardCharsets.UTF_8);
  }

  /** Calls arriving from now on are given to the listener; close the handle to stop. */
  AutoCloseable listen(Consumer<Call> listener) {
    listeners.add(listener);
    return () -> listeners.remove(listener);
  }

  long messages() {
    return messages.get();
  }

  String baseUrl() {
    return "http://127.0.0.1:" + server.port();
  }

  @Override
  public void close() {
    server.disposeNow();
  }
}
