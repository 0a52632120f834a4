package io.sahabot.agent.outcomes;

import io.sahabot.agent.delivery.OutboundFallbacks;
import io.sahabot.schemas.whatsapp.DeliveryStatus;
import io.sahabot.schemas.whatsapp.DeliveryStatusRecord;
import io.sahabot.schemas.whatsapp.OutboundMessage;
import java.time.Clock;
import java.util.Optional;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.kafka.annotation.KafkaListener;
import org.springframework.stereotype.Component;

/**
 * A free-form message the agent sent with a fallback template that WhatsApp later reports {@code
 * failed} with error 131047 (the customer's 24-hour window had closed) gets its template, once: the
 * status's {@code callbackData} names the message, {@code outbound_fallbacks} has its template, and
 * the template goes out with the message's id plus {@code ":fallback"} (the sender sends an id
 * once), then the row is marked. A second such status finds it marked and sends nothing. Fixed
 * group {@value #GROUP}.
 */
@Component
class ClosedWindowFallbacks {

  static final String GROUP = "agent-closed-window-fallbacks";

  /** WhatsApp's "re-engagement message": more than 24 hours since the customer last wrote. */
  static final int WINDOW_CLOSED = 131047;

  private static final Logger log = LoggerFactory.getLogger(ClosedWindowFallbacks.class);

  private final OutboundFallbacks fallbacks;
  private final Messenger messenger;
  private final Clock clock;

  ClosedWindowFallbacks(OutboundFallbacks fallbacks, Messenger messenger, Clock clock) {
    this.fallbacks = fallbacks;
    this.messenger = messenger;
    this.clock = clock;
  }

  @KafkaListener(
      id = GROUP,
      topics = "whatsapp.inbound.statuses",
      groupId = GROUP,
      containerFactory = "deliveryStatusesFactory")
  void on(DeliveryStatusRecord record) {
    if (!(record instanceof DeliveryStatus status)
        || status.status() != DeliveryStatus.Status.FAILED
        || status.callbackData() == null
        || status.errors().stream().noneMatch(e -> e.code() == WINDOW_CLOSED)) {
      return;
    }
    Optional<OutboundFallbacks.Recorded> recorded =
        fallbacks.find(status.tenantId(), status.callbackData());
    if (recorded.isEmpty() || recorded.get().fallbackSent()) {
      return;
    }
    OutboundFallbacks.Recorded r = recorded.get();
    messenger.publish(
        new OutboundMessage(
            r.eventId() + ":fallback",
            clock.instant(),
            status.tenantId(),
            r.causationId(),
            r.phoneNumberId(),
            r.recipient(),
            null,
            r.template()));
    fallbacks.fallbackSent(status.tenantId(), r.eventId());
    log.info("Window closed: sent the fallback template of {}", r.eventId());
  }
}
