package io.sahabot.agent.tools;

import io.sahabot.agent.config.AgentProperties;
import io.sahabot.schemas.reservation.Actor;
import io.sahabot.schemas.reservation.ReservationCommand;
import io.sahabot.schemas.reservation.ReservationEvent;
import io.sahabot.schemas.topics.Topics;
import java.util.EnumSet;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.kafka.annotation.KafkaListener;
import org.springframework.kafka.core.KafkaTemplate;
import org.springframework.stereotype.Component;

/**
 * Sends a command to reservation.commands and waits, bounded, for its outcome on
 * reservation.events. Every instance reads all outcomes (a group of its own, from the latest) and
 * completes the waits it has; a command whose outcome does not come in time is not lost: it is in
 * Kafka and will be applied, and the sender is told a confirmation follows.
 *
 * <p>The agent acts for customers and owners only: a command whose actor is anything else (an
 * operator) is never sent. The tools build the actor from the turn ({@code Tooling.actor}: owner or
 * customer), so one would be a bug; reservation-service refuses such a command anyway.
 */
@Component
public class ReservationCommands {

  private static final Logger log = LoggerFactory.getLogger(ReservationCommands.class);

  private final KafkaTemplate<String, Object> kafka;
  private final AgentProperties properties;
  private final Map<String, CompletableFuture<ReservationEvent>> pending =
      new ConcurrentHashMap<>();

  public ReservationCommands(KafkaTemplate<String, Object> kafka, AgentProperties properties) {
    this.kafka = kafka;
    this.properties = properties;
  }

  private static final Set<Actor.Role> AGENT_ROLES =
      EnumSet.of(Actor.Role.CUSTOMER, Actor.Role.OWNER);

  /**
   * The outcome, or null when it did not arrive within the command timeout.
   *
   * @throws IllegalStateException when the command's actor is neither a customer nor an owner
   */
  public ReservationEvent send(ReservationCommand command) {
    if (!AGENT_ROLES.contains(command.requestedBy().role())) {
      throw new IllegalStateException(
          "the agent sends only customers' and owners' commands, not "
              + command.requestedBy().role()
              + "'s ("
              + command.getClass().getSimpleName()
              + " "
              + command.commandId()
              + ")");
    }
    CompletableFuture<ReservationEvent> outcome =
        pending.computeIfAbsent(command.commandId(), id -> new CompletableFuture<>());
    try {
      kafka
          .send(Topics.RESERVATION_COMMANDS.name(), command.tenantId().toString(), command)
          .get(properties.commandTimeout().toMillis(), TimeUnit.MILLISECONDS);
      return outcome.get(properties.commandTimeout().toMillis(), TimeUnit.MILLISECONDS);
    } catch (TimeoutException e) {
      log.warn(
          "No outcome for command {} within {}", command.commandId(), properties.commandTimeout());
      return null;
    } catch (ExecutionException e) {
      throw new IllegalStateException(
          "sending command " + command.commandId() + " failed", e.getCause());
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new IllegalStateException("interrupted", e);
    } finally {
      pending.remove(command.commandId(), outcome);
    }
  }

  @KafkaListener(
      topics = "reservation.events",
      groupId = "agent-outcomes-${random.uuid}",
      containerFactory = "reservationEventsFactory",
      properties = {"auto.offset.reset=latest"})
  void on(ReservationEvent event) {
    CompletableFuture<ReservationEvent> waiting = pending.get(event.commandId());
    if (waiting != null) {
      waiting.complete(event);
    }
  }
}
