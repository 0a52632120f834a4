package io.sahabot.platform.kafka;

import java.time.Duration;
import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;

/**
 * The dead-letter depth gauge ({@link DeadLetterDepth}), prefix {@code sahabot.kafka.dlt-depth}.
 *
 * @param enabled whether the service measures the depth of the dead-letter topics it writes
 * @param interval how often the offsets are read
 * @param group a consumer group that works the dead letters off (operators' tooling), if any: the
 *     depth is then what it has not committed yet; without one (none is documented today) the depth
 *     is every record the topic holds (end offset minus beginning offset)
 */
@ConfigurationProperties("sahabot.kafka.dlt-depth")
public record DeadLetterDepthProperties(
    @DefaultValue("true") boolean enabled, @DefaultValue("30s") Duration interval, String group) {

  public DeadLetterDepthProperties {
    if (interval == null || interval.isNegative() || interval.isZero()) {
      throw new IllegalArgumentException("sahabot.kafka.dlt-depth.interval must be positive");
    }
    if (group != null && group.isBlank()) {
      group = null;
    }
  }
}
