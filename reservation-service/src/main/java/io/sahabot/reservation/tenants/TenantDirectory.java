package io.sahabot.reservation.tenants;

import io.sahabot.schemas.tenant.TenantSnapshot;
import java.time.Duration;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;
import java.util.concurrent.ConcurrentHashMap;
import org.springframework.stereotype.Component;
import reactor.core.publisher.Mono;

/**
 * The local view of every tenant, filled from the compacted {@code tenant.changelog} topic by
 * {@link TenantChangelogReader}. Keeps the snapshot with the highest version per tenant.
 */
@Component
public class TenantDirectory {

  private static final Duration POLL = Duration.ofMillis(50);
  private final Map<UUID, TenantView> tenants = new ConcurrentHashMap<>();

  public void apply(TenantSnapshot snapshot) {
    tenants.merge(
        snapshot.tenantId(),
        TenantView.of(snapshot),
        (old, neu) -> neu.version() >= old.version() ? neu : old);
  }

  public Optional<TenantView> find(UUID tenantId) {
    return Optional.ofNullable(tenants.get(tenantId));
  }

  /** The tenant, waiting up to {@code wait} for its snapshot to arrive; empty if it does not. */
  public Mono<TenantView> await(UUID tenantId, Duration wait) {
    Mono<TenantView> lookup = Mono.fromSupplier(() -> tenants.get(tenantId));
    if (wait.isZero()) {
      return lookup;
    }
    long attempts = Math.max(1, wait.toMillis() / POLL.toMillis());
    return lookup.repeatWhenEmpty(
        repeats -> repeats.take(attempts).concatMap(i -> Mono.delay(POLL)));
  }

  public int size() {
    return tenants.size();
  }
}
