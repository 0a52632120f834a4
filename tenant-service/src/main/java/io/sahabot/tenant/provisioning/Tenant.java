package io.sahabot.tenant.provisioning;

import io.sahabot.schemas.tenant.TenantSettings;
import io.sahabot.schemas.tenant.TenantSnapshot;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Instant;
import java.util.UUID;

/**
 * A tenant as tenant-service stores it.
 *
 * @param version increases with every change; the version of the snapshot it publishes
 */
public record Tenant(
    UUID id,
    String phoneNumberId,
    String displayPhoneNumber,
    String businessName,
    boolean active,
    TenantSettings settings,
    long version,
    Instant createdAt,
    Instant updatedAt) {

  /**
   * The snapshot of this version of the tenant. Its event id is derived from the tenant and the
   * version, so publishing the same version twice publishes the same event. A tenant never stored
   * (no {@code updatedAt}) is stamped with the clock's now.
   */
  public TenantSnapshot snapshot(String causationId, Clock clock) {
    String eventId =
        UUID.nameUUIDFromBytes((id + "|v" + version).getBytes(StandardCharsets.UTF_8)).toString();
    return new TenantSnapshot(
        eventId,
        updatedAt == null ? clock.instant() : updatedAt,
        id,
        causationId,
        phoneNumberId,
        displayPhoneNumber,
        businessName,
        active,
        settings,
        version);
  }
}
