package io.sahabot.reservation.booking;

import static io.sahabot.reservation.booking.Sql.bind;
import static io.sahabot.reservation.booking.Sql.utc;
import static io.sahabot.schemas.topics.Topics.RESERVATION_EVENTS;

import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.MeterRegistry;
import io.sahabot.platform.db.TenantScope;
import io.sahabot.platform.kafka.WireSerdes;
import io.sahabot.platform.privacy.ErasureList;
import io.sahabot.platform.tenants.TenantSnapshots;
import io.sahabot.reservation.booking.domain.Interval;
import io.sahabot.reservation.booking.domain.ReminderTimes;
import io.sahabot.reservation.booking.domain.Restorations;
import io.sahabot.reservation.booking.domain.Restorations.Kind;
import io.sahabot.reservation.booking.domain.Restorations.Restoration;
import io.sahabot.reservation.config.ReservationProperties;
import io.sahabot.reservation.tenants.BookingTenant;
import io.sahabot.schemas.Json;
import io.sahabot.schemas.reservation.CustomerRef;
import io.sahabot.schemas.reservation.ReservationEvent;
import io.sahabot.schemas.reservation.ReservationView;
import io.sahabot.schemas.reservation.WaitlistJoined;
import io.sahabot.schemas.tenant.FieldSpec;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.UUID;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.clients.consumer.OffsetAndTimestamp;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.errors.RecordDeserializationException;
import org.apache.kafka.common.serialization.StringDeserializer;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.boot.kafka.autoconfigure.KafkaProperties;
import org.springframework.r2dbc.core.DatabaseClient;
import org.springframework.stereotype.Service;
import reactor.core.publisher.Flux;
import reactor.core.publisher.Mono;

/**
 * Repairs the database from {@code reservation.events} when the two disagree: after PostgreSQL was
 * restored from an older backup, the reservations customers were told about since the backup are on
 * the topic but no longer in the tables, and their slots could be sold again.
 *
 * <p>It reads the topic {@code read_committed} with no consumer group (its partitions assigned,
 * each from the first record at or after {@code since} by {@code offsetsForTimes}, up to the end
 * offsets seen when it starts), groups the outcomes by tenant (the key: one tenant's records are in
 * one partition, in order), and for each tenant, under its row-level security ({@link
 * TenantScope}): looks up which command ids {@code reservation_outcomes} already holds ({@code
 * command_id = ANY(...)}, one query per tenant), and re-applies each missing outcome in the topic's
 * order, in a transaction of its own that also stores the outcome (first, {@code ON CONFLICT DO
 * NOTHING}: an outcome a command stored meanwhile is left alone), so nothing is applied twice. What
 * re-applying means is {@link Restorations}: a confirmation re-inserts the reservation with the id
 * the customer was told when it is free (the id sequence is first moved past it, V25_1), else with
 * a new one, its customer found or created ({@link BookingRepository#customer}) and its reminder
 * row written as a booking writes it; a cancellation, no-show or move gives the row the status and
 * slot the event says.
 *
 * <p>A re-insert (or a move) whose slot has been sold since the restore is not forced: the
 * exclusion constraint refuses it, it is logged at ERROR once (tenant, reservation id, field and
 * slot, no personal data), counted in {@code sahabot.reservation.reconcile.conflicts}, and listed
 * in the {@link Result}, so that the operator can tell the business. Its outcome is stored like the
 * others, so the next run does not report it again. An outcome that names a customer erased since
 * it happened (platform's {@link ErasureList}) is neither re-applied nor stored: that would bring
 * the erased data back.
 *
 * <p>One run at a time (the method is synchronized); it blocks, so callers run it off the event
 * loop.
 */
@Service
public class OutcomeReconciler {

  /** A reservation that was not re-inserted because its slot was sold again. */
  public record Conflict(
      UUID tenantId,
      long reservationId,
      String field,
      Instant start,
      Instant end,
      String commandId) {}

  /**
   * What one run did.
   *
   * @param scanned outcomes (distinct command ids) read from the topic
   * @param present those already in {@code reservation_outcomes}
   * @param restored those re-applied and stored now (those with a conflict are listed there
   *     instead, though stored too)
   * @param erased those left out because they name a customer erased since
   * @param conflicts reservations not re-inserted because their slot was sold again
   * @param failures tenants that could not be reconciled, and why (unknown tenant, database error)
   * @param unknownTenants those of the failures that are not on {@code tenant.changelog} (nothing
   *     to reconcile them into; their commands are refused as not known)
   * @param tenantsWithoutRow those of the failures whose {@code tenants} row is missing (a tenant
   *     provisioned after the backup, until tenant-service restores it at its start; no command of
   *     theirs can be decided either); the other failures may pass when tried again
   */
  public record Result(
      Instant since,
      int scanned,
      int present,
      int restored,
      int erased,
      List<Conflict> conflicts,
      List<String> failures,
      List<UUID> unknownTenants,
      List<UUID> tenantsWithoutRow) {}

