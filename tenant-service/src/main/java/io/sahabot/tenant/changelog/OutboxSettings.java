package io.sahabot.tenant.changelog;

import jakarta.validation.constraints.NotNull;
import jakarta.validation.constraints.Positive;
import java.time.Duration;

/**
 * The changelog relay's settings ({@code sahabot.tenant.outbox.*}).
 *
 * @param pollInterval how often it looks for unpublished changes (of other instances, or left by a
 *     failure); a change made through this instance is published at once
 * @param publishWait how long a change's request waits for its publication before answering (the
 *     change is committed either way; the relay publishes it later)
 * @param retention how long published versions are kept in the outbox
 * @param batch tenants per pass at most
 * @param sendTimeout how long the relay waits for Kafka to acknowledge one version: its transaction
 *     (and connection) is held meanwhile, so a broker away ends the pass instead of holding it for
 *     the producer's delivery timeout (2 min); null: 10 s
 */
public record OutboxSettings(
    @NotNull Duration pollInterval,
    @NotNull Duration publishWait,
    @NotNull Duration retention,
    @Positive int batch,
    Duration sendTimeout) {

  public OutboxSettings {
    sendTimeout = sendTimeout == null ? Duration.ofSeconds(10) : sendTimeout;
  }
}
