package io.sahabot.bench;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

/**
 * Benchmarks 1 (the bare endpoint) and 2 (ingress): signed webhooks at 64 connections, from the
 * same generator and the same bodies, so the ratio is the ingress's own cost.
 */
final class IngressLoad {

  static final int CONNECTIONS = 64;
  private static final int BODIES = 1000;

  private final List<Webhooks.Signed> bodies = new ArrayList<>();

  IngressLoad(Webhooks webhooks) {
    for (int i = 0; i < BODIES; i++) {
      bodies.add(
          webhooks.text(
              String.format(Locale.ROOT, "7200000000%02d", i % 50),
              String.format(Locale.ROOT, "9056%08d", i),
              "wamid.BENCH.INGRESS." + i,
              "Pazartesi 20:00-21:00 için saha ayırmak istiyorum"));
    }
  }

  Webhooks.Signed sample() {
    return bodies.get(0);
  }

  /**
   * {@code plan.httpWarmup()} in slices of {@link #SLICE}, each slice's rate printed: a JVM started
   * moments ago is still compiling, and on this 2-core machine the bare endpoint and ingress both
   * climb for 30-40 s before they level off. Both are warmed up alike.
   */
  private void warmUp(Context ctx, String what, String url, HttpLoad load) {
    long slices = Math.max(1, ctx.plan.httpWarmup().toSeconds() / SLICE.toSeconds());
    for (long slice = 1; slice <= slices; slice++) {
      HttpLoad.Result r = load.closedLoop(url, i -> bodies.get((int) (i % BODIES)), SLICE);
      ctx.progress.say(
          "      %s: warm-up %d/%d: %s", what, slice, slices, Report.rate(r.perSecond()));
    }
  }

  static final Duration SLICE = Duration.ofSeconds(5);

  HttpLoad.Result run(Context ctx, String what, String url) {
    return run(ctx, what, url, () -> {});
  }

  /** The same, running {@code atWindow} between the warm-up and the measured window. */
  HttpLoad.Result run(Context ctx, String what, String url, Runnable atWindow) {
    try (HttpLoad load = new HttpLoad(CONNECTIONS)) {
      warmUp(ctx, what, url, load);
      atWindow.run();
      ctx.progress.say("      %s: measuring %d s", what, ctx.plan.window().toSeconds());
      HttpLoad.Result r =
          load.closedLoop(url, i -> bodies.get((int) (i % BODIES)), ctx.plan.window());
      ctx.progress.say(
          "      %s: %s, p99 %s, %d failed",
          what, Report.rate(r.perSecond()), Report.ms(r.percentileMs(99)), r.failed());
      return r;
    }
  }
}
