package io.sahabot.reservation.booking;

import static io.sahabot.schemas.topics.Topics.RESERVATION_EVENTS;

import io.sahabot.platform.kafka.TransientFailures;
import io.sahabot.reservation.config.ReservationProperties;
import io.sahabot.schemas.reservation.ReservationCommand;
import io.sahabot.schemas.reservation.ReservationEvent;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.kafka.annotation.KafkaListener;
import org.springframework.kafka.core.KafkaTemplate;
import org.springframework.kafka.listener.BatchListenerFailedException;
import org.springframework.stereotype.Component;
import reactor.core.publisher.Flux;
import reactor.core.publisher.Mono;

/**
 * Consumes {@code reservation.commands} a poll at a time: decides each command (its outcome
 * committed with the change), then publishes the outcomes to {@code reservation.events} and waits
 * for the broker's acknowledgement of all of them before the poll's offsets are committed. If the
 * send fails or the process dies in between, the commands are delivered again, find their stored
 * outcomes, and publish those same events.
 *
 * <p>The commands of one tenant (one Kafka key) are decided one after the other, in order; those of
 * different tenants concurrently, up to {@code sahabot.reservation.batch-parallelism}, so that one
 * consumer thread keeps several database transactions in flight instead of one. The exclusion
 * constraint, not this ordering, is what keeps overlapping bookings out.
 *
 * <p>A command that cannot be read or is invalid goes to {@code reservation.commands.dlt} at once.
 * Any other failure stops its tenant's sequence there, and the poll is retried from the first
 * failed command, the commands before it committed (their outcomes published) and those after it
 * not published yet (already decided, they find their stored outcomes when delivered again, so each
 * outcome is published once). A transient failure ({@link TransientFailures}: the database or the
 * broker away) is retried for as long as it lasts, the consumer paused between attempts (100 ms
 * doubling to 5 s, {@code sahabot.reservation.transient-retry-*}) and {@link CommandHealth} DOWN
 * meanwhile; any other failure gets the bounded back-off of {@code sahabot.kafka.retry.*}, then the
 * dead-letter topic ({@code config/KafkaConfig}).
 *
 * <p>Before a poll is decided, {@link RestoreGuard} checks that the database has seen every command
 * before it handled (a database restored from an older backup has not): if not, the poll waits, as
 * for a transient failure, until the outcomes the database lost are reconciled from {@code
 * reservation.events}. Once its outcomes are published, the poll's offsets are written to the
 * database (its watermarks), before Kafka's.
 */
@Component
class CommandListener {

  private static final Logger log = LoggerFactory.getLogger(CommandListener.class);

  private final BookingService bookings;
  private final KafkaTemplate<String, Object> kafka;
  private final ReservationProperties properties;
  private final CommandHealth health;
  private final RestoreGuard restores;
  private final int parallelism;

  CommandListener(
      BookingService bookings,
      KafkaTemplate<String, Object> kafka,
      ReservationProperties properties,
      CommandHealth health,
      RestoreGuard restores) {
    this.bookings = bookings;
    this.kafka = kafka;
    this.properties = properties;
    this.health = health;
    this.restores = restores;
    this.parallelism = properties.batchParallelism();
  }

  // the group is the listener's id, as it has always been (spring-kafka's idIsGroup): said here
  @KafkaListener(
      id = "reservation-commands",
      groupId = "reservation-commands",
      topics = "reservation.commands",
      containerFactory = "commandListenerFactory",
      concurrency = "${sahabot.reservation.listener-concurrency:4}",
      batch = "true")
  void on(List<ConsumerRecord<String, ReservationCommand>> records) {
    try {
      restores.check(records);
    } catch (RuntimeException e) {
      RuntimeException waiting = waiting("checking", records, e);
      health.failing(waiting);
      throw new BatchListenerFailedException(
          "the " + records.size() + " commands of the poll wait", waiting, 0);
    }
    int n = records.size();
    ReservationEvent[] events = new ReservationEvent[n];
    Throwable[] failures = new Throwable[n];
    Map<String, List<Integer>> byTenant = new LinkedHashMap<>();
    for (int i = 0; i < n; i++) {
      ConsumerRecord<String, ReservationCommand> record = records.get(i);
      if (record.value() == null) {
        failures[i] =
            new IllegalArgumentException("unreadable command at offset " + record.offset());
      } else {
        byTenant.computeIfAbsent(String.valueOf(record.key()), k -> new ArrayList<>()).add(i);
      }
    }

    Duration bound = properties.commandTimeout().multipliedBy(Math.max(1, n / parallelism + 1));
    try {
      Flux.fromIterable(byTenant.values())
          .flatMap(indexes -> decideInOrder(records, indexes, events, failures), parallelism)
          .then()
          .block(bound);
    } catch (RuntimeException e) {
      // the poll as a whole took too long: what is not decided yet is tried again
      TimeoutException timeout = new TimeoutException("deciding the poll took over " + bound);
      timeout.initCause(e);
      for (int i = 0; i < n; i++) {
        if (events[i] == null && failures[i] == null) {
          failures[i] = timeout;
        }
      }
    }

    int firstFailure = 0;
    while (firstFailure < n && failures[firstFailure] == null) {
      firstFailure++;
    }
    // Only the outcomes before the first failure: the records from it on are delivered again, and
    // those already decided publish their stored outcomes then (once, not twice).
    try {
      publish(records, events, firstFailure);
    } catch (RuntimeException e) {
      if (TransientFailures.isTransient(e)) {
        health.failing(e);
      }
      // nothing of this poll is committed: every command is delivered again and finds its outcome
      throw new BatchListenerFailedException(
          "publishing the outcomes of " + n + " commands failed", e, 0);
    }
    try {
      restores.handled(records, firstFailure);
    } catch (RuntimeException e) {
      // as above: delivered again, each command finds its outcome; never a dead letter for this
      RuntimeException waiting = waiting("writing", records, e);
      health.failing(waiting);
      throw new BatchListenerFailedException(
          "the watermarks of " + n + " commands were not written", waiting, 0);
    }

    Throwable transientFailure = null;
    for (int i = 0; i < n && transientFailure == null; i++) {
      if (failures[i] != null && TransientFailures.isTransient(failures[i])) {
        transientFailure = failures[i];
      }
    }
    if (transientFailure != null) {
      health.failing(transientFailure);
    } else {
      health.recovered();
    }

    if (firstFailure < n) {
      Throwable failure = failures[firstFailure];
      if (TransientFailures.isTransient(failure)) {
        log.warn(
            "Command at {}-{}@{} failed ({}); retrying until it works",
            records.get(firstFailure).topic(),
            records.get(firstFailure).partition(),
            records.get(firstFailure).offset(),
            failure.toString());
      }
      throw new BatchListenerFailedException(
          "command at offset " + records.get(firstFailure).offset() + " failed",
          failure,
          firstFailure);
    }
  }

