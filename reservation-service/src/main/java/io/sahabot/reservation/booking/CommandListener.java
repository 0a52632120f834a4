package io.sahabot.reservation.booking;

import static io.sahabot.schemas.topics.Topics.RESERVATION_EVENTS;

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
 * <p>A command that cannot be read or is invalid goes to {@code reservation.commands.dlt}; any
 * other failure stops its tenant's sequence there and the poll is retried from the first failed
 * command (with a back-off), the commands before it committed.
 */
@Component
class CommandListener {

  private static final Logger log = LoggerFactory.getLogger(CommandListener.class);

  private final BookingService bookings;
  private final KafkaTemplate<String, Object> kafka;
  private final ReservationProperties properties;
  private final int parallelism;

  CommandListener(
      BookingService bookings,
      KafkaTemplate<String, Object> kafka,
      ReservationProperties properties) {
    this.bookings = bookings;
    this.kafka = kafka;
    this.properties = properties;
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

    Flux.fromIterable(byTenant.values())
        .flatMap(indexes -> decideInOrder(records, indexes, events, failures), parallelism)
        .then()
        .block(properties.commandTimeout().multipliedBy(Math.max(1, n / parallelism + 1)));

    publish(records, events);

    for (int i = 0; i < n; i++) {
      if (failures[i] != null) {
        throw new BatchListenerFailedException(
            "command at offset " + records.get(i).offset() + " failed", failures[i], i);
      }
    }
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

  /** Sends every decided outcome, in the poll's order, and waits until the broker has them all. */
  private void publish(
      List<ConsumerRecord<String, ReservationCommand>> records, ReservationEvent[] events) {
    List<CompletableFuture<?>> sends = new ArrayList<>();
    for (ReservationEvent event : events) {
      if (event != null) {
        sends.add(kafka.send(RESERVATION_EVENTS.name(), event.key(), event));
      }
    }
    Duration bound = properties.commandTimeout();
    try {
      CompletableFuture.allOf(sends.toArray(CompletableFuture[]::new))
          .get(bound.toMillis(), TimeUnit.MILLISECONDS);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new IllegalStateException("interrupted publishing outcomes", e);
    } catch (Exception e) {
      // Nothing of this poll is committed: every command is delivered again and re-publishes its
      // stored outcome.
      throw new IllegalStateException(
          "publishing " + sends.size() + " outcomes of " + records.size() + " commands failed", e);
    }
  }
}
