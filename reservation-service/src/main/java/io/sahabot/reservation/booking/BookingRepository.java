package io.sahabot.reservation.booking;

import static io.sahabot.reservation.booking.Sql.bind;
import static io.sahabot.reservation.booking.Sql.utc;

import io.sahabot.reservation.booking.domain.Interval;
import io.sahabot.schemas.Json;
import io.sahabot.schemas.reservation.ReservationEvent;
import java.math.BigDecimal;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.UUID;
import org.springframework.r2dbc.core.DatabaseClient;
import reactor.core.publisher.Flux;
import reactor.core.publisher.Mono;

/**
 * The SQL of the command handler. Every method runs on the {@link DatabaseClient} handed out by
 * {@code TenantScope}, inside the command's transaction, so row-level security applies; the tenant
 * filters are there anyway.
 */
public final class BookingRepository {

  private BookingRepository() {}

  /** The outcome stored for the tenant's command ({@code (tenant_id, command_id)} is the key). */
  static Mono<ReservationEvent> storedOutcome(DatabaseClient db, UUID tenant, String commandId) {
    return db.sql(
            "SELECT event::text AS event FROM reservation_outcomes"
                + " WHERE tenant_id = :tenant AND command_id = :id")
        .bind("tenant", tenant)
        .bind("id", commandId)
        .map(row -> row.get("event", String.class))
        .one()
        .map(json -> Json.mapper().readValue(json, ReservationEvent.class));
  }

  static Mono<ReservationEvent> storeOutcome(DatabaseClient db, ReservationEvent event) {
    return db.sql(
            "INSERT INTO reservation_outcomes (command_id, tenant_id, event)"
                + " VALUES (:id, :tenant, CAST(:event AS jsonb))")
        .bind("id", event.commandId())
        .bind("tenant", event.tenantId())
        .bind("event", Json.mapper().writeValueAsString(event))
        .fetch()
        .rowsUpdated()
        .thenReturn(event);
  }

  /** The id of the field row of this id, when it already has this name. */
  static Mono<Long> existingFieldId(DatabaseClient db, UUID tenant, String key, String name) {
    return db.sql(
            "SELECT id FROM fields WHERE tenant_id = :tenant AND field_key = :key AND name = :name")
        .bind("tenant", tenant)
        .bind("key", key)
        .bind("name", name)
        .map(row -> row.get("id", Long.class))
        .one();
  }

  /**
   * The row of the field with this stable id, created when the settings name a field that has none
   * yet, its name brought up to date when the field was renamed (the same row: its bookings stay).
   */
  static Mono<Long> fieldId(DatabaseClient db, UUID tenant, String key, String name) {
    return db.sql(
            "INSERT INTO fields (tenant_id, field_key, name) VALUES (:tenant, :key, :name)"
                + " ON CONFLICT (tenant_id, field_key) DO UPDATE SET name = EXCLUDED.name"
                + " RETURNING id")
        .bind("tenant", tenant)
        .bind("key", key)
        .bind("name", name)
        .map(row -> row.get("id", Long.class))
        .one();
  }

  /** A customer as stored. */
  record CustomerRow(long id, String name, String phone, String userId) {}

