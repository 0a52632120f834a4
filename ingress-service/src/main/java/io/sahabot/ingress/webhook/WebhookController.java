package io.sahabot.ingress.webhook;

import io.netty.buffer.ByteBufAllocator;
import io.netty.handler.codec.http.HttpHeaderNames;
import io.netty.handler.codec.http.HttpResponseStatus;
import io.netty.handler.codec.http.QueryStringDecoder;
import io.sahabot.ingress.webhook.domain.SignatureVerifier;
import io.sahabot.ingress.webhook.domain.WebhookRejected;
import io.sahabot.ingress.webhook.domain.WebhookRejected.Reason;
import io.sahabot.ingress.webhook.domain.WebhookSplitter;
import io.sahabot.ingress.webhook.domain.WebhookSplitter.Split;
import io.sahabot.schemas.Json;
import io.sahabot.schemas.topics.Topics;
import io.sahabot.schemas.whatsapp.RejectedInbound;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.time.Clock;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.reactivestreams.Publisher;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.core.io.buffer.DataBuffer;
import org.springframework.core.io.buffer.DataBufferLimitException;
import org.springframework.core.io.buffer.DataBufferUtils;
import org.springframework.core.io.buffer.NettyDataBufferFactory;
import reactor.core.publisher.Mono;
import reactor.netty.http.server.HttpServerRequest;
import reactor.netty.http.server.HttpServerResponse;
import reactor.netty.http.server.HttpServerRoutes;

/**
 * Meta's webhook: the subscription handshake ({@code GET}) and the signed notifications ({@code
 * POST}). A POST is answered 200 only once Kafka has acknowledged every change in it: each readable
 * change on {@code whatsapp.inbound.raw}, each unreadable or too large one on {@code
 * whatsapp.inbound.rejected} (so one bad change never makes Meta retry the good ones). 401 (bad
 * signature), 400 (a body that is not JSON, or not a WhatsApp webhook), 413 (too large), 408 (body
 * not received in full: the read timeout, see {@link ServerLimits}) publish nothing; 503 when Kafka
 * did not acknowledge in time, so that Meta retries. Refusals are {@code application/problem+json}.
 *
 * <p>Routed on reactor-netty itself ({@link #routes(HttpServerRoutes)}, ahead of WebFlux on the
 * same server and port): the webhook is the service's hot path, and WebFlux's exchange, filter
 * chain, handler mapping and response writers cost more CPU per POST than verifying, splitting and
 * publishing it. Everything else the service serves (actuator, the recorded calls) stays on
 * WebFlux.
 */
public class WebhookController {

  private static final Logger log = LoggerFactory.getLogger(WebhookController.class);
  static final String SIGNATURE_HEADER = "X-Hub-Signature-256";
  public static final String PATH = "/webhook";
  private static final String PROBLEM_JSON = "application/problem+json";
  private static final int BODY_PREFETCH = 32;
  private static final NettyDataBufferFactory BUFFERS =
      new NettyDataBufferFactory(ByteBufAllocator.DEFAULT);

  private final SignatureVerifier signatures;
  private final WebhookSplitter splitter;
  private final WebhookPublisher publisher;
  private final WebhookMetrics metrics;
  private final byte[] verifyToken;
  private final int maxBodyBytes;
  private final Clock clock;

  public WebhookController(
      SignatureVerifier signatures,
      WebhookSplitter splitter,
      WebhookPublisher publisher,
      WebhookMetrics metrics,
      String verifyToken,
      int maxBodyBytes,
      Clock clock) {
    this.signatures = signatures;
    this.splitter = splitter;
    this.publisher = publisher;
    this.metrics = metrics;
    this.verifyToken = verifyToken.getBytes(StandardCharsets.UTF_8);
    this.maxBodyBytes = maxBodyBytes;
    this.clock = clock;
  }

  /** {@code POST /webhook} and {@code GET /webhook} (query strings ignored in the match). */
  public HttpServerRoutes routes(HttpServerRoutes routes) {
    return routes.post(PATH, this::receive).get(PATH, this::verify);
  }

  Publisher<Void> verify(HttpServerRequest request, HttpServerResponse response) {
    Map<String, List<String>> query = new QueryStringDecoder(request.uri()).parameters();
    String mode = first(query, "hub.mode");
    String token = first(query, "hub.verify_token");
    String challenge = first(query, "hub.challenge");
    boolean tokenMatches =
        token != null && MessageDigest.isEqual(verifyToken, token.getBytes(StandardCharsets.UTF_8));
    if ("subscribe".equals(mode) && tokenMatches && challenge != null) {
      return response
          .status(HttpResponseStatus.OK)
          .header(HttpHeaderNames.CONTENT_TYPE, "text/plain;charset=UTF-8")
          .sendString(Mono.just(challenge), StandardCharsets.UTF_8);
    }
    log.warn("Webhook verification refused (mode {})", mode);
    return response.status(HttpResponseStatus.FORBIDDEN).send();
  }

