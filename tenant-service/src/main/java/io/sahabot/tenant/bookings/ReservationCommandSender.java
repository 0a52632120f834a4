package io.sahabot.tenant.bookings;

import io.sahabot.schemas.reservation.ReservationCommand;
import io.sahabot.schemas.reservation.ReservationEvent;
import io.sahabot.schemas.topics.Topics;
import io.sahabot.tenant.config.TenantProperties;
import io.sahabot.tenant.problems.Problems;
import io.sahabot.tenant.stats.UpstreamClient;
import java.time.Duration;
import java.util.Optional;
import java.util.UUID;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.http.HttpStatus;
import org.springframework.kafka.core.KafkaTemplate;
import org.springframework.stereotype.Component;
import reactor.core.publisher.Mono;
import reactor.core.scheduler.Schedulers;

/**
 * Sends the tenant API's commands to {@code reservation.commands} (key: the tenant; the wire JSON
 * of every SahaBot producer, as agent-service sends its commands) and waits, bounded by {@code
 * sahabot.tenant.command-wait}, for the outcome reservation-service stores for it, asking its
 * {@code /internal/tenants/{id}/commands/{commandId}} every {@link #POLL}. The producer is the
 * service's idempotent one (not transactional: one record, nothing else written with it).
 *
 * <p>A command whose outcome is already stored (an {@code Idempotency-Key} sent again) is not sent
 * again: its outcome is the answer. A command sent twice anyway (two requests at once with one key)
 * is decided once: reservation-service stores one outcome per {@code (tenant, commandId)} and
 * answers a repeat with it.
 */
@Component
public class ReservationCommandSender {

  /** How often the outcome is asked for while waiting. */
  static final Duration POLL = Duration.ofMillis(100);

  private static final Logger log = LoggerFactory.getLogger(ReservationCommandSender.class);

  private final KafkaTemplate<String, Object> kafka;
  private final UpstreamClient upstream;
  private final TenantProperties properties;

  public ReservationCommandSender(
      KafkaTemplate<String, Object> kafka, UpstreamClient upstream, TenantProperties properties) {
    this.kafka = kafka;
    this.upstream = upstream;
    this.properties = properties;
  }

  /**
   * The command's outcome, or empty when it was sent but is not decided within the wait (it will
   * be: it is in Kafka).
   */
  public Mono<Optional<ReservationEvent>> send(ReservationCommand command) {
    UUID tenant = command.tenantId();
    String id = command.commandId();
    return upstream
        .commandOutcome(tenant, id)
        // reservation-service unreachable: the command is sent anyway and decided when it is back
        .onErrorResume(e -> Mono.empty())
        .map(Optional::of)
        .switchIfEmpty(Mono.defer(() -> publish(command).then(await(tenant, id))));
  }

  /** The outcome stored for the tenant's command, if any. */
  public Mono<Optional<ReservationEvent>> outcome(UUID tenant, String commandId) {
    return upstream
        .commandOutcome(tenant, commandId)
        .map(Optional::of)
        .defaultIfEmpty(Optional.empty());
  }

  private Mono<Void> publish(ReservationCommand command) {
    return Mono.fromFuture(
            () -> kafka.send(Topics.RESERVATION_COMMANDS.name(), command.key(), command))
        .subscribeOn(Schedulers.boundedElastic())
        .timeout(properties.upstreamTimeout())
        .doOnNext(
            sent ->
                log.info(
                    "Sent {} {} by {}",
                    command.getClass().getSimpleName(),
                    command.commandId(),
                    command.requestedBy().role()))
        .onErrorMap(
            e ->
                Problems.of(
                    HttpStatus.SERVICE_UNAVAILABLE,
                    "Service unavailable",
                    "the command could not be sent, try again later",
                    e))
        .then();
  }

  private Mono<Optional<ReservationEvent>> await(UUID tenant, String commandId) {
    return Mono.defer(() -> upstream.commandOutcome(tenant, commandId))
        .repeatWhenEmpty(repeats -> repeats.delayElements(POLL))
        .map(Optional::of)
        .timeout(properties.commandWait(), Mono.just(Optional.empty()))
        // the command is sent: a reservation-service that cannot be asked now is a 202, not an
        // error
        .onErrorResume(
            e -> {
              log.warn("Outcome of command {} not read: {}", commandId, e.toString());
              return Mono.just(Optional.empty());
            });
  }
}