  /**
   * The customer with this user id or this phone, created or updated as needed. A WhatsApp user's
   * user id is their one identity (the agent links their phone number and business-scoped user id
   * to it), so when the phone and the user id find two rows (a username user who later wrote from
   * their phone, a customer the owner had booked for by phone), they are one customer: the row of
   * the user id stays (else the phone's), the other's reservations move to it and it is deleted.
   * The row that stays takes the given name, the given phone (the user's number may have changed)
   * and, when it had none or only a name, the user id.
   */
  static Mono<CustomerRow> customer(
      DatabaseClient db, UUID tenant, String name, String phone, String userId) {
    var find =
        db.sql(
            "SELECT id, name, phone, user_id FROM customers WHERE tenant_id = :tenant"
                + " AND (phone = :phone OR user_id = :user)"
                + " ORDER BY (user_id IS NOT DISTINCT FROM :user) DESC,"
                + " (phone IS NOT DISTINCT FROM :phone) DESC, id"
                + " FOR UPDATE");
    find = bind(find.bind("tenant", tenant), "phone", phone, String.class);
    find = bind(find, "user", userId, String.class);
    Mono<CustomerRow> existing =
        find.map(
                row ->
                    new CustomerRow(
                        row.get("id", Long.class),
                        row.get("name", String.class),
                        row.get("phone", String.class),
                        row.get("user_id", String.class)))
            .all()
            .collectList()
            .filter(rows -> !rows.isEmpty())
            .flatMap(
                rows -> {
                  CustomerRow keep = rows.get(0);
                  Mono<Void> merged =
                      Flux.fromIterable(rows.subList(1, rows.size()))
                          .concatMap(other -> mergeInto(db, tenant, other.id(), keep.id()))
                          .then();
                  return merged.then(update(db, keep, name, phone, userId));
                });
    var insert =
        db.sql(
            "INSERT INTO customers (tenant_id, name, phone, user_id)"
                + " VALUES (:tenant, :name, :phone, :user) RETURNING id");
    insert = bind(insert.bind("tenant", tenant), "name", name, String.class);
    insert = bind(insert, "phone", phone, String.class);
    insert = bind(insert, "user", userId, String.class);
    Mono<CustomerRow> created =
        insert.map(row -> new CustomerRow(row.get("id", Long.class), name, phone, userId)).one();
    return existing.switchIfEmpty(created);
  }

  /** {@code other}'s reservations become {@code keep}'s, and {@code other} is deleted. */
  private static Mono<Void> mergeInto(DatabaseClient db, UUID tenant, long other, long keep) {
    return db.sql(
            "UPDATE reservations SET customer_id = :keep WHERE tenant_id = :tenant"
                + " AND customer_id = :other")
        .bind("tenant", tenant)
        .bind("keep", keep)
        .bind("other", other)
        .fetch()
        .rowsUpdated()
        .then(
            db.sql("DELETE FROM customers WHERE tenant_id = :tenant AND id = :other")
                .bind("tenant", tenant)
                .bind("other", other)
                .fetch()
                .rowsUpdated())
        .then();
  }

  /** {@code found} with the given name, phone and user id where they add to or change it. */
  private static Mono<CustomerRow> update(
      DatabaseClient db, CustomerRow found, String name, String phone, String userId) {
    String newName = name == null ? found.name() : name;
    String newPhone = phone == null ? found.phone() : phone;
    boolean userless = found.userId() == null || found.userId().startsWith("name:");
    String newUser = userId != null && userless ? userId : found.userId();
    if (Objects.equals(newName, found.name())
        && Objects.equals(newPhone, found.phone())
        && Objects.equals(newUser, found.userId())) {
      return Mono.just(found);
    }
    var update =
        db.sql(
            "UPDATE customers SET name = :name, phone = :phone, user_id = :user,"
                + " updated_at = now() WHERE id = :id");
    update = bind(update, "name", newName, String.class);
    update = bind(update, "phone", newPhone, String.class);
    update = bind(update, "user", newUser, String.class);
    return update
        .bind("id", found.id())
        .fetch()
        .rowsUpdated()
        .thenReturn(new CustomerRow(found.id(), newName, newPhone, newUser));
  }

  /**
   * Inserts an active reservation; empty when the exclusion constraint refuses it because it
   * overlaps an active reservation of the field ({@code ON CONFLICT DO NOTHING} arbitrates on the
   * constraint without aborting the transaction).
   */
  static Mono<Long> insert(
      DatabaseClient db,
      UUID tenant,
      long fieldId,
      long customerId,
      Interval interval,
      BigDecimal price,
      String currency,
      String commandId,
      String createdBy) {
    return insert(
        db,
        tenant,
        fieldId,
        customerId,
        interval,
        price,
        currency,
        commandId,
        createdBy,
        Kinds.BOOKING);
  }

  /** As above, of a {@link Kinds kind}: a booking, or a blocked slot. */
  static Mono<Long> insert(
      DatabaseClient db,
      UUID tenant,
      long fieldId,
      long customerId,
      Interval interval,
      BigDecimal price,
      String currency,
      String commandId,
      String createdBy,
      String kind) {
    return db.sql(
            "INSERT INTO reservations (tenant_id, field_id, customer_id, start_time, end_time,"
                + " status, price, currency, command_id, created_by, kind) VALUES (:tenant,"
                + " :field, :customer, :start, :end, 'active', :price, :currency, :command, :by,"
                + " :kind) ON CONFLICT DO NOTHING RETURNING id")
        .bind("kind", kind)
        .bind("tenant", tenant)
        .bind("field", fieldId)
        .bind("customer", customerId)
        .bind("start", utc(interval.start()))
        .bind("end", utc(interval.end()))
        .bind("price", price)
        .bind("currency", currency)
        .bind("command", commandId)
        .bind("by", createdBy)
        .map(row -> row.get("id", Long.class))
        .one();
  }

