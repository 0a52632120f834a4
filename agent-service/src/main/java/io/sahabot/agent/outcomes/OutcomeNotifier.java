package io.sahabot.agent.outcomes;

import io.sahabot.agent.config.AgentProperties;
import io.sahabot.agent.conversation.ConversationDispatcher;
import io.sahabot.agent.memory.ConversationId;
import io.sahabot.agent.memory.Dialogues;
import io.sahabot.agent.privacy.DataRights;
import io.sahabot.platform.tenants.TenantSnapshots;
import io.sahabot.schemas.reservation.Actor;
import io.sahabot.schemas.reservation.ReservationEvent;
import io.sahabot.schemas.tenant.TenantSnapshot;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.slf4j.MDC;
import org.springframework.kafka.annotation.KafkaListener;
import org.springframework.stereotype.Component;

/**
 * Turns every outcome on reservation.events into the messages it implies ({@link Notices}), each
 * told once ({@link Messenger}). One consumer group for all instances ({@value #GROUP}, {@code
 * read_committed}), offsets committed after the record is handled: a crash tells again what was not
 * marked told, never skips it. A record that keeps failing goes to {@code reservation.events.dlt}
 * after bounded retries.
 *
 * <p>The requester's message is told last, and not before {@code outcome-wait} (plus a second)
 * after the outcome was decided: a turn still waiting for it gets the first chance to tell it in
 * its reply. Whoever claims it first tells it. And it is told in the requester's conversation lane
 * ({@link ConversationDispatcher}), after the turn of theirs that runs now: a turn that gave up
 * waiting replies with a promise, and the outcome must reach the customer after that promise, never
 * before it (else their last message would be a promise already kept).
 */
@Component
class OutcomeNotifier {

  static final String GROUP = "agent-outcome-notifier";

  private static final Logger log = LoggerFactory.getLogger(OutcomeNotifier.class);
  private static final Duration GRACE = Duration.ofSeconds(1);
  private static final Duration LANE_WAIT = Duration.ofSeconds(15);

  private final TenantSnapshots tenants;
  private final Messenger messenger;
  private final ConversationDispatcher dispatcher;
  private final Clock clock;
  private final AgentProperties properties;
  private final DataRights dataRights;
  private final Dialogues dialogues;

  OutcomeNotifier(
      TenantSnapshots tenants,
      Messenger messenger,
      ConversationDispatcher dispatcher,
      Clock clock,
      AgentProperties properties,
      DataRights dataRights,
      Dialogues dialogues) {
    this.tenants = tenants;
    this.messenger = messenger;
    this.dispatcher = dispatcher;
    this.clock = clock;
    this.properties = properties;
    this.dataRights = dataRights;
    this.dialogues = dialogues;
  }

  @KafkaListener(
      id = GROUP,
      topics = "reservation.events",
      groupId = GROUP,
      containerFactory = "outcomeNotifierFactory")
  void on(ReservationEvent event) throws InterruptedException {
    MDC.put("tenantId", event.tenantId().toString());
    MDC.put("eventId", event.eventId());
    try {
      Optional<TenantSnapshot> known = tenants.await(event.tenantId(), properties.tenantWait());
      if (known.isEmpty()) {
        throw new IllegalStateException("no snapshot of tenant " + event.tenantId() + " yet");
      }
      TenantSnapshot tenant = known.get();
      if (customerErasedSince(event)) {
        log.info("Outcome {} not told: its customer's data was erased since", event.commandId());
        return;
      }
      for (Notice notice : Notices.others(event, tenant.settings())) {
        if (!erasedSince(event, notice)) {
          messenger.tell(tenant, event.commandId(), event.eventId(), notice);
        }
      }
      Notice requester = Notices.requester(event, tenant.settings(), spokenBy(event));
      if (requester != null && !erasedSince(event, requester)) {
        holdForTheTurn(event);
        tellAfterTheRunningTurn(tenant, event, requester);
      }
    } finally {
      MDC.remove("tenantId");
      MDC.remove("eventId");
    }
  }

