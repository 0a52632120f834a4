package io.sahabot.reservation.waitlist;

import static io.sahabot.reservation.booking.Sql.utc;
import static io.sahabot.schemas.topics.Topics.RESERVATION_EVENTS;

import io.sahabot.platform.tenants.TenantSnapshots;
import io.sahabot.reservation.config.ReservationProperties;
import io.sahabot.reservation.tenants.BookingTenant;
import io.sahabot.schemas.reservation.CustomerRef;
import io.sahabot.schemas.reservation.ReservationEvent;
import io.sahabot.schemas.reservation.Slot;
import io.sahabot.schemas.reservation.WaitlistOfferExpired;
import io.sahabot.schemas.reservation.WaitlistOffered;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
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
 * One pass of the waitlist scheduler, in one database transaction, built like the reminder
 * scheduler's ({@code reminders/ReminderPublisher}):
 *
 * <ol>
 *   <li>claim, across tenants, the offers whose hold is over ({@code
 *       claim_expired_waitlist_offers}) and the first waiting entries of free slots ({@code
 *       claim_free_waitlist_slots}); both V21_1, SECURITY DEFINER, {@code FOR UPDATE SKIP LOCKED},
 *       the locks this transaction's;
 *   <li>per tenant, in its row-level-security context: mark the lapsed offers {@code expired} and
 *       the entries to offer {@code offered}, held until now + the business's {@code
 *       waitlistHoldMinutes};
 *   <li>publish a {@link WaitlistOfferExpired} and a {@link WaitlistOffered} for each, wait for the
 *       broker's acknowledgement of all of them, and commit.
 * </ol>
 *
 * A failure rolls everything back and the next pass claims the same rows: no offer is lost, and
 * none is made twice except when a crash falls between the acknowledgement and the commit (then the
 * same event id, {@code waitlist-offer:<entry>}, is published again and told once). An entry of a
 * business this instance has not read yet, or deactivated, is left for a later pass.
 */
@Component
public class WaitlistPublisher {

  private static final Logger log = LoggerFactory.getLogger(WaitlistPublisher.class);

  /** A claimed entry and what to do with it. */
  record Claimed(long entryId, UUID tenantId, boolean expire) {}

  private final DatabaseClient db;
  private final TransactionalOperator tx;
  private final KafkaTemplate<String, Object> kafka;
  private final TenantSnapshots snapshots;
  private final ReservationProperties properties;
  private final WaitlistProperties settings;
  private final Clock clock;

  public WaitlistPublisher(
      DatabaseClient db,
      ReactiveTransactionManager transactions,
      KafkaTemplate<String, Object> kafka,
      TenantSnapshots snapshots,
      ReservationProperties properties,
      WaitlistProperties settings,
      Clock clock) {
    this.db = db;
    this.tx = TransactionalOperator.create(transactions);
    this.kafka = kafka;
    this.snapshots = snapshots;
    this.properties = properties;
    this.settings = settings;
    this.clock = clock;
  }

  /** One pass; the number of offers and expiries published. */
  public Mono<Integer> pass() {
    return Mono.defer(
        () -> {
          Instant now = clock.instant();
          return tx.transactional(
              claim("claim_expired_waitlist_offers", now, true)
                  .concatWith(claim("claim_free_waitlist_slots", now, false))
                  .collectList()
                  .flatMap(claimed -> claimed.isEmpty() ? Mono.just(0) : handle(claimed, now)));
        });
  }

  private Flux<Claimed> claim(String function, Instant now, boolean expire) {
    return db.sql("SELECT entry_id, tenant_id FROM " + function + "(:now, :limit)")
        .bind("now", utc(now))
        .bind("limit", settings.batchSize())
        .map(
            row ->
                new Claimed(
                    row.get("entry_id", Long.class), row.get("tenant_id", UUID.class), expire))
        .all();
  }

  private Mono<Integer> handle(List<Claimed> claimed, Instant now) {
    Map<UUID, List<Claimed>> byTenant = new LinkedHashMap<>();
    for (Claimed c : claimed) {
      byTenant.computeIfAbsent(c.tenantId(), k -> new ArrayList<>()).add(c);
    }
    return Flux.fromIterable(byTenant.entrySet())
        .concatMap(e -> decide(e.getKey(), e.getValue(), now))
        .collectList()
        .flatMap(events -> send(events).thenReturn(events))
        .doOnNext(WaitlistPublisher::logPass)
        .map(List::size);
  }

