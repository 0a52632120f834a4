package io.sahabot.reservation.privacy;

import io.sahabot.platform.db.TenantScope;
import io.sahabot.platform.privacy.ErasureList;
import io.sahabot.platform.privacy.PersonalJson;
import io.sahabot.reservation.booking.ReservationRow;
import io.sahabot.reservation.booking.domain.PhoneNumbers;
import io.sahabot.reservation.queries.QueryService;
import io.sahabot.reservation.tenants.BookingTenant;
import io.sahabot.schemas.Json;
import io.sahabot.schemas.reservation.ReservationView;
import io.sahabot.schemas.reservation.query.CustomerData;
import io.sahabot.schemas.reservation.query.CustomerErasure;
import io.sahabot.schemas.reservation.query.CustomerSummary;
import java.time.Clock;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.util.ArrayList;
import java.util.Collection;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;
import java.util.UUID;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.r2dbc.core.DatabaseClient;
import org.springframework.stereotype.Service;
import reactor.core.publisher.Flux;
import reactor.core.publisher.Mono;
import tools.jackson.databind.JsonNode;

/**
 * A customer's data rights (KVKK / GDPR) on what reservation-service holds: what it holds about
 * them ({@link #export}), and its erasure ({@link #erase}), in one transaction under the tenant's
 * row-level security.
 *
 * <p>Erasing keeps the reservations for the business's figures (count, hours, revenue, fields,
 * times, statuses) and takes every personal datum out: the customer rows lose name and phone and
 * their user id becomes {@code erased-<id>} (so the number of customers stays), the reservations
 * lose {@code notes} and an actor naming the customer in {@code created_by}, and the stored outcome
 * events ({@code reservation_outcomes}, published again on a redelivered command) name {@code
 * erased-<id>} instead. The identifiers are added to the erasure list ({@link ErasureList}): a
 * command issued before the erasure never creates the customer again. A customer with upcoming
 * reservations is not erased: they are listed, to be cancelled first.
 */
@Service
public class CustomerDataService {

  private static final Logger log = LoggerFactory.getLogger(CustomerDataService.class);

  private final QueryService queries;
  private final TenantScope scope;
  private final Clock clock;

  public CustomerDataService(QueryService queries, TenantScope scope, Clock clock) {
    this.queries = queries;
    this.scope = scope;
    this.clock = clock;
  }

  /** The identifiers as given, plus each one's normalised phone. */
  static Set<String> identifiers(Collection<String> users) {
    Set<String> ids = new LinkedHashSet<>();
    for (String user : users) {
      if (user == null || user.isBlank()) {
        continue;
      }
      ids.add(user.strip());
      PhoneNumbers.normalise(user).ifPresent(ids::add);
    }
    if (ids.isEmpty()) {
      throw new IllegalArgumentException("user: at least one user id or phone");
    }
    return ids;
  }

  public Mono<CustomerData> export(UUID tenantId, List<String> users) {
    Set<String> ids = identifiers(users);
    return queries
        .tenant(tenantId)
        .flatMap(
            t ->
                scope.one(
                    t.id(),
                    db ->
                        customers(db, t.id(), ids)
                            .collectList()
                            .flatMap(
                                customers ->
                                    reservations(db, t, ids(customers))
                                        .map(
                                            list ->
                                                new CustomerData(
                                                    customers.stream()
                                                        .map(Customer::summary)
                                                        .toList(),
                                                    list)))));
  }

  public Mono<CustomerErasure> erase(UUID tenantId, List<String> users) {
    Set<String> ids = identifiers(users);
    Instant now = clock.instant();
    return queries
        .tenant(tenantId)
        .flatMap(
            t ->
                scope.one(
                    t.id(),
                    db ->
                        customers(db, t.id(), ids)
                            .collectList()
                            .flatMap(customers -> erase(db, t, ids, customers, now))));
  }

