package io.sahabot.bench;

import java.time.Duration;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.Semaphore;
import java.util.concurrent.TimeUnit;
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
final class EndToEnd {

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

  private final Context ctx;
  private final AtomicLong sequence = new AtomicLong();

  EndToEnd(Context ctx) {
    this.ctx = ctx;
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
    return "wamid.BENCH.E2E." + n;
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
        http.post(ctx.webhookUrl, webhook)
            .subscribe(
                status -> {
                  if (status != 200) {
                    refused(wamid, sent, permits, refused);
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