  private static final Logger log = LoggerFactory.getLogger(OutcomeReconciler.class);
  private static final String CHANGE_SAVEPOINT = "reconcile_change";
  private static final Duration READ_TIMEOUT = Duration.ofMinutes(2);

  /**
   * One tenant's run: the ids restored under another id than told, each reservation as the run's
   * last outcome leaves it, and the field rows read in this run (a cache of its own: field rows
   * remembered before the database was restored may be gone).
   */
  private record Run(
      BookingTenant tenant,
      Map<Long, Long> ids,
      Map<Long, ReservationView> last,
      FieldIds fields) {}

  private enum Applied {
    RESTORED,
    PRESENT,
    ERASED
  }

  private final TenantScope scope;
  private final TenantSnapshots snapshots;
  private final ReservationProperties properties;
  private final Map<String, Object> consumerProperties;
  private final Clock clock;
  private final Counter conflictCount;

  public OutcomeReconciler(
      TenantScope scope,
      TenantSnapshots snapshots,
      ReservationProperties properties,
      KafkaProperties kafka,
      Clock clock,
      MeterRegistry meters) {
    this.scope = scope;
    this.snapshots = snapshots;
    this.properties = properties;
    this.consumerProperties = kafka.buildConsumerProperties();
    this.clock = clock;
    this.conflictCount =
        Counter.builder("sahabot.reservation.reconcile.conflicts")
            .description(
                "reservations told on reservation.events that were not restored because their slot"
                    + " was sold again since the database was restored")
            .register(meters);
  }

  /** Reconciles every outcome published at or after {@code since}. */
  public synchronized Result reconcile(Instant since) {
    Map<UUID, List<ReservationEvent>> byTenant = read(since);
    int scanned = 0;
    int present = 0;
    int restored = 0;
    int erased = 0;
    List<Conflict> conflicts = new ArrayList<>();
    List<String> failures = new ArrayList<>();
    List<UUID> unknownTenants = new ArrayList<>();
    List<UUID> tenantsWithoutRow = new ArrayList<>();
    for (Map.Entry<UUID, List<ReservationEvent>> entry : byTenant.entrySet()) {
      UUID tenantId = entry.getKey();
      Set<String> commands = new HashSet<>();
      entry.getValue().forEach(e -> commands.add(e.commandId()));
      scanned += commands.size();
      Optional<BookingTenant> tenant =
          snapshots.await(tenantId, properties.tenantWait()).map(BookingTenant::of);
      if (tenant.isEmpty()) {
        log.error(
            "reconcile: tenant {} has {} outcomes on {} but is not on tenant.changelog; not"
                + " reconciled",
            tenantId,
            commands.size(),
            RESERVATION_EVENTS.name());
        failures.add("tenant " + tenantId + ": not on tenant.changelog");
        unknownTenants.add(tenantId);
        continue;
      }
      try {
        Set<String> stored =
            new HashSet<>(
                scope
                    .many(tenantId, db -> storedCommands(db, tenantId, commands))
                    .collectList()
                    .block());
        List<ReservationEvent> missing = Restorations.missing(entry.getValue(), stored);
        present += commands.size() - missing.size();
        Run run =
            new Run(tenant.get(), new HashMap<>(), Restorations.lastViews(missing), new FieldIds());
        for (ReservationEvent event : missing) {
          List<Conflict> found = new ArrayList<>();
          Applied applied = scope.one(tenantId, db -> apply(db, run, event, found)).block();
          switch (applied) {
            case RESTORED -> restored += found.isEmpty() ? 1 : 0;
            case PRESENT -> present++;
            case ERASED -> erased++;
          }
          for (Conflict c : found) {
            conflictCount.increment();
            log.error(
                "reconcile: tenant {} reservation {} on {} {}–{} (command {}) was sold again since"
                    + " the database was restored; not re-inserted: tell the business",
                c.tenantId(),
                c.reservationId(),
                c.field(),
                c.start(),
                c.end(),
                c.commandId());
          }
          conflicts.addAll(found);
        }
      } catch (RuntimeException e) {
        if (hasNoRow(tenantId)) {
          log.error(
              "reconcile: tenant {} has no row in tenants (tenant-service restores it when it"
                  + " starts); its outcomes are not reconciled: reconcile again once it is back",
              tenantId);
          failures.add("tenant " + tenantId + ": no row in tenants");
          tenantsWithoutRow.add(tenantId);
        } else {
          log.error("reconcile: tenant {} could not be reconciled", tenantId, e);
          failures.add("tenant " + tenantId + ": " + e.getClass().getSimpleName());
        }
      }
    }
    Result result =
        new Result(
            since,
            scanned,
            present,
            restored,
            erased,
            List.copyOf(conflicts),
            failures,
            unknownTenants,
            tenantsWithoutRow);
    log.info(
        "reconcile since {}: {} outcomes read, {} present, {} restored, {} of erased customers"
            + " left out, {} conflicts, {} tenants failed",
        since,
        scanned,
        result.present(),
        restored,
        erased,
        conflicts.size(),
        failures.size());
    return result;
  }

