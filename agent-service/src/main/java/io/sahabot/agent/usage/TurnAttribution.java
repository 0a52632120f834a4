package io.sahabot.agent.usage;

import java.util.Objects;
import java.util.Optional;
import java.util.UUID;
import java.util.function.Supplier;

/**
 * Who a model call is for: the tenant, user and inbound message of the turn running on this thread.
 *
 * <p>The turn code wraps the (synchronous) AI service call in {@link #with}; {@link
 * MeteredChatModel} reads {@link #current()} to record each model call's tokens for that turn.
 * Scoped to the thread and to the call: the previous attribution (normally none) is restored
 * afterwards, also when the work throws.
 */
public final class TurnAttribution {

  /** The turn a model call belongs to; {@code messageId} (the wamid) may be null. */
  public record Attribution(UUID tenantId, String userId, String messageId) {
    public Attribution {
      Objects.requireNonNull(tenantId, "tenantId");
    }
  }

  private static final ThreadLocal<Attribution> CURRENT = new ThreadLocal<>();

  private TurnAttribution() {}

  /** Runs {@code work} on this thread attributed to the given turn and returns its result. */
  public static <T> T with(UUID tenantId, String userId, String messageId, Supplier<T> work) {
    Attribution previous = CURRENT.get();
    CURRENT.set(new Attribution(tenantId, userId, messageId));
    try {
      return work.get();
    } finally {
      if (previous == null) {
        CURRENT.remove();
      } else {
        CURRENT.set(previous);
      }
    }
  }

  /** The turn running on this thread, if any. */
  public static Optional<Attribution> current() {
    return Optional.ofNullable(CURRENT.get());
  }
}
