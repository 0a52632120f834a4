package io.sahabot.reservation.tenants;

import io.sahabot.schemas.tenant.TenantSettings;
import io.sahabot.schemas.tenant.TenantSnapshot;
import java.util.UUID;

/** What this service knows of a tenant: the latest snapshot from {@code tenant.changelog}. */
public record TenantView(
    UUID id, String businessName, boolean active, TenantSettings settings, long version) {

  static TenantView of(TenantSnapshot s) {
    return new TenantView(s.tenantId(), s.businessName(), s.active(), s.settings(), s.version());
  }
}
