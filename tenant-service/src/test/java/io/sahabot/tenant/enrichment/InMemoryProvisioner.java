package io.sahabot.tenant.enrichment;

import io.sahabot.schemas.tenant.TenantSettings;
import io.sahabot.tenant.provisioning.Provisioned;
import io.sahabot.tenant.provisioning.Tenant;
import java.time.Instant;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicInteger;

/** A {@link TenantProvisioner} for topology tests: tenants in a map, with the default settings. */
final class InMemoryProvisioner implements TenantProvisioner {

  final Map<String, Tenant> tenants = new ConcurrentHashMap<>();
  final AtomicInteger calls = new AtomicInteger();

  @Override
  public Provisioned getOrCreate(String phoneNumberId, String displayPhoneNumber) {
    calls.incrementAndGet();
    boolean[] created = {false};
    Tenant tenant =
        tenants.computeIfAbsent(
            phoneNumberId,
            n -> {
              created[0] = true;
              Instant now = Instant.parse("2026-11-27T10:00:00Z");
              return new Tenant(
                  UUID.randomUUID(),
                  n,
                  displayPhoneNumber,
                  "Tenant " + n,
                  true,
                  TenantSettings.defaults(),
                  1,
                  now,
                  now);
            });
    return new Provisioned(tenant, created[0]);
  }
}
