package io.sahabot.agent.tools;

import io.sahabot.agent.config.AgentProperties;
import io.sahabot.agent.delivery.OutboundIds;
import io.sahabot.agent.delivery.ToldOutcomes;
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
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.kafka.annotation.KafkaListener;
import org.springframework.kafka.core.KafkaTemplate;
import org.springframework.stereotype.Component;

/**
 * Sends a command to reservation.commands and waits, bounded by {@code outcome-wait}, for its
 * outcome on reservation.events. Every instance reads all outcomes (a group of its own, from the
 * latest, {@code read_committed}) only to complete the waits it has; telling outcomes is the
 * outcome notifier's ({@code outcomes.OutcomeNotifier}, a fixed group). An outcome that arrives
 * within the wait is told in the turn's reply if the turn claims it first ({@link #tell}); a
 * command whose outcome does not come in time is not lost: it is in Kafka and will be applied, and
 * the notifier tells its outcome.
 *
 * <p>The agent acts for customers and owners only: a command whose actor is anything else (an
 * operator, or the business through its tenant API, whose commands tenant-service sends) is never
 * sent. The tools build the actor from the turn ({@code Tooling.actor}: owner or customer), so one
 * would be a bug; reservation-service refuses such a command anyway.
 */
@Component
public class ReservationCommands {

  private static final Logger log = LoggerFactory.getLogger(ReservationCommands.class);

  private final KafkaTemplate<String, Object> kafka;
  private final AgentProperties properties;
  private final ToldOutcomes told;
  private final Map<String, CompletableFuture<ReservationEvent>> pending =
      new ConcurrentHashMap<>();

  @Autowired
  public ReservationCommands(
      KafkaTemplate<String, Object> kafka, AgentProperties properties, ToldOutcomes told) {
    this.kafka = kafka;
    this.properties = properties;
    this.told = told;
  }

  /** Without the told record: {@link #tell} is not available. */
  public ReservationCommands(KafkaTemplate<String, Object> kafka, AgentProperties properties) {
    this(kafka, properties, null);
  }

  /**
   * What a turn may say about its command.
   *
   * @param outcome the outcome if it came within the wait, else null
   * @param toldHere whether the turn holds the requester's claim on it: false when the outcome came
   *     but the notifier told it already (the turn must not tell it again)
   */
  public record Told(ReservationEvent outcome, boolean toldHere) {}

  /**
   * Sends {@code command} and, if its outcome comes within {@code outcome-wait}, claims telling it
   * to the requester for the turn ({@code told_outcomes}).
   */
  public Told tell(ReservationCommand command) {
    ReservationEvent outcome = send(command);
    if (outcome == null) {
      return new Told(null, false);
    }
    ToldOutcomes.Claim claim =
        told.claim(
            command.tenantId(),
            outcome.commandId(),
            command.requestedBy().userId(),
            ToldOutcomes.turn(command.causationId()),
            // the turn tells it in its reply: its first message
            OutboundIds.reply(command.causationId(), 0));
    return new Told(outcome, claim == ToldOutcomes.Claim.HELD);
  }

  private static final Set<Actor.Role> AGENT_ROLES =
      EnumSet.of(Actor.Role.CUSTOMER, Actor.Role.OWNER);

  /**
   * The outcome, or null when it did not arrive within {@code outcome-wait}.
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
    long wait = properties.outcomeWait().toMillis();
    CompletableFuture<ReservationEvent> outcome =
        wait > 0
            ? pending.computeIfAbsent(command.commandId(), id -> new CompletableFuture<>())
            : new CompletableFuture<>();
    try {
      kafka
          .send(Topics.RESERVATION_COMMANDS.name(), command.tenantId().toString(), command)
          .get(properties.commandTimeout().toMillis(), TimeUnit.MILLISECONDS);
      if (wait <= 0) {
        return null;
      }
      return outcome.get(wait, TimeUnit.MILLISECONDS);
    } catch (TimeoutException e) {
      log.info(
          "No outcome for command {} within {}: the notifier tells it",
          command.commandId(),
          properties.outcomeWait());
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