  /**
   * A failure to read or write the watermarks, as one that holds the poll until it passes (retried
   * as a transient failure, never dead-lettered: the commands themselves are fine).
   */
  private static RuntimeException waiting(
      String doing, List<ConsumerRecord<String, ReservationCommand>> records, RuntimeException e) {
    if (TransientFailures.isTransient(e)) {
      return e;
    }
    log.warn(
        "The watermarks of {} commands: {} them failed ({}); the commands wait",
        records.size(),
        doing,
        e.toString());
    RuntimeException waiting =
        new RestoreGuard.DatabaseBehind(doing + " the database's watermarks failed: " + e);
    waiting.initCause(e);
    return waiting;
  }

  /** One tenant's commands of the poll, in order, up to the first that fails. */
  private Mono<Void> decideInOrder(
      List<ConsumerRecord<String, ReservationCommand>> records,
      List<Integer> indexes,
      ReservationEvent[] events,
      Throwable[] failures) {
    return Flux.fromIterable(indexes)
        .concatMap(
            i ->
                bookings
                    .handle(records.get(i).value())
                    .doOnNext(
                        outcome -> {
                          events[i] = outcome.event();
                          log.debug(
                              "{} {} -> {}{}",
                              records.get(i).value().getClass().getSimpleName(),
                              records.get(i).value().commandId(),
                              outcome.event().getClass().getSimpleName(),
                              outcome.replayed() ? " (stored outcome published again)" : "");
                        })
                    .timeout(properties.commandTimeout())
                    .then(Mono.just(true))
                    .onErrorResume(
                        e -> {
                          failures[i] = e;
                          return Mono.just(false);
                        }))
        .takeUntil(ok -> !ok)
        .then();
  }

  /** Outcomes the broker did not take; its cause says why (transient when the broker is away). */
  static final class KafkaSendFailed extends RuntimeException {
    KafkaSendFailed(String message, Throwable cause) {
      super(message, cause);
    }
  }

  /**
   * Sends the decided outcomes of the records before {@code upTo}, in the poll's order, and waits
   * until the broker has them all.
   */
  private void publish(
      List<ConsumerRecord<String, ReservationCommand>> records,
      ReservationEvent[] events,
      int upTo) {
    List<CompletableFuture<?>> sends = new ArrayList<>();
    for (int i = 0; i < upTo; i++) {
      ReservationEvent event = events[i];
      if (event != null) {
        sends.add(kafka.send(RESERVATION_EVENTS.name(), event.key(), event));
      }
    }
    if (sends.isEmpty()) {
      return;
    }
    Duration bound = properties.commandTimeout();
    try {
      CompletableFuture.allOf(sends.toArray(CompletableFuture[]::new))
          .get(bound.toMillis(), TimeUnit.MILLISECONDS);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new IllegalStateException("interrupted publishing outcomes", e);
    } catch (TimeoutException e) {
      throw new KafkaSendFailed(
          "the broker did not acknowledge "
              + sends.size()
              + " outcomes within "
              + bound
              + " ("
              + records.size()
              + " commands)",
          e);
    } catch (Exception e) {
      throw new KafkaSendFailed(
          "publishing " + sends.size() + " outcomes of " + records.size() + " commands failed", e);
    }
  }
}
