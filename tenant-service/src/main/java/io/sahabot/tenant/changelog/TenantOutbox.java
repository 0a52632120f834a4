package io.sahabot.tenant.changelog;

import io.sahabot.schemas.Json;
import io.sahabot.schemas.tenant.TenantChangelogRecord;
import io.sahabot.schemas.tenant.TenantSnapshot;
import java.time.Clock;
import java.time.Duration;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.UUID;
import org.springframework.r2dbc.core.DatabaseClient;
import org.springframework.stereotype.Repository;
import reactor.core.publisher.Flux;
import reactor.core.publisher.Mono;

/**
 * The rows of {@code tenant_outbox} (migration {@code V14_1}): the snapshot of every version of
 * every tenant, written in the transaction that made the version, until {@link ChangelogRelay} has
 * published it on {@code tenant.changelog}.
 *
 * <p>Every method but {@link #tenantsWithUnpublished(int)} runs on a connection already in the
 * tenant's row-level-security context ({@code app.tenant_id} set in its transaction): the table is
 * a tenant table like any other. The cross-tenant scan is the {@code SECURITY DEFINER} function
 * {@code unpublished_tenant_changes}, which gives tenant ids and versions only.
 */
@Repository
public class TenantOutbox {

  private final DatabaseClient db;
  private final Clock clock;

  public TenantOutbox(DatabaseClient db, Clock clock) {
    this.db = db;
    this.clock = clock;
  }

  /**
   * Enters the snapshot's tenant's context and appends this version of it: to be called in the
   * transaction that wrote that version of the {@code tenants} row.
   */
  public Mono<TenantSnapshot> append(TenantSnapshot snapshot) {
    return db.sql("SELECT set_config('app.tenant_id', :tenant, true)")
        .bind("tenant", snapshot.tenantId().toString())
        .fetch()
        .rowsUpdated()
        .then(
            db.sql(
                    "INSERT INTO tenant_outbox (tenant_id, version, snapshot)"
                        + " VALUES (:tenant, :version, CAST(:snapshot AS jsonb))")
                .bind("tenant", snapshot.tenantId())
                .bind("version", snapshot.version())
                .bind("snapshot", json(snapshot))
                .fetch()
                .rowsUpdated())
        .thenReturn(snapshot);
  }

  /** Tenants with unpublished versions, the longest waiting first (ids only). */
  public Flux<UUID> tenantsWithUnpublished(int limit) {
    return db.sql("SELECT tenant_id FROM unpublished_tenant_changes(:limit)")
        .bind("limit", limit)
        .map(row -> row.get("tenant_id", UUID.class))
        .all();
  }

  /**
   * Takes the tenant's relay lock for the transaction: false when another relay (another instance
   * of the service) is publishing this tenant's versions now.
   */
  Mono<Boolean> lock(UUID tenantId) {
    return db.sql(
            "SELECT pg_try_advisory_xact_lock(hashtextextended('tenant_outbox:' || :tenant, 0))"
                + " AS locked")
        .bind("tenant", tenantId.toString())
        .map(row -> Boolean.TRUE.equals(row.get("locked", Boolean.class)))
        .one();
  }

  /** The tenant's unpublished snapshots, in version order. */
  Flux<TenantSnapshot> unpublished(UUID tenantId) {
    return db.sql(
            "SELECT snapshot::text AS snapshot FROM tenant_outbox"
                + " WHERE tenant_id = :tenant AND published_at IS NULL ORDER BY version")
        .bind("tenant", tenantId)
        .map(row -> snapshot(row.get("snapshot", String.class)))
        .all();
  }

  /**
   * Marks the versions up to {@code version} published, and forgets the tenant's versions published
   * more than {@code retention} ago (the latest one is kept).
   */
  Mono<Long> markPublished(UUID tenantId, long version, Duration retention) {
    OffsetDateTime now = OffsetDateTime.ofInstant(clock.instant(), ZoneOffset.UTC);
    return db.sql(
            "UPDATE tenant_outbox SET published_at = :now"
                + " WHERE tenant_id = :tenant AND version <= :version AND published_at IS NULL")
        .bind("now", now)
        .bind("tenant", tenantId)
        .bind("version", version)
        .fetch()
        .rowsUpdated()
        .flatMap(
            marked ->
                db.sql(
                        "DELETE FROM tenant_outbox WHERE tenant_id = :tenant"
                            + " AND published_at < :before AND version < :version")
                    .bind("tenant", tenantId)
                    .bind("before", now.minus(retention))
                    .bind("version", version)
                    .fetch()
                    .rowsUpdated()
                    .thenReturn(marked));
  }

  private static String json(TenantSnapshot snapshot) {
    return Json.mapper().writerFor(TenantChangelogRecord.class).writeValueAsString(snapshot);
  }

  private static TenantSnapshot snapshot(String json) {
    return (TenantSnapshot) Json.mapper().readValue(json, TenantChangelogRecord.class);
  }
}
