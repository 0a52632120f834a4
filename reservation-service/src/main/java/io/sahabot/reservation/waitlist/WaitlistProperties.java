package io.sahabot.reservation.waitlist;

import java.time.Duration;
import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;

/**
 * The waitlist scheduler, prefix {@code sahabot.reservation.waitlist}.
 *
 * @param enabled whether this instance runs the scheduler
 * @param interval the pause between two passes
 * @param batchSize offers and expiries claimed per transaction, 1 to 1000
 */
@ConfigurationProperties("sahabot.reservation.waitlist")
public record WaitlistProperties(
    @DefaultValue("true") boolean enabled,
    @DefaultValue("10s") Duration interval,
    @DefaultValue("100") int batchSize) {

  public WaitlistProperties {
    if (interval == null || interval.isNegative() || interval.isZero()) {
      throw new IllegalArgumentException("sahabot.reservation.waitlist.interval must be positive");
    }
    if (batchSize < 1 || batchSize > 1000) {
      throw new IllegalArgumentException(
          "sahabot.reservation.waitlist.batch-size must be between 1 and 1000");
    }
  }
}