  /** Whether the directory has no row of {@code tenant} (false when that cannot be told). */
  private boolean hasNoRow(UUID tenant) {
    try {
      return Boolean.FALSE.equals(
          scope
              .one(
                  tenant,
                  db ->
                      db.sql("SELECT EXISTS (SELECT 1 FROM tenants WHERE id = :id) AS present")
                          .bind("id", tenant)
                          .map(row -> row.get("present", Boolean.class))
                          .one())
              .block(READ_TIMEOUT));
    } catch (RuntimeException e) {
      return false;
    }
  }

  // ---- the topic ----

  /** Every outcome at or after {@code since}, by tenant, in the topic's order. */
  private Map<UUID, List<ReservationEvent>> read(Instant since) {
    Map<String, Object> config = new HashMap<>(consumerProperties);
    config.remove(ConsumerConfig.GROUP_ID_CONFIG);
    config.put(ConsumerConfig.ENABLE_AUTO_COMMIT_CONFIG, false);
    config.put(ConsumerConfig.ISOLATION_LEVEL_CONFIG, "read_committed");
    config.put(ConsumerConfig.CLIENT_ID_CONFIG, "reservation-reconcile");
    Map<UUID, List<ReservationEvent>> byTenant = new LinkedHashMap<>();
    try (KafkaConsumer<String, ReservationEvent> consumer =
        new KafkaConsumer<>(
            config, new StringDeserializer(), WireSerdes.valueDeserializer(RESERVATION_EVENTS))) {
      List<TopicPartition> partitions =
          consumer.partitionsFor(RESERVATION_EVENTS.name(), READ_TIMEOUT).stream()
              .map(p -> new TopicPartition(p.topic(), p.partition()))
              .toList();
      consumer.assign(partitions);
      Map<TopicPartition, Long> times = new HashMap<>();
      partitions.forEach(p -> times.put(p, since.toEpochMilli()));
      Map<TopicPartition, OffsetAndTimestamp> starts =
          consumer.offsetsForTimes(times, READ_TIMEOUT);
      Map<TopicPartition, Long> ends = consumer.endOffsets(partitions, READ_TIMEOUT);
      Map<TopicPartition, Long> remaining = new HashMap<>();
      for (TopicPartition p : partitions) {
        OffsetAndTimestamp start = starts.get(p);
        long from = start == null ? ends.get(p) : start.offset();
        consumer.seek(p, from);
        if (from < ends.get(p)) {
          remaining.put(p, ends.get(p));
        }
      }
      long deadline = System.nanoTime() + READ_TIMEOUT.toNanos();
      while (!remaining.isEmpty()) {
        if (System.nanoTime() > deadline) {
          throw new IllegalStateException(
              RESERVATION_EVENTS.name() + " not read to its end within " + READ_TIMEOUT);
        }
        try {
          for (ConsumerRecord<String, ReservationEvent> r : consumer.poll(Duration.ofMillis(500))) {
            ReservationEvent event = r.value();
            if (event != null && Restorations.isOutcome(event)) {
              byTenant.computeIfAbsent(event.tenantId(), t -> new ArrayList<>()).add(event);
            }
          }
        } catch (RecordDeserializationException e) {
          log.warn("reconcile: {}@{} cannot be read; skipped", e.topicPartition(), e.offset(), e);
          consumer.seek(e.topicPartition(), e.offset() + 1);
        }
        remaining.entrySet().removeIf(e -> consumer.position(e.getKey()) >= e.getValue());
      }
    }
    return byTenant;
  }

  // ---- one outcome ----

  private static Flux<String> storedCommands(DatabaseClient db, UUID tenant, Set<String> commands) {
    return db.sql(
            "SELECT command_id FROM reservation_outcomes WHERE tenant_id = :tenant"
                + " AND command_id = ANY(:ids)")
        .bind("tenant", tenant)
        .bind("ids", commands.toArray(String[]::new))
        .map(row -> row.get("command_id", String.class))
        .all();
  }

