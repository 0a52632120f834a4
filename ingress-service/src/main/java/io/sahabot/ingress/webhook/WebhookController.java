package io.sahabot.ingress.webhook;

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
import org.springframework.http.ResponseEntity;
import org.springframework.http.server.reactive.ServerHttpRequest;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestHeader;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;
import reactor.core.publisher.Mono;

/**
 * Meta's webhook: the subscription handshake ({@code GET}) and the signed notifications ({@code
 * POST}). A POST is answered 200 only once Kafka has acknowledged every change in it; 401 (bad
 * signature), 400 (not a WhatsApp webhook), 413 (too large) publish nothing; 503 when Kafka did not
 * acknowledge in time, so that Meta retries.
 */
@RestController
public class WebhookController {

  private static final Logger log = LoggerFactory.getLogger(WebhookController.class);
  static final String SIGNATURE_HEADER = "X-Hub-Signature-256";

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

  @GetMapping("/webhook")
  public ResponseEntity<String> verify(
      @RequestParam(name = "hub.mode", required = false) String mode,
      @RequestParam(name = "hub.verify_token", required = false) String token,
      @RequestParam(name = "hub.challenge", required = false) String challenge) {
    boolean tokenMatches =
        token != null && MessageDigest.isEqual(verifyToken, token.getBytes(StandardCharsets.UTF_8));
    if ("subscribe".equals(mode) && tokenMatches && challenge != null) {
      return ResponseEntity.ok().contentType(MediaType.TEXT_PLAIN).body(challenge);
    }
    log.warn("Webhook verification refused (mode {})", mode);
    return ResponseEntity.status(HttpStatus.FORBIDDEN).build();
  }

  @PostMapping("/webhook")
  public Mono<ResponseEntity<Object>> receive(
      ServerHttpRequest request,
      @RequestHeader(name = SIGNATURE_HEADER, required = false) String signature) {
    long started = System.nanoTime();
    metrics.received();
    long declared = request.getHeaders().getContentLength();
    if (declared > maxBodyBytes) {
      return Mono.just(reject(new WebhookRejected(Reason.TOO_LARGE, "body too large"), started));
    }
    return DataBufferUtils.join(request.getBody(), maxBodyBytes)
        .map(WebhookController::bytes)
        .defaultIfEmpty(new byte[0])
        .flatMap(body -> accept(body, signature, started))
        .onErrorResume(
            DataBufferLimitException.class,
            e ->
                Mono.just(reject(new WebhookRejected(Reason.TOO_LARGE, "body too large"), started)))
        .onErrorResume(WebhookRejected.class, e -> Mono.just(reject(e, started)))
        .onErrorResume(
            WebhookPublisher.BrokerUnavailable.class, e -> Mono.just(unavailable(e, started)));
  }

  private Mono<ResponseEntity<Object>> accept(byte[] body, String signature, long started) {
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
        .map(
            published -> {
              metrics.published(published);
              metrics.latency("accepted", System.nanoTime() - started);
              return ResponseEntity.ok().build();
            });
  }

  private ResponseEntity<Object> reject(WebhookRejected e, long started) {
    metrics.rejected(e.reason().tag());
    metrics.latency("rejected", System.nanoTime() - started);
    log.warn("Webhook rejected ({}): {}", e.reason().tag(), e.getMessage());
    HttpStatus status =
        switch (e.reason()) {
          case SIGNATURE -> HttpStatus.UNAUTHORIZED;
          case MALFORMED, NOT_WHATSAPP -> HttpStatus.BAD_REQUEST;
          case TOO_LARGE -> HttpStatus.CONTENT_TOO_LARGE;
        };
    return ResponseEntity.status(status)
        .body(ProblemDetail.forStatusAndDetail(status, e.getMessage()));
  }

  private ResponseEntity<Object> unavailable(RuntimeException e, long started) {
    metrics.rejected("unavailable");
    metrics.latency("unavailable", System.nanoTime() - started);
    log.error(
        "Webhook not acknowledged by Kafka, answering 503: {}",
        e.getCause() == null ? e.toString() : e.getCause().toString());
    HttpStatus status = HttpStatus.SERVICE_UNAVAILABLE;
    return ResponseEntity.status(status)
        .header("Retry-After", "5")
        .body(ProblemDetail.forStatusAndDetail(status, "the broker did not acknowledge; retry"));
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
