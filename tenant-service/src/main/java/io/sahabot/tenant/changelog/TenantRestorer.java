package io.sahabot.tenant.changelog;

import io.sahabot.platform.tenants.TenantSnapshots;
import io.sahabot.schemas.Json;
import io.sahabot.schemas.tenant.TenantSnapshot;
import java.time.Duration;
import java.util.Collection;
import java.util.concurrent.atomic.AtomicBoolean;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.boot.kafka.autoconfigure.KafkaProperties;
import org.springframework.context.SmartLifecycle;
import org.springframework.dao.DataIntegrityViolationException;
import org.springframework.r2dbc.core.DatabaseClient;
import org.springframework.stereotype.Component;
import reactor.core.publisher.Flux;
import reactor.core.publisher.Mono;

/**
 * Repairs a database that lost what {@code tenant.changelog} still knows: a database restored from
 * an older backup, or an empty one, while the topics keep their data. Without it every command of
 * such a tenant fails on the missing tenant row and every turn on its memory write, and no customer
 * gets an answer.
 *
 * <p>When tenant-service starts, it reads the whole changelog (in the background: it does not hold
 * the start) and writes each tenant's latest snapshot to {@code tenants} where the row is missing
 * or older (a lower version), saying so at WARN for each tenant it restores. A tenant whose number
 * the database now gives to another tenant is not restored; that is said once at ERROR, with what
 * to do. The outbox is not involved: the changelog already has these versions.
 */
@Component
public class TenantRestorer implements SmartLifecycle {

  private static final Logger log = LoggerFactory.getLogger(TenantRestorer.class);
  private static final Duration READ_WAIT = Duration.ofMinutes(5);

  /** What one pass did. */
  public record Result(int read, int restored, int updated, int refused) {}

  private final DatabaseClient db;
  private final KafkaProperties kafka;
  private final AtomicBoolean running = new AtomicBoolean();
  private volatile Thread worker;

  public TenantRestorer(DatabaseClient db, KafkaProperties kafka) {
    this.db = db;
    this.kafka = kafka;
  }

  @Override
  public void start() {
    if (!running.compareAndSet(false, true)) {
      return;
    }
    worker =
        new Thread(
            () -> {
              TenantSnapshots snapshots =
                  new TenantSnapshots(kafka.buildConsumerProperties(), "tenant-service-restore");
              // start() returns once the changelog is read, or after READ_WAIT
              snapshots.setStartWait(READ_WAIT);
              try {
                snapshots.start();
                if (!snapshots.caughtUp()) {
                  log.warn(
                      "tenant.changelog was not read within {}: tenants missing in the database"
                          + " are not restored in this run ({})",
                      READ_WAIT,
                      snapshots.lastFailure().orElse("no error"));
                  return;
                }
                Result result = restore(snapshots.all()).block(READ_WAIT);
                if (result != null && result.restored() + result.updated() > 0) {
                  log.warn(
                      "The database was behind tenant.changelog: {} tenants restored, {} brought"
                          + " up to date from their snapshots",
                      result.restored(),
                      result.updated());
                }
              } catch (RuntimeException e) {
                log.error("Restoring tenants from tenant.changelog failed", e);
              } finally {
                snapshots.stop();
              }
            },
            "tenant-restorer");
    worker.setDaemon(true);
    worker.start();
  }

  /** Writes each snapshot whose tenant is missing in the database, or older there. */
  public Mono<Result> restore(Collection<TenantSnapshot> snapshots) {
    int[] counts = new int[3];
    return Flux.fromIterable(snapshots)
        .concatMap(
            snapshot ->
                upsert(snapshot)
                    .doOnNext(
                        inserted -> {
                          counts[inserted ? 0 : 1]++;
                          log.warn(
                              "Tenant {} {} from tenant.changelog (version {})",
                              snapshot.tenantId(),
                              inserted
                                  ? "was missing in the database: restored"
                                  : "was older" + " in the database: brought up to date",
                              snapshot.version());
                        })
                    .onErrorResume(
                        DataIntegrityViolationException.class,
                        e -> {
                          counts[2]++;
                          log.error(
                              "Tenant {} of tenant.changelog (number {}) is not restored: the"
                                  + " database gives that number to another tenant. Deactivate"
                                  + " one of them through the tenant API, or start afresh.",
                              snapshot.tenantId(),
                              snapshot.phoneNumberId());
                          return Mono.empty();
                        }))
        .then(
            Mono.fromSupplier(() -> new Result(snapshots.size(), counts[0], counts[1], counts[2])));
  }

  /** True when inserted, false when updated; empty when the database is as new or newer. */
  private Mono<Boolean> upsert(TenantSnapshot s) {
    DatabaseClient.GenericExecuteSpec spec =
        db.sql(
                "INSERT INTO tenants (id, whatsapp_phone_number_id, display_phone_number,"
                    + " business_name, is_active, settings, version) VALUES (:id, :number,"
                    + " :display, :name, :active, CAST(:settings AS jsonb), :version)"
                    + " ON CONFLICT (id) DO UPDATE SET"
                    + " whatsapp_phone_number_id = EXCLUDED.whatsapp_phone_number_id,"
                    + " display_phone_number = EXCLUDED.display_phone_number,"
                    + " business_name = EXCLUDED.business_name, is_active = EXCLUDED.is_active,"
                    + " settings = EXCLUDED.settings, version = EXCLUDED.version,"
                    + " updated_at = now() WHERE tenants.version < EXCLUDED.version"
                    + " RETURNING (xmax = 0) AS inserted")
            .bind("id", s.tenantId())
            .bind("number", s.phoneNumberId())
            .bind("name", s.businessName())
            .bind("active", s.active())
            .bind("settings", Json.mapper().writeValueAsString(s.settings()))
            .bind("version", s.version());
    spec =
        s.displayPhoneNumber() == null
            ? spec.bindNull("display", String.class)
            : spec.bind("display", s.displayPhoneNumber());
    return spec.map(row -> Boolean.TRUE.equals(row.get("inserted", Boolean.class))).one();
  }

  @Override
  public void stop() {
    running.set(false);
    Thread t = worker;
    if (t != null) {
      t.interrupt();
    }
  }

  @Override
  public boolean isRunning() {
    return running.get();
  }
}
