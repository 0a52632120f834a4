package io.sahabot.agent.privacy;

import io.sahabot.agent.memory.TurnLedger;
import io.sahabot.platform.db.TenantScope;
import io.sahabot.platform.privacy.ErasureList;
import io.sahabot.platform.privacy.PersonalJson;
import io.sahabot.schemas.Json;
import io.sahabot.schemas.reservation.ReservationView;
import io.sahabot.schemas.reservation.query.CustomerData;
import io.sahabot.schemas.reservation.query.CustomerErasure;
import io.sahabot.schemas.reservation.query.CustomerSummary;
import java.time.Clock;
import java.time.Duration;
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
 * A customer's data rights (KVKK / GDPR) across the deployment, for the customer in chat and for
 * operators through tenant-service: what is held about them ({@link #export}) and its erasure
 * ({@link #erase}). reservation-service erases its part first (and refuses while bookings are
 * upcoming); then, in one transaction under the tenant's row-level security, agent-service:
 *
 * <ul>
 *   <li>deletes the customer's conversation memory ({@code conversation_messages}), last contact
 *       ({@code customer_contacts}), told-outcome claims ({@code told_outcomes}) and fallback
 *       records ({@code outbound_fallbacks});
 *   <li>keeps the token usage rows (the tenant's budget) without the user id ({@code token_usage});
 *   <li>keeps the claims of the customer's turns ({@code processed_messages}, so that a redelivered
 *       message is still not answered again) with no replies, and takes the customer out of the
 *       replies and memory of the owners' turns that named them;
 *   <li>adds the identifiers to the erasure list ({@link ErasureList}): a message, contact or
 *       outcome sent before the erasure and delivered again creates nothing personal.
 * </ul>
 */
@Service
public class DataRights {

  private static final Logger log = LoggerFactory.getLogger(DataRights.class);
  private static final Duration TIMEOUT = Duration.ofSeconds(30);

  private final CustomerDataClient reservations;
  private final TenantScope scope;
  private final Clock clock;

  DataRights(CustomerDataClient reservations, TenantScope scope, Clock clock) {
    this.reservations = reservations;
    this.scope = scope;
    this.clock = clock;
  }

  /** What the deployment holds about one customer, as one JSON document. */
  public record Export(
      UUID tenantId,
      List<String> identifiers,
      List<CustomerSummary> customers,
      List<ReservationView> reservations,
      Instant lastContact,
      List<JsonNode> conversation,
      long modelCalls) {}

  /** The outcome of an erasure. */
  public record Erasure(boolean erased, List<ReservationView> upcoming) {}

  /** Whether a record sent at {@code sentAt} by or to one of {@code identifiers} came too late. */
  public boolean erasedSince(UUID tenant, Collection<String> identifiers, Instant sentAt) {
    return Boolean.TRUE.equals(
        ErasureList.erasedSince(scope, tenant, identifiers, sentAt).block(TIMEOUT));
  }

  public Export export(UUID tenant, Collection<String> identifiers) {
    List<String> ids = List.copyOf(linked(tenant, ErasureList.subjects(identifiers)));
    CustomerData held = reservations.data(tenant, ids);
    Object[] mine =
        scope
            .one(
                tenant,
                db ->
                    db.sql(
                            "SELECT (SELECT max(last_inbound_at) FROM customer_contacts WHERE"
                                + " tenant_id = :t AND user_id = ANY(:ids)) AS last, (SELECT"
                                + " count(*) FROM token_usage WHERE tenant_id = :t AND user_id ="
                                + " ANY(:ids)) AS calls, (SELECT jsonb_agg(messages)::text FROM"
                                + " conversation_messages WHERE tenant_id = :t AND user_id ="
                                + " ANY(:ids)) AS conversation")
                        .bind("t", tenant)
                        .bind("ids", ids.toArray(String[]::new))
                        .map(
                            row ->
                                new Object[] {
                                  row.get("last", OffsetDateTime.class),
                                  row.get("calls", Long.class),
                                  row.get("conversation", String.class)
                                })
                        .one())
            .block(TIMEOUT);
    List<JsonNode> conversation = new ArrayList<>();
    if (mine != null && mine[2] != null) {
      for (JsonNode perUser : Json.mapper().readTree((String) mine[2])) {
        perUser.forEach(conversation::add);
      }
    }
    return new Export(
        tenant,
        ids,
        held == null ? List.of() : held.customers(),
        held == null ? List.of() : held.reservations(),
        mine == null || mine[0] == null ? null : ((OffsetDateTime) mine[0]).toInstant(),
        conversation,
        mine == null ? 0 : (Long) mine[1]);
  }

  /**
   * {@code ids} and every address linked to the same person in {@code user_identities} (a phone
   * number and the user ids of one customer), and the person itself: one customer's data is found,
   * and erased, whichever of their addresses asked.
   */
  private Set<String> linked(UUID tenant, Collection<String> ids) {
    Set<String> all = new LinkedHashSet<>(ids);
    String[] asked = ids.toArray(String[]::new);
    List<String> found =
        scope
            .many(
                tenant,
                db ->
                    db.sql(
                            "SELECT address, person FROM user_identities WHERE tenant_id = :t"
                                + " AND person IN (SELECT person FROM user_identities"
                                + " WHERE tenant_id = :t"
                                + " AND (address = ANY(:ids) OR person = ANY(:ids)))")
                        .bind("t", tenant)
                        .bind("ids", asked)
                        .map(
                            row ->
                                row.get("address", String.class)
                                    + "\n"
                                    + row.get("person", String.class))
                        .all())
            .collectList()
            .block(TIMEOUT);
    if (found != null) {
      for (String pair : found) {
        for (String id : pair.split("\n")) {
          all.add(ErasureList.subject(id));
        }
      }
    }
    return all;
  }

  /**
   * Erases the customer known by {@code identifiers}; {@code owners} are the tenant's admin
   * numbers, whose conversations and replies are cleaned of the customer too.
   */
  public Erasure erase(UUID tenant, Collection<String> identifiers, Collection<String> owners) {
    Set<String> ids = linked(tenant, ErasureList.subjects(identifiers));
    CustomerData held = reservations.data(tenant, List.copyOf(ids));
    CustomerErasure answer = reservations.erase(tenant, List.copyOf(ids));
    if (answer == null || !answer.erased()) {
      return new Erasure(false, answer == null ? List.of() : answer.upcoming());
    }
    Set<String> names = new LinkedHashSet<>();
    if (held != null) {
      for (CustomerSummary c : held.customers()) {
        if (c.name() != null) {
          names.add(c.name());
        }
        if (c.phone() != null) {
          ids.add(ErasureList.subject(c.phone()));
        }
        if (c.userId() != null) {
          ids.add(ErasureList.subject(c.userId()));
        }
      }
    }
    Instant now = clock.instant();
    String anonymous = "erased";
    List<String> ownerIds = List.copyOf(ErasureList.subjects(owners));
    long changed =
        scope
            .one(tenant, db -> eraseHere(db, tenant, ids, names, ownerIds, anonymous, now))
            .block(TIMEOUT);
    log.info("Erased a customer of tenant {}: {} rows of agent-service changed", tenant, changed);
    return new Erasure(true, List.of());
  }

  private static Mono<Long> eraseHere(
      DatabaseClient db,
      UUID tenant,
      Set<String> ids,
      Set<String> names,
      List<String> owners,
      String anonymous,
      Instant now) {
    String[] idArray = ids.toArray(String[]::new);
    String[] patterns = ids.stream().map(i -> "%" + i + "%").toArray(String[]::new);
    List<Mono<Long>> steps = new ArrayList<>();
    for (String sql :
        List.of(
            "DELETE FROM conversation_messages WHERE tenant_id = :t AND user_id = ANY(:ids)",
            "DELETE FROM customer_contacts WHERE tenant_id = :t AND user_id = ANY(:ids)",
            "DELETE FROM told_outcomes WHERE tenant_id = :t AND recipient = ANY(:ids)",
            "DELETE FROM outbound_fallbacks WHERE tenant_id = :t AND recipient = ANY(:ids)",
            "UPDATE token_usage SET user_id = NULL WHERE tenant_id = :t AND user_id = ANY(:ids)",
            "DELETE FROM user_identities WHERE tenant_id = :t"
                + " AND (address = ANY(:ids) OR person = ANY(:ids))",
            "DELETE FROM shared_contacts WHERE tenant_id = :t"
                + " AND (owner_id = ANY(:ids) OR phone = ANY(:ids))")) {
      steps.add(
          Mono.defer(
              () -> db.sql(sql).bind("t", tenant).bind("ids", idArray).fetch().rowsUpdated()));
    }
    // the claims of turns whose replies name the customer: the customer's own turns keep no
    // replies; others' (an owner's) are scrubbed of the customer
    steps.add(
        Mono.defer(
            () ->
                db.sql(
                        "SELECT message_id, output::text AS output FROM processed_messages WHERE"
                            + " tenant_id = :t AND consumer = :c AND output IS NOT NULL AND"
                            + " output::text LIKE ANY(:p)")
                    .bind("t", tenant)
                    .bind("c", TurnLedger.CONSUMER)
                    .bind("p", patterns)
                    .map(
                        row ->
                            new String[] {
                              row.get("message_id", String.class), row.get("output", String.class)
                            })
                    .all()
                    .concatMap(
                        claim -> {
                          JsonNode output = Json.mapper().readTree(claim[1]);
                          String cleaned =
                              toTheCustomer(output, ids)
                                  ? "[]"
                                  : scrubbed(output, ids, names, anonymous);
                          return db.sql(
                                  "UPDATE processed_messages SET output = CAST(:o AS jsonb)"
                                      + " WHERE tenant_id = :t AND consumer = :c AND"
                                      + " message_id = :m")
                              .bind("o", cleaned)
                              .bind("t", tenant)
                              .bind("c", TurnLedger.CONSUMER)
                              .bind("m", claim[0])
                              .fetch()
                              .rowsUpdated();
                        })
                    .reduce(0L, Long::sum)));
    // the owners' conversations that mention the customer
    if (!owners.isEmpty()) {
      Set<String> needles = new LinkedHashSet<>(ids);
      names.stream().filter(n -> n.strip().length() >= 3).forEach(needles::add);
      String[] ownerPatterns = needles.stream().map(n -> "%" + n + "%").toArray(String[]::new);
      steps.add(
          Mono.defer(
              () ->
                  db.sql(
                          "SELECT user_id, messages::text AS messages FROM conversation_messages"
                              + " WHERE tenant_id = :t AND user_id = ANY(:owners) AND"
                              + " messages::text ILIKE ANY(:p)")
                      .bind("t", tenant)
                      .bind("owners", owners.toArray(String[]::new))
                      .bind("p", ownerPatterns)
                      .map(
                          row ->
                              new String[] {
                                row.get("user_id", String.class), row.get("messages", String.class)
                              })
                      .all()
                      .concatMap(
                          conversation ->
                              db.sql(
                                      "UPDATE conversation_messages SET messages = CAST(:m AS"
                                          + " jsonb) WHERE tenant_id = :t AND user_id = :u")
                                  .bind(
                                      "m",
                                      scrubbed(
                                          Json.mapper().readTree(conversation[1]),
                                          ids,
                                          names,
                                          anonymous))
                                  .bind("t", tenant)
                                  .bind("u", conversation[0])
                                  .fetch()
                                  .rowsUpdated())
                      .reduce(0L, Long::sum)));
    }
    steps.add(ErasureList.record(db, tenant, ids, now).thenReturn(0L));
    return Flux.concat(steps).reduce(0L, Long::sum);
  }

  /** Whether any reply of a claim went to the customer. */
  private static boolean toTheCustomer(JsonNode output, Set<String> ids) {
    for (JsonNode message : output) {
      JsonNode to = message.get("to");
      if (to != null && to.isString() && ids.contains(ErasureList.subject(to.asString()))) {
        return true;
      }
    }
    return false;
  }

  private static String scrubbed(
      JsonNode node, Set<String> ids, Set<String> names, String anonymous) {
    PersonalJson.scrub(node, ids, names, anonymous);
    return Json.mapper().writeValueAsString(node);
  }
}
