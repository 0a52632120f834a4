package io.sahabot.platform.db;

import java.util.Objects;
import java.util.UUID;
import java.util.function.Function;
import org.reactivestreams.Publisher;
import org.springframework.r2dbc.core.DatabaseClient;
import org.springframework.transaction.reactive.TransactionalOperator;
import reactor.core.publisher.Flux;
import reactor.core.publisher.Mono;

/**
 * Runs work in one transaction under a tenant's row-level-security context.
 *
 * <p>The transaction begins with {@code set_config('app.tenant_id', tenant, true)}: local to the
 * transaction, so a pooled connection never carries one tenant's context into another's work. The
 * policies of the tenant-scoped tables compare each row's {@code tenant_id} with it, so a query
 * that forgets its tenant filter still sees only this tenant's rows.
 */
public class TenantScope {

  private final DatabaseClient db;
  private final TransactionalOperator tx;

  public TenantScope(DatabaseClient db, TransactionalOperator tx) {
    this.db = db;
    this.tx = tx;
  }

  /** Runs {@code work} for {@code tenantId} and returns its rows. */
  public <T> Flux<T> many(UUID tenantId, Function<DatabaseClient, Publisher<T>> work) {
    Objects.requireNonNull(tenantId, "tenantId");
    return tx.execute(status -> enter(tenantId).thenMany(Flux.from(work.apply(db))));
  }

  /** Runs {@code work} for {@code tenantId} and returns its single result. */
  public <T> Mono<T> one(UUID tenantId, Function<DatabaseClient, Mono<T>> work) {
    Objects.requireNonNull(tenantId, "tenantId");
    return tx.transactional(enter(tenantId).then(Mono.defer(() -> work.apply(db))));
  }

  private Mono<Void> enter(UUID tenantId) {
    return db.sql("SELECT set_config('app.tenant_id', :tenant, true)")
        .bind("tenant", tenantId.toString())
        .fetch()
        .rowsUpdated()
        .then();
  }
}
