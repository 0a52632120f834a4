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
      return latencyMicros.getTotalCount() == 0
          ? Double.NaN
          : latencyMicros.getValueAtPercentile(p) / 1000.0;
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

  /** Keeps {@code inFlight} messages in flight; counts the replies in the measured window. */
  Result maximum(int inFlight, Duration warmup, Duration window) throws Exception {
    Semaphore permits = new Semaphore(inFlight);
    return drive(
        warmup,
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

  private Result drive(Duration warmup, Duration window, Semaphore permits, Pace pace)
      throws Exception {
    Map<String, Long> sent = new ConcurrentHashMap<>();
    Histogram latencies = new ConcurrentHistogram(3);
    AtomicLong replied = new AtomicLong();
    AtomicLong refused = new AtomicLong();
    long windowStart = System.nanoTime() + warmup.toNanos();
    long windowEnd = windowStart + window.toNanos();
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
                  if (t0 >= windowStart && t0 <= windowEnd) {
                    latencies.recordValue(Math.max(0, (call.atNanos() - t0) / 1000));
                  }
                  if (call.atNanos() >= windowStart && call.atNanos() <= windowEnd) {
                    replied.incrementAndGet();
                  }
                })) {
      long base = sequence.get();
      for (long i = 0; ; i++) {
        long n = base + i;
        long due = pace.next(i, windowEnd);
        if (due < 0) {
          break;
        }
        sequence.incrementAndGet();
        String wamid = wamid(n);
        Webhooks.Signed webhook = next(n);
        sent.put(wamid, due);
        http.post(ctx.webhookUrl, webhook)
            .subscribe(
                status -> {
                  if (status != 200) {
                    refused.incrementAndGet();
                    if (sent.remove(wamid) != null && permits != null) {
                      permits.release();
                    }
                  }
                },
                e -> {
                  refused.incrementAndGet();
                  if (sent.remove(wamid) != null && permits != null) {
                    permits.release();
                  }
                });
      }
      long waitUntil = System.nanoTime() + Duration.ofSeconds(60).toNanos();
      while (!sent.isEmpty() && System.nanoTime() < waitUntil) {
        Thread.sleep(100);
      }
      return new Result(
          replied.get(), window.toNanos() / 1e9, sent.size(), refused.get(), latencies);
    }
  }

  static List<String> header() {
    return List.of("run", "offered", "replies/s", "p50", "p99", "p99.9", "no reply", "refused");
  }
}
