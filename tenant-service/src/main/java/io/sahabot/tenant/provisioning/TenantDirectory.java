package io.sahabot.tenant.provisioning;

import io.r2dbc.spi.Readable;
import io.sahabot.schemas.Json;
import io.sahabot.schemas.tenant.TenantSettings;
import io.sahabot.tenant.changelog.TenantOutbox;
import java.time.Clock;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.util.UUID;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.r2dbc.core.DatabaseClient;
import org.springframework.stereotype.Repository;
import org.springframework.transaction.reactive.TransactionalOperator;
import reactor.core.publisher.Flux;
import reactor.core.publisher.Mono;
import tools.jackson.databind.node.ObjectNode;

/**
 * The directory of tenants by WhatsApp phone number id.
 *
 * <p>{@code tenants} is the one table read without a tenant context: a number must be resolved to
 * its tenant before any tenant is known. Provisioning is atomic: the unique phone number id and
 * {@code INSERT … ON CONFLICT DO NOTHING} let any number of concurrent first messages create one
 * tenant, and its default fields are inserted in the same transaction under its own context.
 */
@Repository
public class TenantDirectory {

  private static final Logger log = LoggerFactory.getLogger(TenantDirectory.class);
  private static final String COLUMNS =
      "id, whatsapp_phone_number_id, display_phone_number, business_name, is_active, settings::text"
          + " AS settings, version, created_at, updated_at";

  private final DatabaseClient db;
  private final TransactionalOperator tx;
  private final TenantOutbox outbox;
  private final Clock clock;

  public TenantDirectory(
      DatabaseClient db, TransactionalOperator tx, TenantOutbox outbox, Clock clock) {
    this.db = db;
    this.tx = tx;
    this.outbox = outbox;
    this.clock = clock;
  }

  /**
   * The name a tenant is provisioned with, until its number's verified name (or its own) replaces
   * it.
   */
  public static String placeholderName(String phoneNumberId) {
    return "Tenant " + phoneNumberId;
  }

  /**
   * The tenant of {@code phoneNumberId}, provisioned with default settings if it is new: its
   * version 1 goes to the outbox in the same transaction.
   */
  public Mono<Provisioned> getOrCreate(String phoneNumberId, String displayPhoneNumber) {
    TenantSettings settings = TenantSettings.defaults();
    var insert =
        db.sql(
                "INSERT INTO tenants (whatsapp_phone_number_id, display_phone_number, business_name,"
                    + " settings) VALUES (:number, :display, :name, CAST(:settings AS jsonb))"
                    + " ON CONFLICT (whatsapp_phone_number_id) DO NOTHING RETURNING "
                    + COLUMNS)
            .bind("number", phoneNumberId)
            .bind("name", placeholderName(phoneNumberId))
            .bind("settings", Json.mapper().writeValueAsString(settings));
    insert =
        displayPhoneNumber == null
            ? insert.bindNull("display", String.class)
            : insert.bind("display", displayPhoneNumber);
    Mono<Provisioned> created =
        insert
            .map(TenantDirectory::tenant)
            .one()
            .flatMap(
                tenant ->
                    createFields(tenant)
                        .then(
                            outbox.append(tenant.snapshot("provisioning:" + phoneNumberId, clock)))
                        .thenReturn(new Provisioned(tenant, true)));
    return tx.transactional(
            created.switchIfEmpty(
                Mono.defer(
                    () -> findByPhoneNumberId(phoneNumberId).map(t -> new Provisioned(t, false)))))
        .doOnNext(
            p -> {
              if (p.created()) {
                log.info("📱 Tenant ID {} for WhatsApp number {}", p.tenant().id(), phoneNumberId);
              }
            });
  }

  public Mono<Tenant> findByPhoneNumberId(String phoneNumberId) {
    return db.sql("SELECT " + COLUMNS + " FROM tenants WHERE whatsapp_phone_number_id = :number")
        .bind("number", phoneNumberId)
        .map(TenantDirectory::tenant)
        .one();
  }

  public Mono<Tenant> findById(UUID id) {
    return db.sql("SELECT " + COLUMNS + " FROM tenants WHERE id = :id")
        .bind("id", id)
        .map(TenantDirectory::tenant)
        .one();
  }

  /** A page of tenants, oldest first; {@code activeOnly} keeps only the active ones. */
  public Flux<Tenant> list(boolean activeOnly, long offset, int limit) {
    return db.sql(
            "SELECT "
                + COLUMNS
                + " FROM tenants"
                + (activeOnly ? " WHERE is_active" : "")
                + " ORDER BY created_at, id LIMIT :limit OFFSET :offset")
        .bind("limit", limit)
        .bind("offset", offset)
        .map(TenantDirectory::tenant)
        .all();
  }

