package io.sahabot.reservation.booking;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.format.DateTimeParseException;
import org.springframework.boot.convert.DurationStyle;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;
import reactor.core.publisher.Mono;
import reactor.core.scheduler.Schedulers;

/**
 * {@code POST /internal/reconcile?since=2h}: the operators' repair after the database was restored
 * from an older backup ({@link OutcomeReconciler}); {@code since} is a duration back from now
 * ({@code 90m}, {@code 2h}, {@code PT2H}) or an ISO-8601 instant. Operators only ({@code
 * config/SecurityConfig}).
 */
@RestController
class ReconcileController {

  private final OutcomeReconciler reconciler;
  private final Clock clock;

  ReconcileController(OutcomeReconciler reconciler, Clock clock) {
    this.reconciler = reconciler;
    this.clock = clock;
  }

  @PostMapping("/internal/reconcile")
  Mono<OutcomeReconciler.Result> reconcile(@RequestParam(defaultValue = "1h") String since) {
    Instant from = since(since, clock.instant());
    return Mono.fromCallable(() -> reconciler.reconcile(from))
        .subscribeOn(Schedulers.boundedElastic());
  }

  /** {@code since} as an instant: a duration back from {@code now}, or an instant. */
  static Instant since(String since, Instant now) {
    try {
      return Instant.parse(since);
    } catch (DateTimeParseException notAnInstant) {
      Duration back;
      try {
        back = DurationStyle.detectAndParse(since);
      } catch (IllegalArgumentException e) {
        throw new IllegalArgumentException(
            "since must be a duration (90m, 2h) or an ISO-8601 instant, not '" + since + "'");
      }
      if (back.isNegative() || back.isZero()) {
        throw new IllegalArgumentException(
            "since must be a positive duration, not '" + since + "'");
      }
      return now.minus(back);
    }
  }
}
