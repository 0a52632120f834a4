package io.sahabot.agent.explain;

import org.springframework.http.HttpStatus;
import org.springframework.http.ProblemDetail;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.ExceptionHandler;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RestController;
import reactor.core.publisher.Mono;
import reactor.core.scheduler.Schedulers;

/**
 * {@code POST /internal/explain} (internal token): {@code {"text","role","at","tenantId"}} → {@code
 * {"toolCalls":[{"name","arguments"}],"reply"}}. No write tool is executed.
 */
@RestController
class ExplainController {

  private final ExplainService explain;

  ExplainController(ExplainService explain) {
    this.explain = explain;
  }

  @PostMapping("/internal/explain")
  Mono<Explanation> explain(@RequestBody ExplainRequest request) {
    return Mono.fromCallable(() -> explain.explain(request))
        .subscribeOn(Schedulers.boundedElastic());
  }

  /**
   * {@code POST /internal/explain/dialogue}: {@code {"id","role","at","tenantId","turns":[{"text",
   * "expect"}]}} → each turn's tool calls, reply, language and score; a fresh conversation, dry
   * run.
   */
  @PostMapping("/internal/explain/dialogue")
  Mono<DialogueRun> dialogue(@RequestBody DialogueRequest request) {
    return Mono.fromCallable(() -> explain.converse(request))
        .subscribeOn(Schedulers.boundedElastic());
  }

  @ExceptionHandler(IllegalArgumentException.class)
  ResponseEntity<ProblemDetail> badRequest(IllegalArgumentException e) {
    return ResponseEntity.badRequest()
        .body(ProblemDetail.forStatusAndDetail(HttpStatus.BAD_REQUEST, e.getMessage()));
  }
}