  private Mono<Applied> apply(
      DatabaseClient db, Run run, ReservationEvent event, List<Conflict> conflicts) {
    return ErasureList.erasedSince(db, run.tenant().id(), identifiers(event), event.occurredAt())
        .flatMap(
            erased ->
                erased
                    ? Mono.just(Applied.ERASED)
                    : storeIfAbsent(db, event)
                        .flatMap(
                            stored ->
                                stored
                                    ? Flux.fromIterable(Restorations.of(event))
                                        .concatMap(r -> restore(db, run, event, r, conflicts))
                                        .then(Mono.just(Applied.RESTORED))
                                    : Mono.just(Applied.PRESENT)));
  }

  /** The customers an outcome names (its reservations' and its requester's). */
  private static List<String> identifiers(ReservationEvent event) {
    List<String> ids = new ArrayList<>();
    for (Restoration r : Restorations.of(event)) {
      ids.add(r.view().customer().phone());
      ids.add(r.view().customer().userId());
    }
    if (event instanceof WaitlistJoined w) {
      ids.add(w.customer().phone());
      ids.add(w.customer().userId());
    }
    if (event.requestedBy() != null) {
      ids.add(event.requestedBy().userId());
    }
    return ids;
  }

  /** Stores the outcome; false when one is stored already (a command decided it meanwhile). */
  private static Mono<Boolean> storeIfAbsent(DatabaseClient db, ReservationEvent event) {
    return db.sql(
            "INSERT INTO reservation_outcomes (command_id, tenant_id, event)"
                + " VALUES (:id, :tenant, CAST(:event AS jsonb)) ON CONFLICT DO NOTHING")
        .bind("id", event.commandId())
        .bind("tenant", event.tenantId())
        .bind("event", Json.mapper().writeValueAsString(event))
        .fetch()
        .rowsUpdated()
        .map(n -> n > 0);
  }

  private Mono<Void> restore(
      DatabaseClient db, Run run, ReservationEvent event, Restoration r, List<Conflict> conflicts) {
    BookingTenant tenant = run.tenant();
    Map<Long, Long> ids = run.ids();
    UUID t = tenant.id();
    ReservationView view = r.view();
    Optional<FieldSpec> spec = tenant.settings().field(view.field());
    String key = spec.map(FieldSpec::id).orElse(view.field());
    String name = spec.map(FieldSpec::name).orElse(view.field());
    long id = ids.getOrDefault(view.id(), view.id());
    Conflict conflict =
        new Conflict(t, view.id(), view.field(), view.start(), view.end(), event.commandId());
    return run.fields()
        .id(db, t, key, name)
        .flatMap(
            fieldId -> {
              Mono<ReservationRow> existing =
                  r.kind() == Kind.BOOKED && r.rowCommandId() != null
                      ? byCommand(db, t, r.rowCommandId())
                          .flatMap(found -> BookingRepository.lockReservation(db, t, found))
                      : BookingRepository.lockReservation(db, t, id)
                          .filter(
                              row ->
                                  r.isRowOf(
                                      row.start(),
                                      row.end(),
                                      row.customerPhone(),
                                      row.customerUserId()));
              // a row that is there is changed, or left as it is; one that is not, inserted
              return existing
                  .map(Optional::of)
                  .defaultIfEmpty(Optional.empty())
                  .flatMap(
                      found -> {
                        if (found.isEmpty()) {
                          return insert(db, run, event, r, fieldId, conflicts, conflict);
                        }
                        ids.put(view.id(), found.get().id());
                        return r.kind() == Kind.BOOKED
                            ? Mono.<Void>empty()
                            : change(db, tenant, found.get().id(), fieldId, r, conflicts, conflict);
                      });
            });
  }

  private static Mono<Long> byCommand(DatabaseClient db, UUID tenant, String commandId) {
    return db.sql("SELECT id FROM reservations WHERE tenant_id = :tenant AND command_id = :c")
        .bind("tenant", tenant)
        .bind("c", commandId)
        .map(row -> row.get("id", Long.class))
        .one();
  }

