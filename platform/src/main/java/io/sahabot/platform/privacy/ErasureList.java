package io.sahabot.platform.privacy;

import io.sahabot.platform.db.TenantScope;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.Collection;
import java.util.HexFormat;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Objects;
import java.util.Set;
import java.util.UUID;
import org.springframework.r2dbc.core.DatabaseClient;
import reactor.core.publisher.Mono;

/**
 * The customers whose personal data was erased ({@code data_erasures}, migration {@code V22_1}):
 * per tenant, the SHA-256 of each erased identifier (a WhatsApp user id, a phone as E.164 digits)
 * and when it was erased. Consulted before a personal record is created from a Kafka record: a
 * record sent before its sender's erasure (a redelivery, a replay, a re-drive) creates nothing
 * personal again, while a customer who writes after it is simply a new customer.
 */
public final class ErasureList {

  private ErasureList() {}

  /**
   * The form an identifier is compared in: a phone number or WhatsApp id as its digits ({@code "+90
   * 545 403 19 18"} is {@code 905454031918}), anything else (a BSUID) as written, trimmed.
   */
  public static String subject(String identifier) {
    Objects.requireNonNull(identifier, "identifier");
    String trimmed = identifier.strip();
    if (trimmed.matches("[+0-9 ()\\-]{4,}")) {
      return trimmed.replaceAll("[^0-9]", "");
    }
    return trimmed;
  }

  /** The subjects of the non-blank identifiers, without repeats. */
  public static Set<String> subjects(Collection<String> identifiers) {
    Set<String> out = new LinkedHashSet<>();
    for (String id : identifiers) {
      if (id != null && !id.isBlank()) {
        out.add(subject(id));
      }
    }
    return out;
  }

  /**
   * The stored hash of {@code identifier} for {@code tenantId}: hex SHA-256 of "tenant:subject".
   */
  public static String hash(UUID tenantId, String identifier) {
    try {
      byte[] digest =
          MessageDigest.getInstance("SHA-256")
              .digest((tenantId + ":" + subject(identifier)).getBytes(StandardCharsets.UTF_8));
      return HexFormat.of().formatHex(digest);
    } catch (NoSuchAlgorithmException e) {
      throw new IllegalStateException("SHA-256 is missing", e);
    }
  }

  /**
   * Records the erasure of {@code identifiers} at {@code at}, in the caller's tenant transaction
   * ({@code db} inside {@link TenantScope}); a later erasure of the same identifier moves the time
   * on.
   */
  public static Mono<Void> record(
      DatabaseClient db, UUID tenantId, Collection<String> identifiers, Instant at) {
    List<String> hashes = subjects(identifiers).stream().map(s -> hash(tenantId, s)).toList();
    return reactor.core.publisher.Flux.fromIterable(hashes)
        .concatMap(
            h ->
                db.sql(
                        "INSERT INTO data_erasures (tenant_id, subject_hash, erased_at)"
                            + " VALUES (:t, :h, :at) ON CONFLICT (tenant_id, subject_hash)"
                            + " DO UPDATE SET erased_at = GREATEST(data_erasures.erased_at,"
                            + " EXCLUDED.erased_at)")
                    .bind("t", tenantId)
                    .bind("h", h)
                    .bind("at", OffsetDateTime.ofInstant(at, ZoneOffset.UTC))
                    .fetch()
                    .rowsUpdated())
        .then();
  }

  /**
   * Whether any of {@code identifiers} was erased at or after {@code sentAt}: a record sent then
   * must not become personal data again. Run inside the tenant's transaction.
   */
  public static Mono<Boolean> erasedSince(
      DatabaseClient db, UUID tenantId, Collection<String> identifiers, Instant sentAt) {
    List<String> hashes = subjects(identifiers).stream().map(s -> hash(tenantId, s)).toList();
    if (hashes.isEmpty()) {
      return Mono.just(false);
    }
    return db.sql(
            "SELECT EXISTS (SELECT 1 FROM data_erasures WHERE tenant_id = :t"
                + " AND subject_hash = ANY(:h) AND erased_at >= :at) AS erased")
        .bind("t", tenantId)
        .bind("h", hashes.toArray(String[]::new))
        .bind("at", OffsetDateTime.ofInstant(sentAt, ZoneOffset.UTC))
        .map(row -> Boolean.TRUE.equals(row.get("erased", Boolean.class)))
        .one()
        .defaultIfEmpty(false);
  }

  /** {@link #erasedSince} in its own tenant transaction. */
  public static Mono<Boolean> erasedSince(
      TenantScope scope, UUID tenantId, Collection<String> identifiers, Instant sentAt) {
    return scope.one(tenantId, db -> erasedSince(db, tenantId, identifiers, sentAt));
  }
}
