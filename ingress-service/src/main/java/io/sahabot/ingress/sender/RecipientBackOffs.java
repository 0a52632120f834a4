package io.sahabot.ingress.sender;

import io.sahabot.schemas.whatsapp.OutboundMessage;
import java.time.Duration;
import java.util.ArrayDeque;
import java.util.Collection;
import java.util.HashMap;
import java.util.Map;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.function.BiConsumer;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.common.TopicPartition;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The back-off of one recipient after error 131056 (too many messages from a business number to one
 * recipient), which holds back that recipient's messages and nobody else's: the refused record is
 * set aside with the recipient's later records behind it, in order, while the listener goes on with
 * the partition (the business number's other recipients, and the other numbers on it). A scheduler
 * sends them when the back-off is over: from {@code initial}, doubling up to {@code max}, {@code
 * maxRetries} times; then the record is dead-lettered and the next one of the recipient is tried.
 * Their offsets stay uncommitted until they are finished ({@link PendingOffsets}), so a crash
 * meanwhile redelivers them; on a rebalance the records of a partition taken away are dropped here
 * (the new owner has them, and the send ledger keeps anything from going out twice).
 */
public class RecipientBackOffs {

  private static final Logger log = LoggerFactory.getLogger(RecipientBackOffs.class);

  private record Held(ConsumerRecord<?, ?> record, OutboundMessage message) {}

  /** One recipient's held records, oldest first, and its back-off so far. */
  private static final class Recipient {
    final ArrayDeque<Held> held = new ArrayDeque<>();
    int attempts;
  }

  private final OutboundSender sender;
  private final PendingOffsets offsets;
  private final BiConsumer<ConsumerRecord<?, ?>, Exception> deadLetters;
  private final SenderMetrics metrics;
  private final ScheduledExecutorService scheduler;
  private final Duration initial;
  private final Duration max;
  private final int maxRetries;
  private final Map<String, Recipient> recipients = new HashMap<>();

  public RecipientBackOffs(
      OutboundSender sender,
      PendingOffsets offsets,
      BiConsumer<ConsumerRecord<?, ?>, Exception> deadLetters,
      SenderMetrics metrics,
      ScheduledExecutorService scheduler,
      Duration initial,
      Duration max,
      int maxRetries) {
    this.sender = sender;
    this.offsets = offsets;
    this.deadLetters = deadLetters;
    this.metrics = metrics;
    this.scheduler = scheduler;
    this.initial = initial;
    this.max = max.compareTo(initial) < 0 ? initial : max;
    this.maxRetries = maxRetries;
  }

  /** The recipient of {@code message}: a business number and a user. */
  static String recipient(OutboundMessage message) {
    return message.phoneNumberId() + "|" + message.to();
  }

  /**
   * Holds {@code record} behind its recipient's held records when that recipient is backing off.
   *
   * @return whether it was held (then it is this class's to send)
   */
  public boolean holdIfBackingOff(ConsumerRecord<?, ?> record, OutboundMessage message) {
    synchronized (recipients) {
      Recipient r = recipients.get(recipient(message));
      if (r == null) {
        return false;
      }
      if (r.held.stream().noneMatch(h -> h.record().offset() == record.offset())) {
        r.held.addLast(new Held(record, message));
      }
      return true;
    }
  }

  /** {@code record} was refused with 131056: its recipient backs off, starting now. */
  public void backOff(ConsumerRecord<?, ?> record, OutboundMessage message) {
    String key = recipient(message);
    Recipient r;
    synchronized (recipients) {
      r = recipients.computeIfAbsent(key, k -> new Recipient());
      r.held.addFirst(new Held(record, message));
      r.attempts = 1;
    }
    schedule(key, r);
  }

  /** The partitions were taken away: their held records are the new owner's. */
  public void forget(Collection<TopicPartition> revoked) {
    synchronized (recipients) {
      for (Recipient r : recipients.values()) {
        r.held.removeIf(
            h -> revoked.contains(new TopicPartition(h.record().topic(), h.record().partition())));
      }
    }
  }

  /** Recipients backing off now (for tests and metrics). */
  public int backingOff() {
    synchronized (recipients) {
      return recipients.size();
    }
  }

  private void schedule(String key, Recipient r) {
    long delay = initial.toMillis();
    for (int i = 1; i < r.attempts && delay < max.toMillis(); i++) {
      delay *= 2;
    }
    delay = Math.min(delay, max.toMillis());
    scheduler.schedule(() -> drain(key, r), delay, TimeUnit.MILLISECONDS);
  }

  /** Sends the recipient's held records in order until one is refused again, or none is left. */
  private void drain(String key, Recipient r) {
    while (true) {
      Held next;
      synchronized (recipients) {
        next = r.held.peekFirst();
        if (next == null) {
          recipients.remove(key, r);
          return;
        }
      }
      try {
        sender.send(next.message());
      } catch (TransientSendFailure e) {
        // 131056 again, or any failure that may pass: the recipient keeps backing off
        boolean exhausted;
        synchronized (recipients) {
          // the database away delays it without counting, as it would any send
          exhausted = !(e instanceof LedgerUnavailable) && r.attempts >= maxRetries;
          if (!exhausted && !(e instanceof LedgerUnavailable)) {
            r.attempts++;
          }
        }
        if (!exhausted) {
          log.info(
              "Event {}: recipient still backing off (attempt {}): {}",
              next.message().eventId(),
              r.attempts,
              e.getMessage());
          schedule(key, r);
          return;
        }
        metrics.failed(e.code());
        log.warn("Event {} not sent after retries: {}", next.message().eventId(), e.getMessage());
        if (!deadLetter(next, e, key, r)) {
          return;
        }
      } catch (RuntimeException e) {
        // refused for good (SendFailed, NumberNotOfTenant): its dead letter, then the next one
        if (!deadLetter(next, e, key, r)) {
          return;
        }
      }
      synchronized (recipients) {
        r.held.remove(next);
        r.attempts = 1;
      }
      offsets.done(next.record());
    }
  }

  /** Dead-letters {@code held}; when the broker does not take it, tries again later. */
  private boolean deadLetter(Held held, RuntimeException e, String key, Recipient r) {
    try {
      deadLetters.accept(
          held.record(), e instanceof TransientSendFailure t ? new RetriesExhausted(t) : e);
      return true;
    } catch (RuntimeException failed) {
      log.warn("Event {}: dead letter not taken: {}", held.message().eventId(), failed.toString());
      schedule(key, r);
      return false;
    }
  }

  /** The retries of a recipient's back-off ran out: what the dead letter says. */
  public static final class RetriesExhausted extends RuntimeException {
    public RetriesExhausted(TransientSendFailure cause) {
      super("retries exhausted: " + cause.getMessage(), cause);
    }
  }
}
