package io.sahabot.ingress.sender;

import com.github.benmanes.caffeine.cache.Cache;
import com.github.benmanes.caffeine.cache.Caffeine;
import io.sahabot.schemas.whatsapp.OutboundMessage;
import java.time.Duration;
import java.util.List;

/**
 * Which outcomes this instance sent to which recipient lately ({@link OutboundMessage#tells()}), so
 * that a notice repeating one is not sent. The agent's {@code told_outcomes} decides who tells an
 * outcome, in the database; when that database is replaced by an older backup, its record of the
 * last minutes is gone while the messages were sent, and the outcome notifier would tell those
 * outcomes a second time. This record is kept apart from the database, in this instance's memory:
 * one number's messages are on one partition of {@code whatsapp.outbound}, so the reply that told
 * an outcome and a notice telling it again reach the same instance, in that order.
 *
 * <p>Only a notice is held back (a message quoting nothing: the outcome notifier's); a turn's reply
 * always goes out, since it answers a message and may say more. Bounded: the last {@value #SIZE}
 * tellings of the last {@link #KEPT}; after a restart of this instance it starts empty.
 */
final class ToldOnce {

  static final int SIZE = 200_000;
  static final Duration KEPT = Duration.ofHours(1);

  private final Cache<String, String> told =
      Caffeine.newBuilder().maximumSize(SIZE).expireAfterWrite(KEPT).build();

  /**
   * The id of the message that already told {@code message}'s recipient every outcome it tells, or
   * null when it is to be sent (it tells nothing, quotes a message, or tells something new).
   */
  String toldBefore(OutboundMessage message) {
    List<String> outcomes = message.tells();
    if (outcomes == null || message.replyToWamid() != null) {
      return null;
    }
    String by = null;
    for (String outcome : outcomes) {
      String earlier = told.getIfPresent(key(message, outcome));
      if (earlier == null || earlier.equals(message.eventId())) {
        return null;
      }
      by = earlier;
    }
    return by;
  }

  /** {@code message} was sent: its outcomes are told to its recipient. */
  void sent(OutboundMessage message) {
    if (message.tells() == null) {
      return;
    }
    for (String outcome : message.tells()) {
      told.asMap().putIfAbsent(key(message, outcome), message.eventId());
    }
  }

  private static String key(OutboundMessage message, String outcome) {
    return message.tenantId() + "|" + message.to() + "|" + outcome;
  }
}