  static Mono<ReservationRow> lockReservation(DatabaseClient db, UUID tenant, long id) {
    return db.sql(
            "SELECT "
                + ReservationRow.COLUMNS
                + ReservationRow.FROM
                + " WHERE r.tenant_id = :tenant AND r.id = :id FOR UPDATE OF r")
        .bind("tenant", tenant)
        .bind("id", id)
        .map(ReservationRow::read)
        .one();
  }

  static Mono<ReservationRow> reservation(DatabaseClient db, UUID tenant, long id) {
    return db.sql(
            "SELECT "
                + ReservationRow.COLUMNS
                + ReservationRow.FROM
                + " WHERE r.tenant_id = :tenant AND r.id = :id")
        .bind("tenant", tenant)
        .bind("id", id)
        .map(ReservationRow::read)
        .one();
  }

  static Mono<Long> setStatus(DatabaseClient db, long id, String status) {
    return db.sql("UPDATE reservations SET status = :status, updated_at = now() WHERE id = :id")
        .bind("status", status)
        .bind("id", id)
        .fetch()
        .rowsUpdated();
  }

  /**
   * Marks a no-show; one marked before the start ({@code now} before it) also records when it freed
   * the slot ({@code freed_at}, V23_1), so the table and the peak hours leave it out.
   */
  static Mono<Long> noShow(DatabaseClient db, long id, Instant start, Instant now) {
    var spec =
        db.sql(
                "UPDATE reservations SET status = 'no_show', updated_at = now(), freed_at = :freed"
                    + " WHERE id = :id")
            .bind("id", id);
    spec =
        start.isAfter(now)
            ? spec.bind("freed", utc(now))
            : spec.bindNull("freed", java.time.OffsetDateTime.class);
    return spec.fetch().rowsUpdated();
  }

  static Mono<Long> move(
      DatabaseClient db, long id, long fieldId, Interval interval, BigDecimal price) {
    return db.sql(
            "UPDATE reservations SET field_id = :field, start_time = :start, end_time = :end,"
                + " price = :price, updated_at = now() WHERE id = :id")
        .bind("field", fieldId)
        .bind("start", utc(interval.start()))
        .bind("end", utc(interval.end()))
        .bind("price", price)
        .bind("id", id)
        .fetch()
        .rowsUpdated();
  }

  static Mono<Void> savepoint(DatabaseClient db, String name) {
    return db.sql("SAVEPOINT " + name).fetch().rowsUpdated().then();
  }

  static Mono<Void> rollbackTo(DatabaseClient db, String name) {
    return db.sql("ROLLBACK TO SAVEPOINT " + name).fetch().rowsUpdated().then();
  }

  /**
   * Active reservations overlapping {@code [from, to)} by field id (the settings' {@code
   * fieldDetails[].id}), except {@code exceptId}.
   */
  public static Mono<Map<String, List<Interval>>> busy(
      DatabaseClient db, UUID tenant, Instant from, Instant to, long exceptId) {
    return db.sql(
            "SELECT f.field_key, r.start_time, r.end_time FROM reservations r JOIN fields f"
                + " ON f.id = r.field_id WHERE r.tenant_id = :tenant AND r.status = 'active'"
                + " AND r.start_time < :to AND r.end_time > :from AND r.id <> :except")
        .bind("tenant", tenant)
        .bind("from", utc(from))
        .bind("to", utc(to))
        .bind("except", exceptId)
        .map(
            row ->
                Map.entry(
                    row.get("field_key", String.class),
                    new Interval(
                        row.get("start_time", OffsetDateTime.class).toInstant(),
                        row.get("end_time", OffsetDateTime.class).toInstant())))
        .all()
        .collect(
            HashMap<String, List<Interval>>::new,
            (map, e) -> map.computeIfAbsent(e.getKey(), k -> new ArrayList<>()).add(e.getValue()))
        .map(m -> (Map<String, List<Interval>>) m);
  }
}
