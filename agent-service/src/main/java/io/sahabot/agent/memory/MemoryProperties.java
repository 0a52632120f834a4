package io.sahabot.agent.memory;

import java.time.Duration;
import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;

/**
 * The conversation memory's settings.
 *
 * @param window how many messages a conversation keeps (older ones are evicted); default 40
 * @param timeout how long a memory read or write may block a turn's thread; default 5s
 */
@ConfigurationProperties("sahabot.agent.memory")
public record MemoryProperties(
    @DefaultValue("40") int window, @DefaultValue("5s") Duration timeout) {

  public MemoryProperties {
    if (window < 2) {
      throw new IllegalArgumentException("sahabot.agent.memory.window must be at least 2");
    }
    if (timeout == null || timeout.isZero() || timeout.isNegative()) {
      throw new IllegalArgumentException("sahabot.agent.memory.timeout must be positive");
    }
  }

  public static MemoryProperties defaults() {
    return new MemoryProperties(40, Duration.ofSeconds(5));
  }
}
