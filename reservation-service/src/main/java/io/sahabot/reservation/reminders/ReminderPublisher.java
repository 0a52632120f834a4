package io.sahabot.reservation.reminders;

import static io.sahabot.reservation.booking.Sql.utc;
import static io.sahabot.schemas.topics.Topics.RESERVATION_EVENTS;

import io.sahabot.platform.tenants.TenantSnapshots;
import io.sahabot.reservation.booking.ReservationRow;
import io.sahabot.reservation.config.ReservationProperties;
import io.sahabot.reservation.tenants.BookingTenant;
import io.sahabot.schemas.reservation.ReminderDue;
import io.sahabot.schemas.reservation.ReservationView;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.function.Function;
import java.util.stream.Collectors;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.kafka.core.KafkaTemplate;
import org.springframework.r2dbc.core.DatabaseClient;
import org.springframework.stereotype.Component;
import org.springframework.transaction.ReactiveTransactionManager;
import org.springframework.transaction.reactive.TransactionalOperator;
import reactor.core.publisher.Flux;
import reactor.core.publisher.Mono;

/**
 * One pass of the reminder scheduler, in one database transaction:
 *
 * <ol>
 *   <li>claim up to {@code batch-size} due, unsent reminders of every tenant through {@code
 *       claim_due_reminders} (V12_1: SECURITY DEFINER, {@code FOR UPDATE SKIP LOCKED}; the locks
 *       are this transaction's, so another instance skips these rows until it ends);
 *   <li>per tenant, in that tenant's row-level-security context: read each reservation as it is
 *       now;
 *   <li>publish a {@link ReminderDue} (key: the tenant) for each reservation still active and not
 *       started, and wait for the broker's acknowledgement of all of them;
 *   <li>mark those reminders sent, delete those of reservations no longer active or already started
 *       (and of businesses deactivated or with reminders turned off since), and commit.
 * </ol>
 *
 * A failure anywhere rolls the transaction back: nothing is marked, and the next pass claims the
 * same rows again. A crash after the acknowledgement and before the commit therefore publishes a
 * reminder again, with the same {@code commandId} ({@link ReminderDue#idOf}), which its consumer
 * tells once. A reminder of a business whose snapshot this instance has not read yet is left for a
 * later pass.
 */
@Component
public class ReminderPublisher {

  private static final Logger log = LoggerFactory.getLogger(ReminderPublisher.class);

  /** A claimed row. */
  record Due(long reservationId, UUID tenantId, Instant start) {}

  /** What a pass does with one claimed row. */
  private sealed interface Decision {}

  private record Publish(Due due, ReminderDue event) implements Decision {}

  private record Drop(Due due, String why) implements Decision {}

  private record Keep(Due due) implements Decision {}

  private final DatabaseClient db;
  private final TransactionalOperator tx;
  private final KafkaTemplate<String, Object> kafka;
  private final TenantSnapshots snapshots;
  private final ReservationProperties properties;
  private final Clock clock;

  public ReminderPublisher(
      DatabaseClient db,
      ReactiveTransactionManager transactions,
      KafkaTemplate<String, Object> kafka,
      TenantSnapshots snapshots,
      ReservationProperties properties,
      Clock clock) {
    this.db = db;
    this.tx = TransactionalOperator.create(transactions);
    this.kafka = kafka;
    this.snapshots = snapshots;
    this.properties = properties;
    this.clock = clock;
  }

  /** One pass; the number of reminders published or dropped (not those left for later). */
  public Mono<Integer> publishDue() {
    return Mono.defer(
        () -> {
          Instant now = clock.instant();
          return tx.transactional(
              claim(now)
                  .flatMap(claimed -> claimed.isEmpty() ? Mono.just(0) : handle(claimed, now)));
        });
  }

  private Mono<List<Due>> claim(Instant now) {
    return db.sql(
            "SELECT reservation_id, tenant_id, start_time FROM claim_due_reminders(:now, :limit)")
        .bind("now", utc(now))
        .bind("limit", properties.reminders().batchSize())
        .map(
            row ->
                new Due(
                    row.get("reservation_id", Long.class),
                    row.get("tenant_id", UUID.class),
                    row.get("start_time", OffsetDateTime.class).toInstant()))
        .all()
        .collectList();
  }

  private Mono<Integer> handle(List<Due> claimed, Instant now) {
    Map<UUID, List<Due>> byTenant =
        claimed.stream()
            .collect(Collectors.groupingBy(Due::tenantId, LinkedHashMap::new, Collectors.toList()));
    return Flux.fromIterable(byTenant.entrySet())
        .concatMap(e -> decide(e.getKey(), e.getValue(), now))
        .collectList()
        .flatMap(
            decisions ->
                send(decisions)
                    .then(record(byTenant.keySet(), decisions, now))
                    .thenReturn(
                        (int) decisions.stream().filter(d -> !(d instanceof Keep)).count()));
  }

  /** Reads one tenant's claimed reservations in its context and decides each reminder. */
  private Flux<Decision> decide(UUID tenantId, List<Due> due, Instant now) {
    return BookingTenant.await(snapshots, tenantId, Duration.ZERO)
        .map(tenant -> decide(tenant, due, now))
        .defaultIfEmpty(Flux.fromIterable(due).map(d -> (Decision) new Keep(d)))
        .flatMapMany(Function.identity());
  }

