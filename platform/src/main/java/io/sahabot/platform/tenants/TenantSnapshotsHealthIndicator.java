package io.sahabot.platform.tenants;

import org.springframework.boot.health.contributor.Health;
import org.springframework.boot.health.contributor.HealthIndicator;

/**
 * The {@code tenants} health component: UP once {@link TenantSnapshots} has read what {@code
 * tenant.changelog} held when the service started, DOWN until then (the broker unreachable, or the
 * topic still being read), with why. A service that knows no tenant yet would reject every command
 * or turn as "tenant inactive", so it is not ready; services put this component in their readiness
 * group ({@code management.endpoint.health.group.readiness.include}).
 */
public class TenantSnapshotsHealthIndicator implements HealthIndicator {

  private final TenantSnapshots tenants;

  public TenantSnapshotsHealthIndicator(TenantSnapshots tenants) {
    this.tenants = tenants;
  }

  @Override
  public Health health() {
    Health.Builder health = tenants.caughtUp() ? Health.up() : Health.down();
    health.withDetail("topic", tenants.topic()).withDetail("tenants", tenants.size());
    if (!tenants.caughtUp()) {
      health.withDetail("state", "reading " + tenants.topic() + " up to where it ended at start");
    }
    tenants.lastFailure().ifPresent(failure -> health.withDetail("lastFailure", failure));
    return health.build();
  }
}
