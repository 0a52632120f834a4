package io.sahabot.agent.outcomes;

import io.sahabot.agent.config.AgentProperties;
import io.sahabot.agent.memory.ConversationId;
import io.sahabot.agent.memory.Dialogues;
import io.sahabot.platform.tenants.TenantSnapshots;
import io.sahabot.schemas.reservation.ReservationEvent;
import io.sahabot.schemas.tenant.TenantSnapshot;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.Optional;
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
 * its reply. Whoever claims it first tells it.
 */
@Component
class OutcomeNotifier {

  static final String GROUP = "agent-outcome-notifier";

  private static final Logger log = LoggerFactory.getLogger(OutcomeNotifier.class);
  private static final Duration GRACE = Duration.ofSeconds(1);

  private final TenantSnapshots tenants;
  private final Messenger messenger;
  private final Clock clock;
  private final AgentProperties properties;
  private final Dialogues dialogues;

  OutcomeNotifier(
      TenantSnapshots tenants,
      Messenger messenger,
      Clock clock,
      AgentProperties properties,
      Dialogues dialogues) {
    this.tenants = tenants;
    this.messenger = messenger;
    this.clock = clock;
    this.properties = properties;
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
      for (Notice notice : Notices.others(event, tenant.settings())) {
        messenger.tell(tenant, event.commandId(), event.eventId(), notice);
      }
      Notice requester = Notices.requester(event, tenant.settings(), spokenBy(event));
      if (requester != null) {
        holdForTheTurn(event);
        messenger.tell(tenant, event.commandId(), event.eventId(), requester);
      }
    } finally {
      MDC.remove("tenantId");
      MDC.remove("eventId");
    }
  }

  /** The language of the requester's conversation with the bot, or null (the business's). */
  private String spokenBy(ReservationEvent event) {
    if (event.requestedBy() == null || event.requestedBy().userId() == null) {
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
