package io.sahabot.agent.usage;

import java.util.UUID;
import java.util.function.Supplier;

/** Stand-in until the usage package lands. */
public final class TurnAttribution {

  private TurnAttribution() {}

  public static <T> T with(UUID tenantId, String userId, String messageId, Supplier<T> work) {
    return work.get();
  }
}