  private Flux<Decision> decide(BookingTenant tenant, List<Due> due, Instant now) {
    if (!tenant.active() || !tenant.settings().notifications().reminders()) {
      String why = tenant.active() ? "reminders turned off" : "business deactivated";
      return Flux.fromIterable(due).map(d -> new Drop(d, why));
    }
    Long[] ids = due.stream().map(Due::reservationId).toArray(Long[]::new);
    return enter(tenant.id())
        .thenMany(
            db.sql(
                    "SELECT "
                        + ReservationRow.COLUMNS
                        + ReservationRow.FROM
                        + " WHERE r.tenant_id = :tenant AND r.id = ANY(:ids)")
                .bind("tenant", tenant.id())
                .bind("ids", ids)
                .map(ReservationRow::read)
                .all())
        .collectMap(ReservationRow::id)
        .flatMapMany(
            rows ->
                Flux.fromIterable(due)
                    .map(d -> decide(tenant, d, rows.get(d.reservationId()), now)));
  }

  private Decision decide(BookingTenant tenant, Due due, ReservationRow row, Instant now) {
    if (row == null || !ReservationView.ACTIVE.equals(row.status())) {
      return new Drop(due, "reservation no longer active");
    }
    if (!row.start().isAfter(now)) {
      return new Drop(due, "reservation already started");
    }
    ReservationView view = row.view(now, tenant.settings());
    return new Publish(
        due,
        new ReminderDue(
            UUID.randomUUID().toString(), now, tenant.id(), ReminderDue.idOf(view), view));
  }

  /** Publishes every reminder of the pass and waits for the broker's acknowledgement of all. */
  private Mono<Void> send(List<Decision> decisions) {
    List<Mono<?>> sends = new ArrayList<>();
    for (Decision d : decisions) {
      if (d instanceof Publish p) {
        sends.add(
            Mono.fromFuture(
                () -> kafka.send(RESERVATION_EVENTS.name(), p.event().key(), p.event())));
      }
    }
    return Mono.when(sends).timeout(properties.commandTimeout());
  }

  /** Marks the published reminders sent and deletes the dropped ones, tenant by tenant. */
  private Mono<Void> record(Iterable<UUID> tenants, List<Decision> decisions, Instant now) {
    return Flux.fromIterable(tenants)
        .concatMap(
            tenant -> {
              Long[] sent = ids(decisions, tenant, Publish.class);
              Long[] dropped = ids(decisions, tenant, Drop.class);
              Mono<Void> work = Mono.empty();
              if (sent.length > 0) {
                work =
                    work.then(
                        db.sql(
                                "UPDATE reservation_reminders SET sent_at = :now, updated_at ="
                                    + " now() WHERE tenant_id = :tenant AND reservation_id ="
                                    + " ANY(:ids)")
                            .bind("now", utc(now))
                            .bind("tenant", tenant)
                            .bind("ids", sent)
                            .fetch()
                            .rowsUpdated()
                            .then());
              }
              if (dropped.length > 0) {
                work =
                    work.then(
                        db.sql(
                                "DELETE FROM reservation_reminders WHERE tenant_id = :tenant"
                                    + " AND reservation_id = ANY(:ids)")
                            .bind("tenant", tenant)
                            .bind("ids", dropped)
                            .fetch()
                            .rowsUpdated()
                            .then());
              }
              return sent.length + dropped.length == 0 ? work : enter(tenant).then(work);
            })
        .then(Mono.fromRunnable(() -> logPass(decisions)));
  }

  private static Long[] ids(List<Decision> decisions, UUID tenant, Class<?> kind) {
    return decisions.stream()
        .filter(kind::isInstance)
        .map(ReminderPublisher::due)
        .filter(d -> d.tenantId().equals(tenant))
        .map(Due::reservationId)
        .toArray(Long[]::new);
  }

  private static Due due(Decision d) {
    if (d instanceof Publish p) {
      return p.due();
    }
    return d instanceof Drop x ? x.due() : ((Keep) d).due();
  }

  private static void logPass(List<Decision> decisions) {
    long published = decisions.stream().filter(Publish.class::isInstance).count();
    long dropped = decisions.stream().filter(Drop.class::isInstance).count();
    long kept = decisions.size() - published - dropped;
    log.info(
        "reminders: {} published, {} dropped, {} left for a business not known yet",
        published,
        dropped,
        kept);
    if (log.isDebugEnabled()) {
      for (Decision d : decisions) {
        if (d instanceof Drop x) {
          log.debug(
              "reminder of reservation {} (tenant {}) dropped: {}",
              x.due().reservationId(),
              x.due().tenantId(),
              x.why());
        }
      }
    }
  }

  private Mono<Void> enter(UUID tenant) {
    return db.sql("SELECT set_config('app.tenant_id', :tenant, true)")
        .bind("tenant", tenant.toString())
        .fetch()
        .rowsUpdated()
        .then();
  }
}