  Publisher<Void> receive(HttpServerRequest request, HttpServerResponse response) {
    long started = System.nanoTime();
    metrics.received();
    String signature = request.requestHeaders().get(SIGNATURE_HEADER);
    if (declaredLength(request) > maxBodyBytes) {
      return reject(response, new WebhookRejected(Reason.TOO_LARGE, "body too large"), started);
    }
    // as WebFlux reads a body (ReactorServerHttpRequest), with the limit enforced as it streams in;
    // with a bounded demand, because reactor-netty (1.3.8) gives an unbounded reader an inbound
    // error (the read timeout, a client gone) a second time once the answer is written, which
    // Reactor logs at ERROR ("onErrorDropped")
    return DataBufferUtils.join(
            request.receive().retain().map(BUFFERS::wrap).limitRate(BODY_PREFETCH), maxBodyBytes)
        // the body stopped: the server's read timeout, or the client closed the connection
        .onErrorMap(
            e -> !(e instanceof DataBufferLimitException),
            e ->
                new WebhookRejected(
                    Reason.INCOMPLETE,
                    "body not received in full (" + e.getClass().getSimpleName() + ")"))
        .map(WebhookController::bytes)
        .defaultIfEmpty(new byte[0])
        .flatMap(body -> accept(response, body, signature, started))
        .onErrorResume(
            DataBufferLimitException.class,
            e -> reject(response, new WebhookRejected(Reason.TOO_LARGE, "body too large"), started))
        .onErrorResume(WebhookRejected.class, e -> reject(response, e, started))
        .onErrorResume(
            WebhookPublisher.BrokerUnavailable.class, e -> unavailable(response, e, started))
        .onErrorResume(e -> failed(response, e, started));
  }

  private Mono<Void> accept(
      HttpServerResponse response, byte[] body, String signature, long started) {
    if (!signatures.verify(body, signature)) {
      return Mono.error(new WebhookRejected(Reason.SIGNATURE, "signature does not match"));
    }
    Split split = splitter.split(body, clock.instant());
    if (!split.skipped().isEmpty()) {
      metrics.skipped(split.skipped().size());
      log.info(
          "Skipped {} change(s) without phone_number_id: {}",
          split.skipped().size(),
          split.skipped());
    }
    return publisher
        .publish(split)
        .flatMap(
            published -> {
              metrics.published(published.changes());
              for (RejectedInbound rejected : published.rejected()) {
                metrics.changeRejected(rejected.reason().name().toLowerCase(java.util.Locale.ROOT));
                log.warn(
                    "Change {} of number {} sent to {} ({}): {}",
                    rejected.causationId(),
                    rejected.phoneNumberId(),
                    Topics.WHATSAPP_INBOUND_REJECTED.name(),
                    rejected.reason(),
                    rejected.detail());
              }
              metrics.latency("accepted", System.nanoTime() - started);
              return Mono.from(response.status(HttpResponseStatus.OK).send());
            });
  }

  private Mono<Void> reject(HttpServerResponse response, WebhookRejected e, long started) {
    metrics.rejected(e.reason().tag());
    metrics.latency("rejected", System.nanoTime() - started);
    log.warn("Webhook rejected ({}): {}", e.reason().tag(), e.getMessage());
    HttpResponseStatus status =
        switch (e.reason()) {
          case SIGNATURE -> HttpResponseStatus.UNAUTHORIZED;
          case MALFORMED, NOT_WHATSAPP -> HttpResponseStatus.BAD_REQUEST;
          case TOO_LARGE -> HttpResponseStatus.REQUEST_ENTITY_TOO_LARGE;
          case INCOMPLETE -> HttpResponseStatus.REQUEST_TIMEOUT;
        };
    if (e.reason() == Reason.INCOMPLETE) {
      // the connection is closing or gone: an answer that cannot be written is no failure
      return problem(response, status, e.getMessage()).onErrorResume(ignored -> Mono.empty());
    }
    return problem(response, status, e.getMessage());
  }

  private Mono<Void> unavailable(HttpServerResponse response, RuntimeException e, long started) {
    metrics.rejected("unavailable");
    metrics.latency("unavailable", System.nanoTime() - started);
    log.error(
        "Webhook not acknowledged by Kafka, answering 503: {}",
        e.getCause() == null ? e.toString() : e.getCause().toString());
    response.header(HttpHeaderNames.RETRY_AFTER, "5");
    return problem(
        response, HttpResponseStatus.SERVICE_UNAVAILABLE, "the broker did not acknowledge; retry");
  }

  /** A bug, not a refusal: 500, nothing published. */
  private Mono<Void> failed(HttpServerResponse response, Throwable e, long started) {
    metrics.latency("failed", System.nanoTime() - started);
    log.error("Webhook failed, answering 500", e);
    return problem(response, HttpResponseStatus.INTERNAL_SERVER_ERROR, "internal error");
  }

  /** RFC 9457 problem details, as Spring's {@code ProblemDetail} writes them. */
  private static Mono<Void> problem(
      HttpServerResponse response, HttpResponseStatus status, String detail) {
    if (response.hasSentHeaders()) {
      return Mono.empty();
    }
    Map<String, Object> problem = new LinkedHashMap<>();
    problem.put("type", "about:blank");
    problem.put("title", status.reasonPhrase());
    problem.put("status", status.code());
    problem.put("detail", detail);
    problem.put("instance", PATH);
    return Mono.from(
        response
            .status(status)
            .header(HttpHeaderNames.CONTENT_TYPE, PROBLEM_JSON)
            .sendByteArray(Mono.just(Json.mapper().writeValueAsBytes(problem))));
  }

  /** The declared Content-Length; -1 when there is none (chunked), the maximum when unreadable. */
  private static long declaredLength(HttpServerRequest request) {
    String length = request.requestHeaders().get(HttpHeaderNames.CONTENT_LENGTH);
    if (length == null) {
      return -1;
    }
    try {
      return Long.parseLong(length.trim());
    } catch (NumberFormatException e) {
      return Long.MAX_VALUE;
    }
  }

  private static String first(Map<String, List<String>> query, String name) {
    List<String> values = query.get(name);
    return values == null || values.isEmpty() ? null : values.get(0);
  }

  private static byte[] bytes(DataBuffer buffer) {
    try {
      byte[] bytes = new byte[buffer.readableByteCount()];
      buffer.read(bytes);
      return bytes;
    } finally {
      DataBufferUtils.release(buffer);
    }
  }
}
