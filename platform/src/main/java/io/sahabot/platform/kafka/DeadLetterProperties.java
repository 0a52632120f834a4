package io.sahabot.platform.kafka;

import java.time.Duration;
import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;
import org.springframework.util.backoff.BackOff;
import org.springframework.util.backoff.ExponentialBackOff;

/**
 * The back-off of a listener's failed record before it goes to the dead-letter topic ({@code
 * sahabot.kafka.retry.*}): {@code interval} before the first retry, each next one {@code
 * multiplier} times longer (at most {@code max-interval}), at most {@code max-retries} retries and
 * no retry started after {@code max-elapsed}. Always bounded.
 */
@ConfigurationProperties("sahabot.kafka.retry")
public record DeadLetterProperties(
    @DefaultValue("500ms") Duration interval,
    @DefaultValue("1.0") double multiplier,
    @DefaultValue("10s") Duration maxInterval,
    @DefaultValue("2") int maxRetries,
    @DefaultValue("30s") Duration maxElapsed) {

  public DeadLetterProperties {
    if (interval.isNegative() || maxInterval.isNegative() || maxElapsed.isNegative()) {
      throw new IllegalArgumentException("sahabot.kafka.retry: durations must not be negative");
    }
    if (multiplier < 1.0) {
      throw new IllegalArgumentException("sahabot.kafka.retry.multiplier must be at least 1");
    }
    if (maxRetries < 0) {
      throw new IllegalArgumentException("sahabot.kafka.retry.max-retries must not be negative");
    }
  }

  /** The defaults: two retries half a second apart. */
  public static DeadLetterProperties defaults() {
    return new DeadLetterProperties(
        Duration.ofMillis(500), 1.0, Duration.ofSeconds(10), 2, Duration.ofSeconds(30));
  }

  public BackOff backOff() {
    ExponentialBackOff backOff = new ExponentialBackOff(interval.toMillis(), multiplier);
    backOff.setMaxInterval(Math.max(interval.toMillis(), maxInterval.toMillis()));
    backOff.setMaxAttempts(maxRetries);
    backOff.setMaxElapsedTime(maxElapsed.toMillis());
    return backOff;
  }
}
