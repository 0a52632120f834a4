package io.sahabot.bench;

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

  HttpLoad.Result run(Context ctx, String what, String url) {
    try (HttpLoad load = new HttpLoad(CONNECTIONS)) {
      ctx.progress.say("      %s: warm-up %d s", what, ctx.plan.warmup().toSeconds());
      load.closedLoop(url, i -> bodies.get((int) (i % BODIES)), ctx.plan.warmup());
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
