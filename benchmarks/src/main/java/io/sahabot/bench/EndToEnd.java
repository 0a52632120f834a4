package io.sahabot.bench;

import java.time.Duration;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.Semaphore;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.locks.LockSupport;
import org.HdrHistogram.ConcurrentHistogram;
import org.HdrHistogram.Histogram;

/**
 * Benchmark 4: signed webhooks into ingress, Graph API calls out of its sender (the stub), the
 * offline model in between: each message a booking request from a new customer to one of the
 * business numbers. The maximum is the replies per second with a fixed number of messages in
 * flight; the latency is then taken at a fixed offered rate of half that maximum, from the time
 * each webhook was due to be sent (so a late send counts) to its reply's arrival.
 */
final class EndToEnd implements AutoCloseable {

  /**
   * Every message of a run answered exactly once: the replies counted per quoted message id at the
   * Graph API stub, for every webhook ingress accepted.
   *
   * @param accepted webhooks ingress acknowledged with 200
   * @param once messages with exactly one reply quoting them
   * @param lost messages no reply quotes
   * @param duplicated messages with more than one reply quoting them
   */
  record Correctness(long accepted, long once, long lost, long duplicated) {
    boolean exact() {
      return lost == 0 && duplicated == 0 && once == accepted;
    }

    String line() {
      return String.format(
          Locale.ROOT,
          "%,d messages accepted: %,d answered exactly once, %,d lost, %,d answered twice or more"
              + " (replies counted per quoted wamid at the Graph API stub)%s",
          accepted,
          once,
          lost,
          duplicated,
          exact() ? "" : " **not exact**");
    }
  }

  /** What one run measured. */
  record Result(long replied, double seconds, long lost, long refused, Histogram latencyMicros) {
    double perSecond() {
      return replied / seconds;
    }

    double percentileMs(double p) {
      return Report.percentileMs(latencyMicros, p);
    }
  }

  private static final String[] DAYS = {
    "Pazartesi", "Salı", "Çarşamba", "Perşembe", "Cuma", "Cumartesi", "Pazar"
  };

  private static final String PREFIX = "wamid.BENCH.E2E.";

  private final Context ctx;
  private final List<String> webhookUrls;
  private final AtomicLong sequence;
  private final Set<String> accepted = ConcurrentHashMap.newKeySet();
  private final Map<String, AtomicInteger> replies = new ConcurrentHashMap<>();
  private final AutoCloseable tally;

  /**
   * Messages numbered from {@code firstMessage} (each run its own numbers: tenant-service drops a
   * message id it has seen), posted round-robin to {@code webhookUrls} (one per ingress instance).
   */
  EndToEnd(Context ctx, List<String> webhookUrls, long firstMessage) {
    this.ctx = ctx;
    this.webhookUrls = List.copyOf(webhookUrls);
    this.sequence = new AtomicLong(firstMessage);
    this.tally =
        ctx.graph.listen(
            call -> {
              if (call.quoted() != null && call.quoted().startsWith(PREFIX)) {
                replies.computeIfAbsent(call.quoted(), k -> new AtomicInteger()).incrementAndGet();
              }
            });
  }

  /**
   * The replies so far to every message this instance sent and ingress accepted; waits (at most
   * {@code settle}) until the count has not changed for three seconds, so a late duplicate counts.
   */
  Correctness correctness(Duration settle) throws InterruptedException {
    long deadline = System.nanoTime() + settle.toNanos();
    long total = -1;
    long stableSince = System.nanoTime();
    while (System.nanoTime() < deadline) {
      long now = replies.values().stream().mapToLong(AtomicInteger::get).sum();
      if (now != total) {
        total = now;
        stableSince = System.nanoTime();
      } else if (System.nanoTime() - stableSince > 3_000_000_000L) {
        break;
      }
      Thread.sleep(250);
    }
    long once = 0;
    long lost = 0;
    long duplicated = 0;
    for (String wamid : accepted) {
      AtomicInteger n = replies.get(wamid);
      int count = n == null ? 0 : n.get();
      if (count == 0) {
        lost++;
      } else if (count == 1) {
        once++;
      } else {
        duplicated++;
      }
    }
    return new Correctness(accepted.size(), once, lost, duplicated);
  }

  @Override
  public void close() throws Exception {
    tally.close();
  }

  private Webhooks.Signed next(long n) {
    Context.Tenant business = ctx.tenants.get((int) (n % ctx.plan.businesses()));
    int hour = 9 + (int) ((n / 7) % 14);
    return ctx.webhooks.text(
        business.phoneNumberId(),
        String.format(Locale.ROOT, "9057%08d", n),
        wamid(n),
        String.format(
            Locale.ROOT,
            "%s %02d:00-%02d:00 için saha ayırmak istiyorum",
            DAYS[(int) (n % 7)],
            hour,
            hour + 1));
  }