  /** The row takes the view's status, field, slot and price; a taken slot is a conflict. */
  private Mono<Void> change(
      DatabaseClient db,
      BookingTenant tenant,
      long rowId,
      long fieldId,
      Restoration r,
      List<Conflict> conflicts,
      Conflict conflict) {
    ReservationView view = r.view();
    return BookingRepository.savepoint(db, CHANGE_SAVEPOINT)
        .then(
            db.sql(
                    "UPDATE reservations SET status = :status, field_id = :field, start_time ="
                        + " :start, end_time = :end, price = :price, updated_at = now()"
                        + " WHERE id = :id")
                .bind("status", r.storedStatus())
                .bind("field", fieldId)
                .bind("start", utc(view.start()))
                .bind("end", utc(view.end()))
                .bind("price", view.price())
                .bind("id", rowId)
                .fetch()
                .rowsUpdated())
        .then(reminder(db, tenant, rowId, r))
        .onErrorResume(
            e -> Sql.EXCLUSION_VIOLATION.equals(Sql.sqlState(e)),
            e -> {
              conflicts.add(conflict);
              return BookingRepository.rollbackTo(db, CHANGE_SAVEPOINT);
            });
  }

  /**
   * The reservation inserted as the view says: with the view's id when no row has it (the sequence
   * moved past it first), else a new one; nothing, and a conflict, when its slot is taken.
   */
  private Mono<Void> insert(
      DatabaseClient db,
      Run run,
      ReservationEvent event,
      Restoration r,
      long fieldId,
      List<Conflict> conflicts,
      Conflict conflict) {
    BookingTenant tenant = run.tenant();
    UUID t = tenant.id();
    ReservationView view = r.view();
    ReservationView last = run.last().get(view.id());
    String status = r.insertStatus(last);
    // a later outcome of this run changes it: that one reports a taken slot, not this one
    boolean changedLater = last != null && !last.equals(view);
    CustomerRef customer = view.customer();
    String createdBy =
        event.requestedBy() == null
            ? "reconcile"
            : event.requestedBy().role().name().toLowerCase() + ":" + event.requestedBy().userId();
    return BookingRepository.customer(db, t, customer.name(), customer.phone(), customer.userId())
        .flatMap(
            row ->
                db.sql("SELECT reservation_ids_past(:id) AS next")
                    .bind("id", view.id())
                    .map(next -> next.get("next", Long.class))
                    .one()
                    .then(insertRow(db, t, view.id(), fieldId, row.id(), r, status, createdBy))
                    .switchIfEmpty(
                        Mono.defer(
                            () -> insertRow(db, t, null, fieldId, row.id(), r, status, createdBy))))
        .flatMap(
            id -> {
              run.ids().put(view.id(), id);
              return (ReservationView.ACTIVE.equals(status)
                      ? reminder(db, tenant, id, r)
                      : ReminderRows.remove(db, t, id))
                  .thenReturn(true);
            })
        .defaultIfEmpty(false)
        .doOnNext(
            inserted -> {
              if (!inserted && ReservationView.ACTIVE.equals(status) && !changedLater) {
                conflicts.add(conflict);
              }
            })
        .then();
  }

  private static Mono<Long> insertRow(
      DatabaseClient db,
      UUID tenant,
      Long id,
      long fieldId,
      long customerId,
      Restoration r,
      String status,
      String createdBy) {
    ReservationView view = r.view();
    var insert =
        db.sql(
            "INSERT INTO reservations ("
                + (id == null ? "" : "id, ")
                + "tenant_id, field_id, customer_id, start_time, end_time, status, price,"
                + " currency, command_id, created_by) VALUES ("
                + (id == null ? "" : ":id, ")
                + ":tenant, :field, :customer, :start, :end, :status, :price, :currency,"
                + " :command, :by) ON CONFLICT DO NOTHING RETURNING id");
    if (id != null) {
      insert = insert.bind("id", id);
    }
    insert =
        insert
            .bind("tenant", tenant)
            .bind("field", fieldId)
            .bind("customer", customerId)
            .bind("start", utc(view.start()))
            .bind("end", utc(view.end()))
            .bind("status", status)
            .bind("price", view.price())
            .bind("currency", view.currency())
            .bind("by", createdBy);
    insert = bind(insert, "command", r.rowCommandId(), String.class);
    return insert.map(row -> row.get("id", Long.class)).one();
  }

  /** An active reservation's reminder as a booking writes it; none for any other. */
  private Mono<Void> reminder(DatabaseClient db, BookingTenant tenant, long id, Restoration r) {
    ReservationView view = r.view();
    if (!ReservationView.ACTIVE.equals(r.storedStatus())) {
      return ReminderRows.remove(db, tenant.id(), id);
    }
    Interval interval = new Interval(view.start(), view.end());
    return ReminderRows.schedule(
        db,
        tenant.id(),
        id,
        interval.start(),
        ReminderTimes.dueAt(tenant.settings().notifications(), interval.start(), clock.instant()));
  }
}
