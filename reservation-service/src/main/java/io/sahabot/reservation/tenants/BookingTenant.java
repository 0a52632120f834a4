package io.sahabot.reservation.tenants;

import io.sahabot.platform.tenants.TenantSnapshots;
import io.sahabot.schemas.tenant.TenantSettings;
import io.sahabot.schemas.tenant.TenantSnapshot;
import java.time.Duration;
import java.util.UUID;
import reactor.core.publisher.Mono;

/**
 * A tenant as bookings, queries and the table see it: the part of its latest snapshot (platform's
 * {@link TenantSnapshots}, read from {@code tenant.changelog}) this service decides with.
 */
public record BookingTenant(
    UUID id, String businessName, boolean active, TenantSettings settings, long version) {

  public static BookingTenant of(TenantSnapshot s) {
    return new BookingTenant(s.tenantId(), s.businessName(), s.active(), s.settings(), s.version());
  }

  /** The tenant, waiting up to {@code wait} for its snapshot to arrive; empty if it does not. */
  public static Mono<BookingTenant> await(TenantSnapshots snapshots, UUID tenantId, Duration wait) {
    if (wait.isZero()) {
      return Mono.defer(() -> Mono.justOrEmpty(snapshots.get(tenantId))).map(BookingTenant::of);
    }
    return Mono.fromFuture(() -> snapshots.arrival(tenantId))
        .timeout(wait, Mono.empty())
        .map(BookingTenant::of);
  }
}
