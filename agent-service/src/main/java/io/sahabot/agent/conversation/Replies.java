package io.sahabot.agent.conversation;

import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.Timer;
import io.sahabot.agent.config.AgentProperties;
import io.sahabot.agent.config.Stages;
import io.sahabot.schemas.topics.Topics;
import io.sahabot.schemas.whatsapp.InboundMessage;
import io.sahabot.schemas.whatsapp.OutboundContent;
import io.sahabot.schemas.whatsapp.OutboundMessage;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import org.springframework.kafka.core.KafkaTemplate;
import org.springframework.stereotype.Component;

/**
 * Publishes a turn's replies to whatsapp.outbound, in order, keyed by the conversation: all of them
 * at once (one partition, an idempotent producer: they stay in order), then waits until Kafka has
 * them all.
 */
@Component
public class Replies {

  private final KafkaTemplate<String, Object> kafka;
  private final Timer published;
  private final Clock clock;
  private final Duration timeout;

  public Replies(
      KafkaTemplate<String, Object> kafka,
      MeterRegistry meters,
      Clock clock,
      AgentProperties properties) {
    this.kafka = kafka;
    this.clock = clock;
    this.timeout = properties.replyTimeout();
    this.published = Stages.timer(meters, "reply");
  }

  /** The text (unless an interactive message already asks it), then the attachments. */
  public List<OutboundMessage> send(
      InboundMessage to, String text, List<OutboundContent> attachments) {
    List<OutboundContent> contents = new ArrayList<>();
    boolean asked =
        attachments.stream()
            .anyMatch(
                a ->
                    (a instanceof OutboundContent.Buttons b && b.body().equals(text))
                        || (a instanceof OutboundContent.ListMessage l && l.body().equals(text)));
    if (text != null && !text.isBlank() && !asked) {
      contents.add(new OutboundContent.Text(text.length() > 4096 ? text.substring(0, 4096) : text));
    }
    contents.addAll(attachments);
    long start = System.nanoTime();
    List<OutboundMessage> sent = new ArrayList<>();
    List<CompletableFuture<?>> acks = new ArrayList<>();
    for (int i = 0; i < contents.size(); i++) {
      OutboundMessage message =
          message(
              to,
              to.userId(),
              to.wamid() + "|reply|" + i,
              i == 0 ? to.wamid() : null,
              contents.get(i));
      acks.add(kafka.send(Topics.WHATSAPP_OUTBOUND.name(), message.key(), message));
      sent.add(message);
    }
    for (int i = 0; i < acks.size(); i++) {
      try {
        acks.get(i).get(timeout.toMillis(), TimeUnit.MILLISECONDS);
      } catch (Exception e) {
        if (e instanceof InterruptedException) {
          Thread.currentThread().interrupt();
        }
        throw new IllegalStateException("publishing reply " + sent.get(i).eventId() + " failed", e);
      }
    }
    published.record(System.nanoTime() - start, TimeUnit.NANOSECONDS);
    return sent;
  }

  /**
   * A text to someone other than the sender of {@code cause} (the tenant's owner, say), from the
   * same business number. Its id derives from the cause, the purpose and the recipient, so a
   * replayed cause produces the same message id.
   */
  public OutboundMessage notify(
      InboundMessage cause, String recipient, String purpose, String text) {
    OutboundMessage message =
        message(
            cause,
            recipient,
            cause.wamid() + "|" + purpose + "|" + recipient,
            null,
            new OutboundContent.Text(text));
    try {
      kafka
          .send(Topics.WHATSAPP_OUTBOUND.name(), message.key(), message)
          .get(timeout.toMillis(), TimeUnit.MILLISECONDS);
    } catch (Exception e) {
      throw new IllegalStateException("publishing reply " + message.eventId() + " failed", e);
    }
    return message;
  }

  private OutboundMessage message(
      InboundMessage cause,
      String recipient,
      String seed,
      String contextWamid,
      OutboundContent content) {
    OutboundMessage message =
        new OutboundMessage(
            UUID.nameUUIDFromBytes(seed.getBytes(StandardCharsets.UTF_8)).toString(),
            clock.instant(),
            cause.tenantId(),
            cause.wamid(),
            cause.phoneNumberId(),
            recipient,
            contextWamid,
            content);
    return message;
  }
}
