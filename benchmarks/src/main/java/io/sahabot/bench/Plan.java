package io.sahabot.bench;

import java.time.Duration;
import java.util.List;

/**
 * How long and how big each benchmark runs: {@link #full()} (about 20 minutes on 2 cores) or {@link
 * #quick()} (3-4 minutes: shorter windows, fewer tenants, fewer levels).
 *
 * @param name {@code full} or {@code quick}
 * @param warmup run before each measured window, not counted
 * @param httpWarmup run before the bare endpoint's and ingress's windows, not counted: both are
 *     JVMs compiling their hot path, which takes 30-40 s on 2 cores
 * @param window one measured window (bare endpoint, ingress, end to end at half rate)
 * @param rawWindow each raw limit (Kafka producer, PostgreSQL insert)
 * @param tenants tenants provisioned through webhooks (reservation commands spread over them)
 * @param commands reservation commands per scenario (spread, hot)
 * @param businesses business numbers of the end-to-end load (sender pace 80/s each)
 * @param e2eInFlight messages in flight end to end while looking for the maximum rate
 * @param agentLevels conversations in flight with the slow model
 * @param agentWindow measured window per agent level
 * @param senderWindow window in which one number's pace is counted
 * @param senderPerNumber messages per number in the across-100-numbers run
 */
record Plan(
    String name,
    Duration warmup,
    Duration httpWarmup,
    Duration window,
    Duration rawWindow,
    int tenants,
    int commands,
    int businesses,
    int e2eInFlight,
    List<Integer> agentLevels,
    Duration agentWindow,
    Duration senderWindow,
    int senderPerNumber) {

  static Plan full() {
    return new Plan(
        "full",
        Duration.ofSeconds(5),
        Duration.ofSeconds(45),
        Duration.ofSeconds(20),
        Duration.ofSeconds(8),
        10_000,
        3000,
        50,
        256,
        List.of(10, 100, 500),
        Duration.ofSeconds(15),
        Duration.ofSeconds(10),
        100);
  }

  /** The same plan with {@code tenants} tenants, or unchanged when null. */
  Plan withTenants(Integer tenants) {
    return tenants == null
        ? this
        : new Plan(
            name,
            warmup,
            httpWarmup,
            window,
            rawWindow,
            tenants,
            commands,
            businesses,
            e2eInFlight,
            agentLevels,
            agentWindow,
            senderWindow,
            senderPerNumber);
  }

  static Plan quick() {
    return new Plan(
        "quick",
        Duration.ofSeconds(5),
        Duration.ofSeconds(15),
        Duration.ofSeconds(5),
        Duration.ofSeconds(3),
        100,
        300,
        50,
        128,
        List.of(100),
        Duration.ofSeconds(5),
        Duration.ofSeconds(4),
        30);
  }
}
