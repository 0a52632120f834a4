package io.sahabot.agent.tenants;

import io.sahabot.schemas.tenant.TenantChangelogRecord;
import io.sahabot.schemas.tenant.TenantSnapshot;
import java.time.Duration;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import org.springframework.kafka.annotation.KafkaListener;
import org.springframework.stereotype.Component;

/**
 * The latest snapshot of every tenant, read from the compacted tenant.changelog from its beginning
 * by every instance (a group of its own), so settings changes reach the agent without a restart.
 * The consumer refreshes its metadata every 10 s rather than Kafka's 5 minutes, so a partition
 * added to the topic is read (from its beginning) within seconds, not after minutes without its
 * tenants.
 */
@Component
public class TenantView {

  private final Map<UUID, TenantSnapshot> tenants = new ConcurrentHashMap<>();
  private final Map<UUID, CompletableFuture<TenantSnapshot>> awaited = new ConcurrentHashMap<>();

  @KafkaListener(
      topics = "tenant.changelog",
      groupId = "agent-tenants-${random.uuid}",
      containerFactory = "tenantChangelogFactory",
      properties = {"auto.offset.reset=earliest", "metadata.max.age.ms=10000"})
  void on(TenantChangelogRecord record) {
    if (record instanceof TenantSnapshot snapshot) {
      put(snapshot);
    }
  }

  public Optional<TenantSnapshot> get(UUID tenantId) {
    return Optional.ofNullable(tenants.get(tenantId));
  }

  /**
   * The tenant's snapshot, waiting up to {@code timeout} for it: a new tenant's first message can
   * arrive a moment before its snapshot does.
   */
  public Optional<TenantSnapshot> await(UUID tenantId, Duration timeout) {
    Optional<TenantSnapshot> known = get(tenantId);
    if (known.isPresent()) {
      return known;
    }
    CompletableFuture<TenantSnapshot> arrival =
        awaited.computeIfAbsent(tenantId, id -> new CompletableFuture<>());
    known = get(tenantId);
    if (known.isPresent()) {
      return known;
    }
    try {
      return Optional.of(arrival.get(timeout.toMillis(), TimeUnit.MILLISECONDS));
    } catch (TimeoutException | ExecutionException e) {
      return Optional.empty();
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      return Optional.empty();
    }
  }

  /** A snapshot, unless a newer one is known; also for tests and the explain endpoint. */
  public void put(TenantSnapshot snapshot) {
    TenantSnapshot current =
        tenants.merge(
            snapshot.tenantId(),
            snapshot,
            (old, fresh) -> fresh.version() >= old.version() ? fresh : old);
    CompletableFuture<TenantSnapshot> waiting = awaited.remove(snapshot.tenantId());
    if (waiting != null) {
      waiting.complete(current);
    }
  }
}
