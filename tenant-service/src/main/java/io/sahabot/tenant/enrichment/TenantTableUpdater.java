package io.sahabot.tenant.enrichment;

import io.sahabot.schemas.tenant.TenantChangelogRecord;
import io.sahabot.schemas.tenant.TenantSnapshot;
import org.apache.kafka.streams.processor.api.Processor;
import org.apache.kafka.streams.processor.api.ProcessorContext;
import org.apache.kafka.streams.processor.api.Record;
import org.apache.kafka.streams.state.KeyValueStore;

/**
 * Keeps the newest snapshot of each number's tenant: a snapshot older than the stored one is
 * ignored.
 */
final class TenantTableUpdater implements Processor<String, TenantChangelogRecord, Void, Void> {

  private KeyValueStore<String, TenantChangelogRecord> tenants;

  @Override
  public void init(ProcessorContext<Void, Void> context) {
    tenants = context.getStateStore(EnrichmentTopology.TENANTS_STORE);
  }

  @Override
  public void process(Record<String, TenantChangelogRecord> record) {
    if (record.key() == null || !(record.value() instanceof TenantSnapshot snapshot)) {
      return;
    }
    if (tenants.get(record.key()) instanceof TenantSnapshot current
        && current.tenantId().equals(snapshot.tenantId())
        && current.version() > snapshot.version()) {
      return;
    }
    tenants.put(record.key(), snapshot);
  }
}
