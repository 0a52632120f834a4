package io.sahabot.bench;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicLong;
import reactor.core.publisher.Mono;
import reactor.netty.DisposableServer;
import reactor.netty.http.server.HttpServer;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;
import tools.jackson.databind.node.ObjectNode;

/**
 * The WhatsApp Cloud (Graph) API for the chaos run: answers message and media calls as Meta does,
 * and appends every message call to a journal file before answering it, so that what was sent is
 * known whatever happens to the services (the stub lives in the chaos run's process, which no fault
 * touches). It can be told to answer slowly, or with server errors, for a while.
 */
final class ChaosGraphStub implements AutoCloseable {

  /**
   * A message the sender sent.
   *
   * @param to the recipient ({@code to} or {@code recipient})
   * @param quoted the customer message it answers ({@code context.message_id}), or null
   * @param text the text a customer reads: a text's body, an interactive message's body, a
   *     template's name and parameters
   * @param callbackData the {@code biz_opaque_callback_data} (the outbound message's id), or null
   * @param atMillis when it arrived
   */
  record Call(
      String phoneNumberId,
      String to,
      String quoted,
      String type,
      String text,
      String callbackData,
      long atMillis) {}

  private static final JsonMapper JSON = JsonMapper.builder().build();

  private final List<Call> calls = new ArrayList<>();
  private final AtomicLong ids = new AtomicLong();
  private final Path journal;
  private volatile Duration delay = Duration.ZERO;
  private volatile java.util.function.Consumer<Call> listener = call -> {};
  private final AtomicInteger failuresLeft = new AtomicInteger();
  private final AtomicLong refused = new AtomicLong();
  private final DisposableServer server;

  ChaosGraphStub(Path journal) throws IOException {
    this.journal = journal;
    Files.createDirectories(journal.getParent());
    Files.deleteIfExists(journal);
    Files.createFile(journal);
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
                                    .delayElement(delay)
                                    .flatMap(
                                        body -> {
                                          if (failuresLeft.getAndUpdate(n -> Math.max(0, n - 1))
                                              > 0) {
                                            refused.incrementAndGet();
                                            return response
                                                .status(500)
                                                .header("Content-Type", "application/json")
                                                .sendString(
                                                    Mono.just(
                                                        "{\"error\":{\"message\":\"An unexpected"
                                                            + " error has occurred.\",\"type\":"
                                                            + "\"OAuthException\",\"code\":2,"
                                                            + "\"is_transient\":true}}"))
                                                .then();
                                          }
                                          return response
                                              .header("Content-Type", "application/json")
                                              .sendByteArray(
                                                  Mono.just(message(request.param("id"), body)))
                                              .then();
                                        }))
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
                                                    "{\"id\":\"" + ids.incrementAndGet() + "\"}"))
                                            .then())))
            .bindNow();
  }

  private byte[] message(String phoneNumberId, byte[] body) {
    JsonNode json = JSON.readTree(body);
    if ("read".equals(json.path("status").asString(""))) {
      return "{\"success\":true}".getBytes(StandardCharsets.UTF_8);
    }
    String to = json.path("to").asString(null);
    if (to == null) {
      to = json.path("recipient").asString("");
    }
    String type = json.path("type").asString("");
    Call call =
        new Call(
            phoneNumberId,
            to,
            text(json.path("context").path("message_id")),
            type,
            readable(json, type),
            text(json.path("biz_opaque_callback_data")),
            System.currentTimeMillis());
    record(call);
    return ("{\"messaging_product\":\"whatsapp\",\"contacts\":[{\"input\":\""
            + to
            + "\",\"wa_id\":\""
            + to
            + "\"}],\"messages\":[{\"id\":\"wamid.CHAOS."
            + ids.incrementAndGet()
            + "\"}]}")
        .getBytes(StandardCharsets.UTF_8);
  }

  private static String text(JsonNode node) {
    return node.isMissingNode() || node.isNull() ? null : node.asString();
  }

  private static String readable(JsonNode json, String type) {
    return switch (type) {
      case "text" -> json.path("text").path("body").asString("");
      case "interactive" -> json.path("interactive").path("body").path("text").asString("");
      case "image" -> json.path("image").path("caption").asString("[image]");
      case "template" -> template(json.path("template"));
      default -> "[" + type + "]";
    };
  }

  /**
   * A template as its name and its body's parameters ("[template reservation_update: Saha 1 | Cuma
   * 11.12 14:00 | …]"): two notices of one template to one customer are told apart by what they
   * say, not taken for one sent twice.
   */
  private static String template(JsonNode template) {
    StringBuilder out = new StringBuilder("[template ").append(template.path("name").asString(""));
    String sep = ": ";
    for (JsonNode component : template.path("components")) {
      if (!"body".equals(component.path("type").asString(""))) {
        continue;
      }
      for (JsonNode parameter : component.path("parameters")) {
        out.append(sep).append(parameter.path("text").asString(""));
        sep = " | ";
      }
    }
    return out.append(']').toString();
  }

  private synchronized void record(Call call) {
    ObjectNode line = JSON.valueToTree(call);
    try {
      Files.write(
          journal,
          (JSON.writeValueAsString(line) + "\n").getBytes(StandardCharsets.UTF_8),
          StandardOpenOption.APPEND);
    } catch (IOException e) {
      throw new IllegalStateException("the journal " + journal + " cannot be written", e);
    }
    calls.add(call);
    listener.accept(call);
  }

  /** Is told of every message call from now on. */
  void listen(java.util.function.Consumer<Call> listener) {
    this.listener = listener;
  }

  /** Every message call so far, in the order they arrived. */
  synchronized List<Call> calls() {
    return List.copyOf(calls);
  }

  /** Answers every call after {@code delay} from now on ({@link Duration#ZERO} for at once). */
  void delay(Duration delay) {
    this.delay = delay;
  }

  /** Answers the next {@code n} message calls with a transient server error (HTTP 500, code 2). */
  void failNext(int n) {
    failuresLeft.set(n);
  }

  long refused() {
    return refused.get();
  }

  String baseUrl() {
    return "http://127.0.0.1:" + server.port();
  }

  @Override
  public void close() {
    server.disposeNow();
  }
}