  /** Whether the customer of the event's reservation had their data erased after it happened. */
  private boolean customerErasedSince(ReservationEvent event) {
    var reservation = Notices.reservation(event);
    if (reservation == null) {
      return false;
    }
    var customer = reservation.customer();
    java.util.List<String> ids = new java.util.ArrayList<>();
    if (customer.phone() != null) {
      ids.add(customer.phone());
    }
    if (customer.userId() != null) {
      ids.add(customer.userId());
    }
    return dataRights.erasedSince(event.tenantId(), ids, event.occurredAt());
  }

  /**
   * Whether the notice's recipient had their data erased after the outcome happened (a replayed
   * outcome): it is not told, so that no claim, message or memory names them again.
   */
  private boolean erasedSince(ReservationEvent event, Notice notice) {
    boolean erased =
        dataRights.erasedSince(
            event.tenantId(), java.util.List.of(notice.recipient()), event.occurredAt());
    if (erased) {
      log.info("Outcome {} not told: its recipient's data was erased since", event.commandId());
    }
    return erased;
  }

  /**
   * Tells {@code notice} on its recipient's conversation lane and waits for it: after the turn of
   * theirs that is running (or queued) has published its reply. If the lane is full, or busy for
   * longer than {@link #LANE_WAIT}, it is told from here (the claim keeps it once: a lane task that
   * runs later finds it told, or publishes it again with the same outbound id, which the sender
   * sends once).
   */
  private void tellAfterTheRunningTurn(TenantSnapshot tenant, ReservationEvent event, Notice notice)
      throws InterruptedException {
    CompletableFuture<Boolean> told = new CompletableFuture<>();
    ConversationDispatcher.Admission admission =
        dispatcher.submit(
            tenant.tenantId() + ":" + notice.recipient(),
            () -> told.complete(messenger.tell(tenant, event.commandId(), event.eventId(), notice)),
            failure -> {
              if (failure != null) {
                told.completeExceptionally(failure);
              }
            });
    if (admission != ConversationDispatcher.Admission.QUEUED) {
      messenger.tell(tenant, event.commandId(), event.eventId(), notice);
      return;
    }
    try {
      told.get(LANE_WAIT.toMillis(), TimeUnit.MILLISECONDS);
    } catch (TimeoutException e) {
      log.warn(
          "Outcome {}: the requester's conversation was busy for {}; told now",
          event.commandId(),
          LANE_WAIT);
      messenger.tell(tenant, event.commandId(), event.eventId(), notice);
    } catch (ExecutionException e) {
      throw e.getCause() instanceof RuntimeException r
          ? r
          : new IllegalStateException("telling outcome " + event.commandId() + " failed", e);
    }
  }

  /** The language of the requester's conversation with the bot, or null (the business's). */
  private String spokenBy(ReservationEvent event) {
    if (event.requestedBy() == null
        || event.requestedBy().userId() == null
        || event.requestedBy().role() == Actor.Role.BUSINESS) {
      // the business through its tenant API has no conversation with the bot (and is not told)
      return null;
    }
    return dialogues
        .load(new ConversationId(event.tenantId(), event.requestedBy().userId()))
        .language();
  }

  /**
   * Waits until the turn that sent the command has had its {@code outcome-wait} (bounded by it from
   * now): an outcome the turn can tell is not told twice, and not told first by the notifier.
   */
  private void holdForTheTurn(ReservationEvent event) throws InterruptedException {
    Duration wait = properties.outcomeWait();
    if (wait.isZero() || event.causationId() == null) {
      return;
    }
    Instant now = clock.instant();
    Instant until = event.occurredAt().plus(wait).plus(GRACE);
    Instant latest = now.plus(wait).plus(GRACE);
    if (until.isAfter(latest)) {
      until = latest;
    }
    long millis = Duration.between(now, until).toMillis();
    if (millis > 0) {
      log.debug("Holding outcome {} for {} ms", event.commandId(), millis);
      Thread.sleep(millis);
    }
  }
}
