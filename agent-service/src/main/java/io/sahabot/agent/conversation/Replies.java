package io.sahabot.agent.conversation;

import io.sahabot.schemas.topics.Topics;
import io.sahabot.schemas.whatsapp.InboundMessage;
import io.sahabot.schemas.whatsapp.OutboundContent;
import io.sahabot.schemas.whatsapp.OutboundMessage;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;
import java.util.concurrent.TimeUnit;
import org.springframework.kafka.core.KafkaTemplate;
import org.springframework.stereotype.Component;

/** Publishes a turn's replies to whatsapp.outbound, in order, keyed by the conversation. */
@Component
public class Replies {

  private final KafkaTemplate<String, Object> kafka;

  public Replies(KafkaTemplate<String, Object> kafka) {
    this.kafka = kafka;
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
    List<OutboundMessage> sent = new ArrayList<>();
    for (int i = 0; i < contents.size(); i++) {
      sent.add(
          publish(
              to,
              to.userId(),
              to.wamid() + "|reply|" + i,
              i == 0 ? to.wamid() : null,
              contents.get(i)));
    }
    return sent;
  }

  /**
   * A text to someone other than the sender of {@code cause} (the tenant's owner, say), from the
   * same business number. Its id derives from the cause, the purpose and the recipient, so a
   * replayed cause produces the same message id.
   */
  public OutboundMessage notify(
      InboundMessage cause, String recipient, String purpose, String text) {
    return publish(
        cause,
        recipient,
        cause.wamid() + "|" + purpose + "|" + recipient,
        null,
        new OutboundContent.Text(text));
  }

  private OutboundMessage publish(
      InboundMessage cause,
      String recipient,
      String seed,
      String contextWamid,
      OutboundContent content) {
    OutboundMessage message =
        new OutboundMessage(
            UUID.nameUUIDFromBytes(seed.getBytes(StandardCharsets.UTF_8)).toString(),
            Instant.now(),
            cause.tenantId(),
            cause.wamid(),
            cause.phoneNumberId(),
            recipient,
            contextWamid,
            content);
    try {
      kafka.send(Topics.WHATSAPP_OUTBOUND.name(), message.key(), message).get(30, TimeUnit.SECONDS);
    } catch (Exception e) {
      throw new IllegalStateException("publishing reply " + message.eventId() + " failed", e);
    }
    return message;
  }
}
