package io.sahabot.agent.outcomes;

import dev.langchain4j.data.message.AiMessage;
import io.sahabot.agent.config.AgentProperties;
import io.sahabot.agent.conversation.ConversationDispatcher;
import io.sahabot.agent.delivery.CustomerContacts;
import io.sahabot.agent.delivery.OutboundFallbacks;
import io.sahabot.agent.delivery.ToldOutcomes;
import io.sahabot.agent.identity.Identities;
import io.sahabot.agent.memory.ConversationId;
import io.sahabot.agent.memory.ConversationMemories;
import io.sahabot.schemas.tenant.TenantSnapshot;
import io.sahabot.schemas.topics.Topics;
import io.sahabot.schemas.whatsapp.OutboundMessage;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Instant;
import java.util.List;
import java.util.UUID;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.kafka.core.KafkaTemplate;
import org.springframework.stereotype.Component;

/**
 * Tells one notice once: claims it in {@code told_outcomes}, sends it free-form within the
 * recipient's 24-hour window (with the template as its fallback, recorded for a later 131047) or as
 * the template outside it, marks it published once the broker has it, and appends it to the
 * recipient's conversation memory through the dispatcher (so never while a turn of it runs).
 *
 * <p>The outbound id derives from the outcome key and the recipient: a claim held from an earlier
 * delivery of the same outcome (a crash between the claim and the publish) is published again with
 * the same id, which the sender recognises.
 */
@Component
class Messenger {

  private static final Logger log = LoggerFactory.getLogger(Messenger.class);

  private final ToldOutcomes told;
  private final CustomerContacts contacts;
  private final OutboundFallbacks fallbacks;
  private final KafkaTemplate<String, Object> kafka;
  private final ConversationDispatcher dispatcher;
  private final ConversationMemories memories;
  private final Clock clock;
  private final AgentProperties properties;
  private final Identities identities;

  Messenger(
      ToldOutcomes told,
      CustomerContacts contacts,
      OutboundFallbacks fallbacks,
      KafkaTemplate<String, Object> kafka,
      ConversationDispatcher dispatcher,
      ConversationMemories memories,
      Clock clock,
      AgentProperties properties,
      Identities identities) {
    this.told = told;
    this.contacts = contacts;
    this.fallbacks = fallbacks;
    this.kafka = kafka;
    this.dispatcher = dispatcher;
    this.memories = memories;
    this.clock = clock;
    this.properties = properties;
    this.identities = identities;
  }

  /** The outbound id of telling {@code outcomeKey} to {@code recipient}. */
  static String outboundId(String outcomeKey, String recipient) {
    return UUID.nameUUIDFromBytes(
            ("outcome|" + outcomeKey + "|" + recipient).getBytes(StandardCharsets.UTF_8))
        .toString();
  }

  /**
   * Tells {@code notice} unless someone told it already.
   *
   * @return whether this call published it
   */
  boolean tell(TenantSnapshot tenant, String outcomeKey, String causationId, Notice notice) {
    String id = outboundId(outcomeKey, notice.recipient());
    if (told.claim(tenant.tenantId(), outcomeKey, notice.recipient(), ToldOutcomes.NOTIFIER, id)
        != ToldOutcomes.Claim.HELD) {
      return false;
    }
    Instant now = clock.instant();
    boolean window = contacts.withinWindow(tenant.tenantId(), notice.recipient(), now);
    // the recipient is a person: sent to its current phone number or user id
    String to = identities.address(tenant.tenantId(), notice.recipient());
    OutboundMessage message =
        window
            ? new OutboundMessage(
                id,
                now,
                tenant.tenantId(),
                causationId,
                tenant.phoneNumberId(),
                to,
                null,
                notice.content(),
                notice.template(),
                List.of(outcomeKey))
            : new OutboundMessage(
                id,
                now,
                tenant.tenantId(),
                causationId,
                tenant.phoneNumberId(),
                to,
                null,
                notice.template(),
                null,
                List.of(outcomeKey));
    if (window) {
      fallbacks.record(message);
    }
    publish(message);
    told.published(tenant.tenantId(), outcomeKey, notice.recipient());
    log.info(
        "Told outcome {} of tenant {} ({})",
        outcomeKey,
        tenant.tenantId(),
        window ? "free-form" : "template");
    remember(tenant, notice);
    return true;
  }

  /** Publishes {@code message} and waits for the broker to have it. */
  void publish(OutboundMessage message) {
    try {
      kafka
          .send(Topics.WHATSAPP_OUTBOUND.name(), message.key(), message)
          .get(properties.replyTimeout().toMillis(), TimeUnit.MILLISECONDS);
    } catch (ExecutionException | TimeoutException e) {
      throw new IllegalStateException("publishing " + message.eventId() + " failed", e);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new IllegalStateException("interrupted", e);
    }
  }

  /** The told text joins the recipient's conversation, between its turns. */
  private void remember(TenantSnapshot tenant, Notice notice) {
    ConversationId conversation = new ConversationId(tenant.tenantId(), notice.recipient());
    dispatcher.submit(
        tenant.tenantId() + ":" + notice.recipient(),
        () -> memories.append(conversation, AiMessage.from(notice.text())),
        failure -> {
          if (failure != null) {
            log.warn(
                "Remembering a told outcome of tenant {} failed: {}",
                tenant.tenantId(),
                failure.toString());
          }
        });
  }
}