  private Mono<CustomerErasure> erase(
      DatabaseClient db,
      BookingTenant t,
      Set<String> given,
      List<Customer> customers,
      Instant now) {
    List<Long> customerIds = ids(customers);
    return upcoming(db, t, customerIds, now)
        .flatMap(
            upcoming -> {
              if (!upcoming.isEmpty()) {
                return Mono.just(new CustomerErasure(false, 0, 0, 0, upcoming));
              }
              Set<String> identifiers = new LinkedHashSet<>(given);
              Set<String> names = new LinkedHashSet<>();
              for (Customer c : customers) {
                if (c.phone() != null) {
                  identifiers.add(c.phone());
                }
                if (c.userId() != null) {
                  identifiers.add(c.userId());
                }
                if (c.name() != null) {
                  names.add(c.name());
                }
              }
              String anonymous = customers.isEmpty() ? "erased" : "erased-" + customers.get(0).id();
              return anonymiseCustomers(db, t.id(), customerIds)
                  .zipWith(scrubReservations(db, t.id(), customerIds, identifiers))
                  .flatMap(
                      counts ->
                          scrubOutcomes(db, t.id(), identifiers, names, anonymous)
                              .flatMap(
                                  outcomes ->
                                      ErasureList.record(db, t.id(), identifiers, now)
                                          .then(
                                              Mono.fromSupplier(
                                                  () -> {
                                                    log.info(
                                                        "Erased a customer of tenant {}: {}"
                                                            + " customer rows, {} reservations"
                                                            + " kept anonymous, {} outcomes"
                                                            + " scrubbed",
                                                        t.id(),
                                                        counts.getT1(),
                                                        counts.getT2(),
                                                        outcomes);
                                                    return new CustomerErasure(
                                                        true,
                                                        counts.getT1(),
                                                        counts.getT2(),
                                                        outcomes,
                                                        List.of());
                                                  }))));
            });
  }

  record Customer(long id, String name, String phone, String userId, long n, Instant last) {
    CustomerSummary summary() {
      return new CustomerSummary(id, name, phone, userId, n, last);
    }
  }

  private static List<Long> ids(List<Customer> customers) {
    return customers.stream().map(Customer::id).toList();
  }

  private static Flux<Customer> customers(DatabaseClient db, UUID tenant, Set<String> ids) {
    return db.sql(
            "SELECT c.id, c.name, c.phone, c.user_id, count(r.id) AS n, max(r.start_time) AS last"
                + " FROM customers c LEFT JOIN reservations r ON r.customer_id = c.id AND"
                + " r.tenant_id = c.tenant_id WHERE c.tenant_id = :t AND (c.user_id = ANY(:ids)"
                + " OR c.phone = ANY(:ids)) GROUP BY c.id ORDER BY c.id")
        .bind("t", tenant)
        .bind("ids", ids.toArray(String[]::new))
        .map(
            row -> {
              OffsetDateTime last = row.get("last", OffsetDateTime.class);
              return new Customer(
                  row.get("id", Long.class),
                  row.get("name", String.class),
                  row.get("phone", String.class),
                  row.get("user_id", String.class),
                  row.get("n", Long.class),
                  last == null ? null : last.toInstant());
            })
        .all();
  }

  private Mono<List<ReservationView>> reservations(
      DatabaseClient db, BookingTenant t, List<Long> customerIds) {
    if (customerIds.isEmpty()) {
      return Mono.just(List.of());
    }
    Instant now = clock.instant();
    return db.sql(
            "SELECT "
                + ReservationRow.COLUMNS
                + ReservationRow.FROM
                + " WHERE r.tenant_id = :t AND r.customer_id = ANY(:ids)"
                + " ORDER BY r.start_time DESC")
        .bind("t", t.id())
        .bind("ids", customerIds.toArray(Long[]::new))
        .map(ReservationRow::read)
        .all()
        .map(row -> row.view(now, t.settings().currency()))
        .collectList();
  }