  private static String wamid(long n) {
    return PREFIX + n;
  }

  /**
   * Keeps {@code inFlight} messages in flight; counts the replies in the measured window, which
   * opens after the warm-up once the first {@code inFlight} messages were answered (the pipeline is
   * then in its steady state), or after a minute at the latest.
   */
  Result maximum(int inFlight, Duration warmup, Duration window) throws Exception {
    Semaphore permits = new Semaphore(inFlight);
    return drive(
        warmup,
        inFlight,
        window,
        permits,
        (n, deadline) -> {
          while (!permits.tryAcquire(50, TimeUnit.MILLISECONDS)) {
            if (System.nanoTime() > deadline) {
              return -1;
            }
          }
          return System.nanoTime();
        });
  }

  /** Offers {@code perSecond} messages a second, whatever the replies do. */
  Result atRate(double perSecond, Duration window) throws Exception {
    long interval = (long) (1e9 / perSecond);
    long start = System.nanoTime() + 50_000_000L;
    return drive(
        Duration.ZERO,
        0,
        window,
        null,
        (n, deadline) -> {
          long due = start + n * interval;
          if (due > deadline) {
            return -1;
          }
          while (System.nanoTime() < due) {
            LockSupport.parkNanos(due - System.nanoTime());
          }
          return due;
        });
  }

  /** When to send message n (nanos), or -1 to stop. */
  interface Pace {
    long next(long n, long deadline) throws InterruptedException;
  }

  private static final long NOT_YET = Long.MAX_VALUE;
  private static final Duration MAX_WARMUP = Duration.ofSeconds(60);

  private Result drive(
      Duration warmup, long steadyAfter, Duration window, Semaphore permits, Pace pace)
      throws Exception {
    Map<String, Long> sent = new ConcurrentHashMap<>();
    Histogram latencies = new ConcurrentHistogram(3);
    AtomicLong answered = new AtomicLong();
    AtomicLong replied = new AtomicLong();
    AtomicLong refused = new AtomicLong();
    long started = System.nanoTime();
    long earliest = started + warmup.toNanos();
    long latest = started + Math.max(warmup.toNanos(), MAX_WARMUP.toNanos());
    long length = window.toNanos();
    AtomicLong windowStart = new AtomicLong(steadyAfter == 0 ? earliest : NOT_YET);
    try (HttpLoad http = new HttpLoad(IngressLoad.CONNECTIONS);
        AutoCloseable listening =
            ctx.graph.listen(
                call -> {
                  Long t0 = call.quoted() == null ? null : sent.remove(call.quoted());
                  if (t0 == null) {
                    return;
                  }
                  if (permits != null) {
                    permits.release();
                  }
                  long at = call.atNanos();
                  if (answered.incrementAndGet() >= steadyAfter && at >= earliest) {
                    windowStart.compareAndSet(NOT_YET, at);
                  }
                  long from = windowStart.get();
                  if (from != NOT_YET && t0 >= from && t0 <= from + length) {
                    latencies.recordValue(Math.max(0, (at - t0) / 1000));
                  }
                  if (from != NOT_YET && at >= from && at <= from + length) {
                    replied.incrementAndGet();
                  }
                })) {
      long base = sequence.get();
      for (long i = 0; ; i++) {
        if (System.nanoTime() > latest) {
          windowStart.compareAndSet(NOT_YET, latest);
        }
        long from = windowStart.get();
        long deadline = (from == NOT_YET ? latest : from) + length;
        long due = pace.next(i, deadline);
        if (due < 0 || due > deadline) {
          break;
        }
        long n = base + i;
        sequence.incrementAndGet();
        String wamid = wamid(n);
        Webhooks.Signed webhook = next(n);
        sent.put(wamid, due);
        http.post(webhookUrls.get((int) (n % webhookUrls.size())), webhook)
            .subscribe(
                status -> {
                  if (status != 200) {
                    refused(wamid, sent, permits, refused);
                  } else {
                    accepted.add(wamid);
                  }
                },
                e -> refused(wamid, sent, permits, refused));
      }
      long waitUntil = System.nanoTime() + Duration.ofSeconds(60).toNanos();
      while (!sent.isEmpty() && System.nanoTime() < waitUntil) {
        Thread.sleep(100);
      }
      return new Result(replied.get(), length / 1e9, sent.size(), refused.get(), latencies);
    }
  }

  private static void refused(
      String wamid, Map<String, Long> sent, Semaphore permits, AtomicLong refused) {
    refused.incrementAndGet();
    if (sent.remove(wamid) != null && permits != null) {
      permits.release();
    }
  }

  static List<String> header() {
    return List.of("run", "offered", "replies/s", "p50", "p99", "p99.9", "no reply", "refused");
  }
}
