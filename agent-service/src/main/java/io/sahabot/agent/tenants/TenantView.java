package io.sahabot.agent.tenants;

import io.sahabot.schemas.tenant.TenantChangelogRecord;
import io.sahabot.schemas.tenant.TenantSnapshot;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;
import java.util.concurrent.ConcurrentHashMap;
import org.springframework.kafka.annotation.KafkaListener;
import org.springframework.stereotype.Component;

/**
 * The latest snapshot of every tenant, read from the compacted tenant.changelog from its beginning
 * by every instance (a group of its own), so settings changes reach the agent without a restart.
 */
@Component
public class TenantView {

  private final Map<UUID, TenantSnapshot> tenants = new ConcurrentHashMap<>();

  @KafkaListener(
      topics = "tenant.changelog",
      groupId = "agent-tenants-${random.uuid}",
      containerFactory = "tenantChangelogFactory",
      properties = {"auto.offset.reset=earliest"})
  void on(TenantChangelogRecord record) {
    if (record instanceof TenantSnapshot snapshot) {
      tenants.merge(
          snapshot.tenantId(),
          snapshot,
          (old, fresh) -> fresh.version() >= old.version() ? fresh : old);
    }
  }

  public Optional<TenantSnapshot> get(UUID tenantId) {
    return Optional.ofNullable(tenants.get(tenantId));
  }

  /** For tests and the explain endpoint: a snapshot known without the topic. */
  public void put(TenantSnapshot snapshot) {
    tenants.put(snapshot.tenantId(), snapshot);
  }
}
