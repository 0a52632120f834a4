package io.sahabot.ingress.sender.domain;

import java.time.Duration;
import java.util.ArrayDeque;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.function.LongSupplier;

/**
 * At most {@code perSecond} sends per business number in <em>any</em> window of one second, as the
 * Graph API sees them: a log of each number's last {@code perSecond} sends, a new one allowed only
 * once the oldest of them has been answered for a second. Counting from the answer rather than the
 * permit means that send {@code n + perSecond} leaves after send {@code n} arrived plus a second,
 * whatever the network did to either, so no one-second window at Meta holds more than {@code
 * perSecond}. (A limiter that refills a count every second, like resilience4j's {@code
 * RateLimiter}, lets a window straddling two refills see up to twice the count.) Exact within one
 * process, which is enough: the number's partition of {@code whatsapp.outbound} (key: the number)
 * is owned by one sender instance.
 */
public final class NumberRateLimits {

  private static final long WINDOW_NANOS = Duration.ofSeconds(1).toNanos();

  /** A send under way from a number: {@link #done()} once its answer came (or it failed). */
  public static final class Permit {
    private final ArrayDeque<Permit> log;
    private long doneAt = Long.MAX_VALUE;

    private Permit(ArrayDeque<Permit> log) {
      this.log = log;
    }

    /** The send is over: it counts for a second from now. */
    public void done(long nanoTime) {
      synchronized (log) {
        if (doneAt == Long.MAX_VALUE) {
          doneAt = nanoTime;
        }
        log.notifyAll();
      }
    }
  }

  private final int perSecond;
  private final long maxWaitNanos;
  private final LongSupplier nanoTime;
  private final Map<String, ArrayDeque<Permit>> logs = new ConcurrentHashMap<>();

  /**
   * @param perSecond sends per number in any one-second window
   * @param maxWait how long {@link #acquire} waits for a permit at most
   */
  public NumberRateLimits(int perSecond, Duration maxWait) {
    this(perSecond, maxWait, System::nanoTime);
  }

  NumberRateLimits(int perSecond, Duration maxWait, LongSupplier nanoTime) {
    if (perSecond < 1) {
      throw new IllegalArgumentException("perSecond: at least 1, was " + perSecond);
    }
    this.perSecond = perSecond;
    this.maxWaitNanos = maxWait.toNanos();
    this.nanoTime = nanoTime;
  }

  public int perSecond() {
    return perSecond;
  }

  /** The clock the permits are counted on. */
  public long now() {
    return nanoTime.getAsLong();
  }

  /**
   * A permit to send from {@code phoneNumberId}, waiting for one up to the maximum wait; the caller
   * must call {@link Permit#done} with {@link #now()} once the send is over.
   *
   * @return null when none came in time (nothing was taken)
   */
  public Permit acquire(String phoneNumberId) {
    ArrayDeque<Permit> log = logs.computeIfAbsent(phoneNumberId, n -> new ArrayDeque<>());
    long deadline = nanoTime.getAsLong() + maxWaitNanos;
    synchronized (log) {
      while (true) {
        long now = nanoTime.getAsLong();
        if (log.size() >= perSecond) {
          Permit oldest = log.peekFirst();
          if (oldest.doneAt != Long.MAX_VALUE && now - oldest.doneAt >= WINDOW_NANOS) {
            log.pollFirst();
          }
        }
        if (log.size() < perSecond) {
          Permit permit = new Permit(log);
          log.addLast(permit);
          return permit;
        }
        Permit oldest = log.peekFirst();
        // not answered yet: look again when it is (notified) or in a while
        long freeAt =
            oldest.doneAt == Long.MAX_VALUE ? now + 10_000_000 : oldest.doneAt + WINDOW_NANOS;
        if (now >= deadline || (oldest.doneAt != Long.MAX_VALUE && freeAt > deadline)) {
          return null;
        }
        long wait = Math.max(1, Math.min(freeAt, deadline) - now);
        try {
          log.wait(wait / 1_000_000, (int) (wait % 1_000_000));
        } catch (InterruptedException e) {
          Thread.currentThread().interrupt();
          return null;
        }
      }
    }
  }
}