  private static Mono<List<ReservationView>> upcoming(
      DatabaseClient db, BookingTenant t, List<Long> customerIds, Instant now) {
    if (customerIds.isEmpty()) {
      return Mono.just(List.of());
    }
    return db.sql(
            "SELECT "
                + ReservationRow.COLUMNS
                + ReservationRow.FROM
                + " WHERE r.tenant_id = :t AND r.customer_id = ANY(:ids) AND r.status = 'active'"
                + " AND r.start_time > :now ORDER BY r.start_time")
        .bind("t", t.id())
        .bind("ids", customerIds.toArray(Long[]::new))
        .bind("now", io.sahabot.reservation.booking.Sql.utc(now))
        .map(ReservationRow::read)
        .all()
        .map(row -> row.view(now, t.settings().currency()))
        .collectList();
  }

  private static Mono<Long> anonymiseCustomers(
      DatabaseClient db, UUID tenant, List<Long> customerIds) {
    if (customerIds.isEmpty()) {
      return Mono.just(0L);
    }
    return db.sql(
            "UPDATE customers SET name = NULL, phone = NULL, user_id = 'erased-' || id,"
                + " updated_at = now() WHERE tenant_id = :t AND id = ANY(:ids)")
        .bind("t", tenant)
        .bind("ids", customerIds.toArray(Long[]::new))
        .fetch()
        .rowsUpdated();
  }

  /**
   * The customer's reservations lose their notes and an actor naming them; {@code updated_at} moves
   * on, so that a cached table image (with the names) is drawn again. An actor naming one of the
   * identifiers on another reservation is taken out too.
   */
  private static Mono<Long> scrubReservations(
      DatabaseClient db, UUID tenant, List<Long> customerIds, Set<String> identifiers) {
    List<String> actors = new ArrayList<>();
    for (String id : identifiers) {
      actors.add("customer:" + id);
      actors.add("owner:" + id);
    }
    return db.sql(
            "UPDATE reservations SET notes = NULL, created_by = CASE WHEN created_by ="
                + " ANY(:actors) THEN split_part(created_by, ':', 1) || ':erased' ELSE created_by"
                + " END, updated_at = now() WHERE tenant_id = :t AND (customer_id = ANY(:ids)"
                + " OR created_by = ANY(:actors))")
        .bind("t", tenant)
        .bind("ids", customerIds.toArray(Long[]::new))
        .bind("actors", actors.toArray(String[]::new))
        .fetch()
        .rowsUpdated();
  }

  /** The stored outcome events that name the customer, scrubbed ({@link PersonalJson}). */
  private static Mono<Long> scrubOutcomes(
      DatabaseClient db,
      UUID tenant,
      Set<String> identifiers,
      Set<String> names,
      String anonymous) {
    Set<String> subjects = ErasureList.subjects(identifiers);
    String[] patterns = subjects.stream().map(s -> "%" + s + "%").toArray(String[]::new);
    return db.sql(
            "SELECT command_id, event::text AS event FROM reservation_outcomes"
                + " WHERE tenant_id = :t AND event::text LIKE ANY(:p)")
        .bind("t", tenant)
        .bind("p", patterns)
        .map(
            row ->
                new String[] {row.get("command_id", String.class), row.get("event", String.class)})
        .all()
        .concatMap(
            pair -> {
              JsonNode event = Json.mapper().readTree(pair[1]);
              if (!PersonalJson.scrub(event, identifiers, names, anonymous)) {
                return Mono.just(0L);
              }
              return db.sql(
                      "UPDATE reservation_outcomes SET event = CAST(:e AS jsonb)"
                          + " WHERE tenant_id = :t AND command_id = :c")
                  .bind("e", Json.mapper().writeValueAsString(event))
                  .bind("t", tenant)
                  .bind("c", pair[0])
                  .fetch()
                  .rowsUpdated();
            })
        .reduce(0L, Long::sum);
  }
}
