package io.sahabot.agent.identity;

import io.sahabot.platform.db.TenantScope;
import io.sahabot.schemas.whatsapp.IdentityChange;
import io.sahabot.schemas.whatsapp.InboundMessage;
import java.time.Duration;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Set;
import java.util.TreeSet;
import java.util.UUID;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.r2dbc.core.DatabaseClient;
import org.springframework.stereotype.Component;
import reactor.core.publisher.Flux;
import reactor.core.publisher.Mono;

/**
 * One customer, one identity ({@code user_identities}): every address a user of a tenant writes
 * from (a phone number, {@code wa_id}, or a business-scoped user id, BSUID) is linked to one
 * <em>person</em>, the first address the tenant knew them by. The agent keys the user's
 * conversation memory, 24-hour window and reservations by the person, and sends to the person's
 * current {@link #address}.
 *
 * <p>A message that carries both a phone number and a BSUID links the two. When they belonged to
 * two persons until then (the user wrote as a username and, separately, from the phone), the two
 * become one: the person of the BSUID stays (else the phone's), the other's addresses, conversation
 * history and last-contact time move to it. A system message about a changed number or user id
 * ({@link IdentityChange}) links the new address to the person and retires the old one. A user with
 * no row is their own person: every user known before this table existed.
 *
 * <p>Each link runs in one transaction, holding a transaction-scoped advisory lock on each address
 * involved, so two links of one user (on two Kafka keys, so in parallel) serialise.
 */
@Component
public class Identities {

  private static final Logger log = LoggerFactory.getLogger(Identities.class);
  private static final Duration TIMEOUT = Duration.ofSeconds(10);

  private final TenantScope tenantScope;

  public Identities(TenantScope tenantScope) {
    this.tenantScope = tenantScope;
  }

  /** Whether an address is a phone number ({@code wa_id}: digits) rather than a BSUID. */
  public static boolean isPhone(String address) {
    return address.chars().allMatch(Character::isDigit);
  }

  /**
   * The person who sent {@code message}, its addresses linked to that person (and merged with any
   * other person they belonged to), blocking.
   */
  public String person(InboundMessage message) {
    List<String> current = new ArrayList<>();
    List<String> priority = new ArrayList<>();
    if (message.bsuid() != null) {
      priority.add(message.bsuid());
    }
    if (message.waId() != null) {
      priority.add(message.waId());
    }
    current.addAll(priority);
    if (!current.contains(message.userId())) {
      current.add(message.userId());
      priority.add(message.userId());
    }
    Instant at = message.sentAt() != null ? message.sentAt() : message.occurredAt();
    return known(message.tenantId(), current)
        .switchIfEmpty(
            Mono.defer(
                () -> link(message.tenantId(), priority, current, List.of(), message.userId(), at)))
        .block(TIMEOUT);
  }

  /**
   * The person when every one of {@code addresses} is already linked to it and none is retired (the
   * usual case: one read); empty when something is to be linked.
   */
  private Mono<String> known(UUID tenantId, List<String> addresses) {
    return tenantScope
        .many(
            tenantId,
            db ->
                db.sql(
                        "SELECT person, retired_at IS NOT NULL AS retired FROM user_identities"
                            + " WHERE tenant_id = :tenant AND address = ANY(:addresses)")
                    .bind("tenant", tenantId)
                    .bind("addresses", addresses.toArray(String[]::new))
                    .map(
                        row ->
                            Boolean.TRUE.equals(row.get("retired", Boolean.class))
                                ? ""
                                : row.get("person", String.class))
                    .all())
        .collectList()
        .flatMap(
            persons ->
                persons.size() == addresses.size()
                        && Set.copyOf(persons).size() == 1
                        && !persons.get(0).isEmpty()
                    ? Mono.just(persons.get(0))
                    : Mono.empty());
  }

