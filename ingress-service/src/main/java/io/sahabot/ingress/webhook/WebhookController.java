package io.sahabot.ingress.webhook;

import static org.springframework.web.reactive.function.server.RequestPredicates.GET;
import static org.springframework.web.reactive.function.server.RequestPredicates.POST;

import io.sahabot.ingress.webhook.domain.SignatureVerifier;
import io.sahabot.ingress.webhook.domain.WebhookRejected;
import io.sahabot.ingress.webhook.domain.WebhookRejected.Reason;
import io.sahabot.ingress.webhook.domain.WebhookSplitter;
import io.sahabot.ingress.webhook.domain.WebhookSplitter.Split;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.time.Clock;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.core.io.buffer.DataBuffer;
import org.springframework.core.io.buffer.DataBufferLimitException;
import org.springframework.core.io.buffer.DataBufferUtils;
import org.springframework.http.HttpStatus;
import org.springframework.http.MediaType;
import org.springframework.http.ProblemDetail;
import org.springframework.http.server.reactive.ServerHttpRequest;
import org.springframework.web.reactive.function.server.RouterFunction;
import org.springframework.web.reactive.function.server.RouterFunctions;
import org.springframework.web.reactive.function.server.ServerRequest;
import org.springframework.web.reactive.function.server.ServerResponse;
import reactor.core.publisher.Mono;

/**
 * Meta's webhook: the subscription handshake ({@code GET}) and the signed notifications ({@code
 * POST}). A POST is answered 200 only once Kafka has acknowledged every change in it; 401 (bad
 * signature), 400 (not a WhatsApp webhook), 413 (too large) publish nothing; 503 when Kafka did not
 * acknowledge in time, so that Meta retries.
 *
 * <p>A functional endpoint ({@link #routes()}): the webhook is the service's hot path, and an
 * annotated controller costs a handler-method lookup, argument resolution and return-value handling
 * on every POST.
 */
public class WebhookController {

  private static final Logger log = LoggerFactory.getLogger(WebhookController.class);
  static final String SIGNATURE_HEADER = "X-Hub-Signature-256";
  public static final String PATH = "/webhook";

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

  /** {@code GET /webhook} and {@code POST /webhook}. */
  public RouterFunction<ServerResponse> routes() {
    return RouterFunctions.route(POST(PATH), this::receive).andRoute(GET(PATH), this::verify);
  }

  Mono<ServerResponse> verify(ServerRequest request) {
    String mode = request.queryParam("hub.mode").orElse(null);
    String token = request.queryParam("hub.verify_token").orElse(null);
    String challenge = request.queryParam("hub.challenge").orElse(null);
    boolean tokenMatches =
        token != null && MessageDigest.isEqual(verifyToken, token.getBytes(StandardCharsets.UTF_8));
    if ("subscribe".equals(mode) && tokenMatches && challenge != null) {
      return ServerResponse.ok().contentType(MediaType.TEXT_PLAIN).bodyValue(challenge);
    }
    log.warn("Webhook verification refused (mode {})", mode);
    return ServerResponse.status(HttpStatus.FORBIDDEN).build();
  }

  Mono<ServerResponse> receive(ServerRequest serverRequest) {
    long started = System.nanoTime();
    metrics.received();
    ServerHttpRequest request = serverRequest.exchange().getRequest();
    String signature = request.getHeaders().getFirst(SIGNATURE_HEADER);
    long declared = request.getHeaders().getContentLength();
    if (declared > maxBodyBytes) {
      return reject(new WebhookRejected(Reason.TOO_LARGE, "body too large"), started);
    }
    return DataBufferUtils.join(request.getBody(), maxBodyBytes)
        .map(WebhookController::bytes)
        .defaultIfEmpty(new byte[0])
        .flatMap(body -> accept(body, signature, started))
        .onErrorResume(
            DataBufferLimitException.class,
            e -> reject(new WebhookRejected(Reason.TOO_LARGE, "body too large"), started))
        .onErrorResume(WebhookRejected.class, e -> reject(e, started))
        .onErrorResume(WebhookPublisher.BrokerUnavailable.class, e -> unavailable(e, started));
  }

  private Mono<ServerResponse> accept(byte[] body, String signature, long started) {
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
        .publish(split.changes())
        .flatMap(
            published -> {
              metrics.published(published);
              metrics.latency("accepted", System.nanoTime() - started);
              return ServerResponse.ok().build();
            });
  }

  private Mono<ServerResponse> reject(WebhookRejected e, long started) {
    metrics.rejected(e.reason().tag());
    metrics.latency("rejected", System.nanoTime() - started);
    log.warn("Webhook rejected ({}): {}", e.reason().tag(), e.getMessage());
    HttpStatus status =
        switch (e.reason()) {
          case SIGNATURE -> HttpStatus.UNAUTHORIZED;
          case MALFORMED, NOT_WHATSAPP -> HttpStatus.BAD_REQUEST;
          case TOO_LARGE -> HttpStatus.CONTENT_TOO_LARGE;
        };
    return problem(ServerResponse.status(status), status, e.getMessage());
  }

  private Mono<ServerResponse> unavailable(RuntimeException e, long started) {
    metrics.rejected("unavailable");
    metrics.latency("unavailable", System.nanoTime() - started);
    log.error(
        "Webhook not acknowledged by Kafka, answering 503: {}",
        e.getCause() == null ? e.toString() : e.getCause().toString());
    HttpStatus status = HttpStatus.SERVICE_UNAVAILABLE;
    return problem(
        ServerResponse.status(status).header("Retry-After", "5"),
        status,
        "the broker did not acknowledge; retry");
  }

  private static Mono<ServerResponse> problem(
      ServerResponse.BodyBuilder response, HttpStatus status, String detail) {
    ProblemDetail problem = ProblemDetail.forStatusAndDetail(status, detail);
    problem.setInstance(java.net.URI.create(PATH));
    return response.contentType(MediaType.APPLICATION_PROBLEM_JSON).bodyValue(problem);
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