  private Flux<ReservationEvent> decide(UUID tenantId, List<Claimed> claimed, Instant now) {
    return BookingTenant.await(snapshots, tenantId, Duration.ZERO)
        .filter(BookingTenant::active)
        .flatMapMany(
            tenant -> {
              Long[] expire = ids(claimed, true);
              Long[] offer = ids(claimed, false);
              Instant holdUntil =
                  now.plus(Duration.ofMinutes(tenant.settings().waitlistHoldMinutes()));
              return enter(tenantId)
                  .thenMany(
                      Flux.concat(
                          update(tenantId, expire, "expired", null, now)
                              .map(
                                  row ->
                                      (ReservationEvent)
                                          new WaitlistOfferExpired(
                                              UUID.randomUUID().toString(),
                                              now,
                                              tenantId,
                                              WaitlistOfferExpired.idOf(row.id()),
                                              row.id(),
                                              row.slot(),
                                              row.customer())),
                          update(tenantId, offer, "offered", holdUntil, now)
                              .map(
                                  row ->
                                      new WaitlistOffered(
                                          UUID.randomUUID().toString(),
                                          now,
                                          tenantId,
                                          WaitlistOffered.idOf(row.id()),
                                          row.id(),
                                          row.slot(),
                                          row.customer(),
                                          holdUntil))));
            });
  }

  private record Row(long id, Slot slot, CustomerRef customer) {}

  /** Sets the entries' status; an offer also gets its hold. */
  private Flux<Row> update(UUID tenant, Long[] ids, String status, Instant holdUntil, Instant now) {
    if (ids.length == 0) {
      return Flux.empty();
    }
    String from = "expired".equals(status) ? "offered" : "waiting";
    var spec =
        db.sql(
                "UPDATE waitlist_entries w SET status = :status, updated_at = now()"
                    + ("offered".equals(status) ? ", offered_at = :now, hold_until = :hold" : "")
                    + " FROM fields f, customers c WHERE w.tenant_id = :tenant"
                    + " AND w.id = ANY(:ids) AND w.status = :from"
                    + " AND f.id = w.field_id AND c.id = w.customer_id"
                    + " RETURNING w.id, f.name AS field, w.start_time, w.end_time,"
                    + " c.name, c.phone, c.user_id")
            .bind("status", status)
            .bind("tenant", tenant)
            .bind("ids", ids)
            .bind("from", from);
    if ("offered".equals(status)) {
      spec = spec.bind("now", utc(now)).bind("hold", utc(holdUntil));
    }
    return spec.map(
            row ->
                new Row(
                    row.get("id", Long.class),
                    new Slot(
                        row.get("field", String.class),
                        row.get("start_time", OffsetDateTime.class).toInstant(),
                        row.get("end_time", OffsetDateTime.class).toInstant()),
                    new CustomerRef(
                        row.get("name", String.class),
                        row.get("phone", String.class),
                        row.get("user_id", String.class))))
        .all()
        .sort((a, b) -> Long.compare(a.id(), b.id()));
  }

  private static Long[] ids(List<Claimed> claimed, boolean expire) {
    return claimed.stream()
        .filter(c -> c.expire() == expire)
        .map(Claimed::entryId)
        .toArray(Long[]::new);
  }

  private Mono<Void> send(List<ReservationEvent> events) {
    List<Mono<?>> sends = new ArrayList<>();
    for (ReservationEvent e : events) {
      sends.add(Mono.fromFuture(() -> kafka.send(RESERVATION_EVENTS.name(), e.key(), e)));
    }
    return Mono.when(sends).timeout(properties.commandTimeout());
  }

  private static void logPass(List<ReservationEvent> events) {
    long offered = events.stream().filter(WaitlistOffered.class::isInstance).count();
    log.info("waitlist: {} offers made, {} offers expired", offered, events.size() - offered);
  }

  private Mono<Void> enter(UUID tenant) {
    return db.sql("SELECT set_config('app.tenant_id', :tenant, true)")
        .bind("tenant", tenant.toString())
        .fetch()
        .rowsUpdated()
        .then();
  }
}
