package io.sahabot.agent.conversation;

import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.Timer;
import io.sahabot.agent.config.AgentProperties;
import io.sahabot.agent.config.Stages;
import io.sahabot.agent.delivery.OutboundIds;
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
 * A turn's replies to whatsapp.outbound: composed with ids derived from the inbound message, then
 * published in order, keyed by the conversation, all of them at once (one partition, an idempotent
 * producer: they stay in order), and awaited until Kafka has them all.
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

  /** Composes {@link #compose} and publishes {@link #publish} the replies to {@code to}. */
  public List<OutboundMessage> send(
      InboundMessage to, String text, List<OutboundContent> attachments) {
    List<OutboundMessage> replies = compose(to, text, attachments);
    publish(replies);
    return replies;
  }

  /**
   * A turn's replies to its sender: the text (unless an interactive message already asks it), then
   * the attachments. Their ids derive from the inbound wamid and their position, so a second run of
   * the message produces the same ids.
   */
  public List<OutboundMessage> compose(
      InboundMessage to, String text, List<OutboundContent> attachments) {
    return compose(to, text, attachments, List.of());
  }

  /**
   * {@link #compose(InboundMessage, String, List)}, the first reply (the one that quotes the
   * message) carrying the outcomes the turn told ({@link OutboundMessage#tells()}).
   */
  public List<OutboundMessage> compose(
      InboundMessage to, String text, List<OutboundContent> attachments, List<String> told) {
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
    List<OutboundMessage> replies = new ArrayList<>();
    for (int i = 0; i < contents.size(); i++) {
      OutboundMessage reply =
          withId(
              to,
              to.userId(),
              OutboundIds.reply(to.wamid(), i),
              i == 0 ? to.wamid() : null,
              contents.get(i));
      replies.add(i == 0 && !told.isEmpty() ? reply.telling(told) : reply);
    }
    return replies;
  }

  /**
   * Publishes {@code messages} to whatsapp.outbound, all at once (one partition per recipient, an
   * idempotent producer: they stay in order), and waits until Kafka has every one of them.
   *
   * @throws RepliesNotPublished when one is not acknowledged within {@code reply-timeout}
   */
  public void publish(List<OutboundMessage> messages) {
    long start = System.nanoTime();
    List<CompletableFuture<?>> acks = new ArrayList<>();
    for (OutboundMessage message : messages) {
      try {
        acks.add(kafka.send(Topics.WHATSAPP_OUTBOUND.name(), message.key(), message));
      } catch (RuntimeException e) {
        throw new RepliesNotPublished(message.eventId(), e);
      }
    }
    for (int i = 0; i < acks.size(); i++) {
      try {
        acks.get(i).get(timeout.toMillis(), TimeUnit.MILLISECONDS);
      } catch (Exception e) {
        if (e instanceof InterruptedException) {
          Thread.currentThread().interrupt();
        }
        throw new RepliesNotPublished(messages.get(i).eventId(), e);
      }
    }
    published.record(System.nanoTime() - start, TimeUnit.NANOSECONDS);
  }

  /**
   * Marks {@code message} read and shows its sender "typing…" until the reply goes out (WhatsApp
   * hides it after 25 s), published and awaited before the turn runs. Keyed like the replies, so it
   * is sent before them; its id derives from the wamid, so the sender sends it once per inbound
   * message however often the turn runs.
   */
  public OutboundMessage markRead(InboundMessage message) {
    OutboundMessage read =
        withId(
            message,
            message.userId(),
            OutboundIds.read(message.wamid()),
            null,
            new OutboundContent.MarkRead(message.wamid(), true));
    publish(List.of(read));
    return read;
  }

  /**
   * A text to someone other than the sender of {@code cause} (the tenant's owner, say), from the
   * same business number, published and awaited. Its id derives from the cause, the purpose and the
   * recipient, so a replayed cause produces the same message id.
   */
  public OutboundMessage notify(
      InboundMessage cause, String recipient, String purpose, String text) {
    OutboundMessage message = notice(cause, recipient, purpose, text);
    publish(List.of(message));
    return message;
  }

  /** {@link #notify}'s message, not published. */
  public OutboundMessage notice(
      InboundMessage cause, String recipient, String purpose, String text) {
    return message(
        cause,
        recipient,
        cause.wamid() + "|" + purpose + "|" + recipient,
        null,
        new OutboundContent.Text(text));
  }

  /** Replies that Kafka did not take: the turn is retried, never skipped. */
  public static final class RepliesNotPublished extends TurnNotDurable {
    RepliesNotPublished(String eventId, Throwable cause) {
      super("publishing reply " + eventId + " failed", cause);
    }
  }

  private OutboundMessage message(
      InboundMessage cause,
      String recipient,
      String seed,
      String contextWamid,
      OutboundContent content) {
    return withId(
        cause,
        recipient,
        UUID.nameUUIDFromBytes(seed.getBytes(StandardCharsets.UTF_8)).toString(),
        contextWamid,
        content);
  }

  private OutboundMessage withId(
      InboundMessage cause,
      String recipient,
      String id,
      String contextWamid,
      OutboundContent content) {
    OutboundMessage message =
        new OutboundMessage(
            id,
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
