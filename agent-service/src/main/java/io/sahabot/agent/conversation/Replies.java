package io.sahabot.agent.conversation;

import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.Timer;
import io.sahabot.agent.config.Stages;
import io.sahabot.schemas.topics.Topics;
import io.sahabot.schemas.whatsapp.InboundMessage;
import io.sahabot.schemas.whatsapp.OutboundContent;
import io.sahabot.schemas.whatsapp.OutboundMessage;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
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

  public Replies(KafkaTemplate<String, Object> kafka, MeterRegistry meters) {
    this.kafka = kafka;
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
      String seed = to.wamid() + "|reply|" + i;
      OutboundMessage message =
          new OutboundMessage(
              UUID.nameUUIDFromBytes(seed.getBytes(StandardCharsets.UTF_8)).toString(),
              Instant.now(),
              to.tenantId(),
              to.wamid(),
              to.phoneNumberId(),
              to.userId(),
              i == 0 ? to.wamid() : null,
              contents.get(i));
      acks.add(kafka.send(Topics.WHATSAPP_OUTBOUND.name(), message.key(), message));
      sent.add(message);
    }
    for (int i = 0; i < acks.size(); i++) {
      try {
        acks.get(i).get(30, TimeUnit.SECONDS);
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
}