  /**
   * Applies a system message's {@link IdentityChange}: the user's new phone number and/or user id
   * are linked to the person the message names, and the addresses they replace are retired (kept,
   * so that what was booked under them stays this person's, but never sent to). Blocking; returns
   * the person.
   */
  public String change(InboundMessage message) {
    IdentityChange change = Objects.requireNonNull(message.identityChange(), "identityChange");
    Set<String> old = new LinkedHashSet<>();
    old.add(message.userId());
    if (message.waId() != null) {
      old.add(message.waId());
    }
    if (message.bsuid() != null) {
      old.add(message.bsuid());
    }
    if (change.previousUserId() != null) {
      old.add(change.previousUserId());
    }
    List<String> current = new ArrayList<>();
    if (change.newWaId() != null) {
      current.add(change.newWaId());
    }
    if (change.newUserId() != null) {
      current.add(change.newUserId());
    }
    List<String> retired = new ArrayList<>();
    for (String address : old) {
      if (current.contains(address)) {
        continue;
      }
      boolean replaced = isPhone(address) ? change.newWaId() != null : change.newUserId() != null;
      if (replaced) {
        retired.add(address);
      } else {
        current.add(address);
      }
    }
    List<String> priority = new ArrayList<>(old);
    priority.addAll(current);
    Instant at = message.sentAt() != null ? message.sentAt() : message.occurredAt();
    String person =
        link(message.tenantId(), priority, current, retired, message.userId(), at).block(TIMEOUT);
    log.info(
        "Identity of a user of tenant {} changed ({}): {} address(es) retired",
        message.tenantId(),
        change.type(),
        retired.size());
    return person;
  }

  /**
   * Where to send to {@code person} now: its phone number if it has a current one, else its most
   * recently seen current BSUID; the person itself when it has no row (blocking).
   */
  public String address(UUID tenantId, String person) {
    return tenantScope
        .one(
            tenantId,
            db ->
                db.sql(
                        "SELECT address FROM user_identities WHERE tenant_id = :tenant"
                            + " AND person = :person AND retired_at IS NULL"
                            + " ORDER BY is_phone DESC, seen_at DESC LIMIT 1")
                    .bind("tenant", tenantId)
                    .bind("person", person)
                    .map(row -> row.get("address", String.class))
                    .one())
        .blockOptional(TIMEOUT)
        .orElse(person);
  }

  /** The addresses linked to {@code person}, current and retired (blocking). */
  public List<String> addresses(UUID tenantId, String person) {
    return tenantScope
        .many(
            tenantId,
            db ->
                db.sql(
                        "SELECT address FROM user_identities WHERE tenant_id = :tenant"
                            + " AND person = :person ORDER BY address")
                    .bind("tenant", tenantId)
                    .bind("person", person)
                    .map(row -> row.get("address", String.class))
                    .all())
        .collectList()
        .block(TIMEOUT);
  }

  /**
   * Links {@code current} and {@code retired} to one person: the person of the first address of
   * {@code priority} that has a row, else {@code fallback}; every other person they belonged to (an
   * address without a row is its own person) is merged into it.
   */
  private Mono<String> link(
      UUID tenantId,
      List<String> priority,
      List<String> current,
      List<String> retired,
      String fallback,
      Instant at) {
    Set<String> all = new TreeSet<>(current);
    all.addAll(retired);
    OffsetDateTime seen = OffsetDateTime.ofInstant(at, ZoneOffset.UTC);
    return tenantScope.one(
        tenantId,
        db ->
            Flux.fromIterable(all)
                .concatMap(address -> lock(db, tenantId, address))
                .then(rows(db, tenantId, all))
                .flatMap(
                    persons -> {
                      String winner = fallback;
                      for (String address : priority) {
                        if (persons.containsKey(address)) {
                          winner = persons.get(address);
                          break;
                        }
                      }
                      Set<String> losers = new LinkedHashSet<>();
                      for (String address : all) {
                        losers.add(persons.getOrDefault(address, address));
                      }
                      losers.remove(winner);
                      String person = winner;
                      return Flux.fromIterable(losers)
                          .concatMap(loser -> merge(db, tenantId, loser, person))
                          .thenMany(
                              Flux.fromIterable(all)
                                  .concatMap(
                                      address ->
                                          upsert(
                                              db,
                                              tenantId,
                                              address,
                                              person,
                                              seen,
                                              retired.contains(address))))
                          .then(Mono.just(person));
                    }));
  }

  private static Mono<Void> lock(DatabaseClient db, UUID tenantId, String address) {
    return db.sql("SELECT pg_advisory_xact_lock(hashtextextended(:key, 17))")
        .bind("key", "user_identities|" + tenantId + "|" + address)
        .fetch()
        .rowsUpdated()
        .then();
  }

