package io.sahabot.agent.explain;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.http.HttpHeaders;
import org.springframework.http.HttpStatus;
import org.springframework.http.ProblemDetail;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.ExceptionHandler;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestHeader;
import org.springframework.web.bind.annotation.RestController;
import org.springframework.web.server.ResponseStatusException;
import reactor.core.publisher.Mono;
import reactor.core.scheduler.Schedulers;

/**
 * {@code POST /internal/explain} (internal token): {@code {"text","role","at","tenantId"}} → {@code
 * {"toolCalls":[{"name","arguments"}],"reply"}}. No write tool is executed.
 */
@RestController
class ExplainController {

  private final ExplainService explain;
  private final byte[] token;

  ExplainController(
      ExplainService explain,
      @Value("${sahabot.security.internal-token:local-internal-token}") String token) {
    this.explain = explain;
    this.token = token.getBytes(StandardCharsets.UTF_8);
  }

  @PostMapping("/internal/explain")
  Mono<Explanation> explain(
      @RequestHeader(value = HttpHeaders.AUTHORIZATION, required = false) String authorization,
      @RequestBody ExplainRequest request) {
    if (authorization == null
        || !MessageDigest.isEqual(
            authorization.replaceFirst("^Bearer ", "").getBytes(StandardCharsets.UTF_8), token)) {
      return Mono.error(
          new ResponseStatusException(HttpStatus.UNAUTHORIZED, "internal token required"));
    }
    return Mono.fromCallable(() -> explain.explain(request))
        .subscribeOn(Schedulers.boundedElastic());
  }

  @ExceptionHandler(IllegalArgumentException.class)
  ResponseEntity<ProblemDetail> badRequest(IllegalArgumentException e) {
    return ResponseEntity.badRequest()
        .body(ProblemDetail.forStatusAndDetail(HttpStatus.BAD_REQUEST, e.getMessage()));
  }
}
