package io.sahabot.agent.usage;

import java.util.UUID;
import reactor.core.publisher.Mono;

/** Where a metered model reports each call's tokens; {@link TokenUsageRecorder} in the service. */
@FunctionalInterface
public interface TokenUsageSink {

  Mono<Void> record(
      UUID tenantId,
      String userId,
      String messageId,
      String model,
      int inputTokens,
      int outputTokens);
}