  /** The persons of those of {@code addresses} that have a row. */
  private static Mono<Map<String, String>> rows(
      DatabaseClient db, UUID tenantId, Set<String> addresses) {
    return db.sql(
            "SELECT address, person FROM user_identities WHERE tenant_id = :tenant"
                + " AND address = ANY(:addresses)")
        .bind("tenant", tenantId)
        .bind("addresses", addresses.toArray(String[]::new))
        .map(row -> Map.entry(row.get("address", String.class), row.get("person", String.class)))
        .all()
        .collectMap(Map.Entry::getKey, Map.Entry::getValue, LinkedHashMap::new);
  }

  /** {@code loser}'s addresses, conversation history and last contact become {@code winner}'s. */
  private static Mono<Void> merge(DatabaseClient db, UUID tenantId, String loser, String winner) {
    Mono<Long> addresses =
        db.sql(
                "UPDATE user_identities SET person = :winner WHERE tenant_id = :tenant"
                    + " AND person = :loser")
            .bind("tenant", tenantId)
            .bind("winner", winner)
            .bind("loser", loser)
            .fetch()
            .rowsUpdated();
    // the loser's history first: it is the older conversation as far as this link can tell
    Mono<Long> history =
        db.sql(
                "INSERT INTO conversation_messages (tenant_id, user_id, messages, updated_at)"
                    + " SELECT tenant_id, :winner, messages, now() FROM conversation_messages"
                    + " WHERE tenant_id = :tenant AND user_id = :loser"
                    + " ON CONFLICT (tenant_id, user_id) DO UPDATE SET"
                    + " messages = EXCLUDED.messages || conversation_messages.messages,"
                    + " updated_at = now()")
            .bind("tenant", tenantId)
            .bind("winner", winner)
            .bind("loser", loser)
            .fetch()
            .rowsUpdated();
    Mono<Long> contact =
        db.sql(
                "INSERT INTO customer_contacts (tenant_id, user_id, last_inbound_at)"
                    + " SELECT tenant_id, :winner, last_inbound_at FROM customer_contacts"
                    + " WHERE tenant_id = :tenant AND user_id = :loser"
                    + " ON CONFLICT (tenant_id, user_id) DO UPDATE SET last_inbound_at ="
                    + " GREATEST(customer_contacts.last_inbound_at, EXCLUDED.last_inbound_at)")
            .bind("tenant", tenantId)
            .bind("winner", winner)
            .bind("loser", loser)
            .fetch()
            .rowsUpdated();
    Mono<Long> drop =
        db.sql(
                "WITH h AS (DELETE FROM conversation_messages WHERE tenant_id = :tenant"
                    + " AND user_id = :loser RETURNING 1)"
                    + " DELETE FROM customer_contacts WHERE tenant_id = :tenant AND user_id = :loser")
            .bind("tenant", tenantId)
            .bind("loser", loser)
            .fetch()
            .rowsUpdated();
    return addresses
        .flatMap(
            moved ->
                history
                    .then(contact)
                    .then(drop)
                    .doOnSuccess(
                        n -> {
                          if (moved > 0 || (n != null && n > 0)) {
                            log.info(
                                "Two identities of a user of tenant {} linked into one", tenantId);
                          }
                        }))
        .then();
  }

  private static Mono<Long> upsert(
      DatabaseClient db,
      UUID tenantId,
      String address,
      String person,
      OffsetDateTime seen,
      boolean retired) {
    return db.sql(
            "INSERT INTO user_identities (tenant_id, address, person, is_phone, seen_at,"
                + " retired_at) VALUES (:tenant, :address, :person, :phone, :seen, "
                + (retired ? ":seen" : "NULL")
                + ") ON CONFLICT (tenant_id, address) DO UPDATE SET person = EXCLUDED.person,"
                + " seen_at = GREATEST(user_identities.seen_at, EXCLUDED.seen_at),"
                + (retired
                    ? " retired_at = COALESCE(user_identities.retired_at, EXCLUDED.retired_at)"
                    : " retired_at = NULL"))
        .bind("tenant", tenantId)
        .bind("address", address)
        .bind("person", person)
        .bind("phone", isPhone(address))
        .bind("seen", seen)
        .fetch()
        .rowsUpdated();
  }
}