  public Mono<Long> count(boolean activeOnly) {
    return db.sql("SELECT count(*) AS n FROM tenants" + (activeOnly ? " WHERE is_active" : ""))
        .map(row -> row.get("n", Long.class))
        .one();
  }

  /**
   * Changes the business name and/or the settings ({@code null} keeps the current one) of the
   * tenant's version {@code expectedVersion}, and returns the tenant with its next version, whose
   * snapshot goes to the outbox in the same transaction. Empty when there is no such tenant or it
   * is no longer at {@code expectedVersion} (a concurrent change came first): nothing is changed
   * then.
   */
  public Mono<Tenant> update(
      UUID id,
      long expectedVersion,
      String businessName,
      TenantSettings settings,
      String causationId) {
    var update =
        db.sql(
                "UPDATE tenants SET business_name = COALESCE(:name, business_name),"
                    + " settings = COALESCE(CAST(:settings AS jsonb), settings),"
                    + " version = version + 1, updated_at = now()"
                    + " WHERE id = :id AND version = :expected RETURNING "
                    + COLUMNS)
            .bind("id", id)
            .bind("expected", expectedVersion);
    update =
        businessName == null
            ? update.bindNull("name", String.class)
            : update.bind("name", businessName);
    update =
        settings == null
            ? update.bindNull("settings", String.class)
            : update.bind("settings", Json.mapper().writeValueAsString(settings));
    return tx.transactional(
        update.map(TenantDirectory::tenant).one().flatMap(t -> withOutbox(t, causationId)));
  }

  /**
   * Activates or deactivates; returns the tenant with its next version (its snapshot in the outbox,
   * same transaction), empty when unknown. One statement under the row's lock: it needs no expected
   * version, since it depends on nothing it read before.
   */
  public Mono<Tenant> setActive(UUID id, boolean active, String causationId) {
    return tx.transactional(
        db.sql(
                "UPDATE tenants SET is_active = :active, version = version + 1, updated_at = now()"
                    + " WHERE id = :id RETURNING "
                    + COLUMNS)
            .bind("id", id)
            .bind("active", active)
            .map(TenantDirectory::tenant)
            .one()
            .flatMap(t -> withOutbox(t, causationId)));
  }

  private Mono<Tenant> withOutbox(Tenant tenant, String causationId) {
    return outbox.append(tenant.snapshot(causationId, clock)).thenReturn(tenant);
  }

  private Mono<Void> createFields(Tenant tenant) {
    return db.sql("SELECT set_config('app.tenant_id', :tenant, true)")
        .bind("tenant", tenant.id().toString())
        .fetch()
        .rowsUpdated()
        .thenMany(
            Flux.fromIterable(tenant.settings().fields())
                .concatMap(
                    name ->
                        db.sql("INSERT INTO fields (tenant_id, name) VALUES (:tenant, :name)")
                            .bind("tenant", tenant.id())
                            .bind("name", name)
                            .fetch()
                            .rowsUpdated()))
        .then();
  }

  private static Tenant tenant(Readable row) {
    return new Tenant(
        row.get("id", UUID.class),
        row.get("whatsapp_phone_number_id", String.class),
        row.get("display_phone_number", String.class),
        row.get("business_name", String.class),
        Boolean.TRUE.equals(row.get("is_active", Boolean.class)),
        settings(row.get("settings", String.class)),
        row.get("version", Long.class),
        instant(row.get("created_at", OffsetDateTime.class)),
        instant(row.get("updated_at", OffsetDateTime.class)));
  }

  /**
   * The stored settings over the defaults: a row of the single-tenant era ({@code default_tenant},
   * settings {@code {}}) or one missing a newer setting still reads as valid settings.
   */
  static TenantSettings settings(String stored) {
    var merged = (ObjectNode) Json.mapper().valueToTree(TenantSettings.defaults());
    if (stored != null && Json.mapper().readTree(stored) instanceof ObjectNode given) {
      given.properties().forEach(e -> merged.set(e.getKey(), e.getValue()));
    }
    try {
      return Json.mapper().treeToValue(merged, TenantSettings.class);
    } catch (RuntimeException e) {
      log.warn("Stored tenant settings are invalid, using the defaults: {}", e.getMessage());
      return TenantSettings.defaults();
    }
  }

  private static Instant instant(OffsetDateTime time) {
    return time == null ? null : time.toInstant();
  }
}
