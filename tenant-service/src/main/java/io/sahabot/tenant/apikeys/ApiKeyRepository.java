package io.sahabot.tenant.apikeys;

import io.r2dbc.spi.Readable;
import io.sahabot.platform.db.TenantScope;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.security.SecureRandom;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.util.Base64;
import java.util.HexFormat;
import java.util.UUID;
import org.springframework.r2dbc.core.DatabaseClient;
import org.springframework.stereotype.Repository;
import reactor.core.publisher.Flux;
import reactor.core.publisher.Mono;

/**
 * Tenants' API keys: {@code sk_} followed by 256 random bits (base64url). Only the SHA-256 of a key
 * is stored; the key itself is shown once, when it is created. A high-entropy key needs no salt or
 * slow hash: it cannot be guessed, and the hash lets a presented key be found by an index lookup.
 */
@Repository
public class ApiKeyRepository {

  public static final String PREFIX = "sk_";

  private static final SecureRandom RANDOM = new SecureRandom();

  private final TenantScope scope;
  private final DatabaseClient db;

  public ApiKeyRepository(TenantScope scope, DatabaseClient db) {
    this.scope = scope;
    this.db = db;
  }

  /** A new key of {@code tenantId}; the returned value is the only time the key is seen. */
  public Mono<CreatedKey> create(UUID tenantId, String name) {
    byte[] random = new byte[32];
    RANDOM.nextBytes(random);
    String key = PREFIX + Base64.getUrlEncoder().withoutPadding().encodeToString(random);
    String prefix = key.substring(0, 10);
    return scope.one(
        tenantId,
        db ->
            db.sql(
                    "INSERT INTO tenant_api_keys (tenant_id, name, key_prefix, key_hash)"
                        + " VALUES (:tenant, :name, :prefix, :hash)"
                        + " RETURNING id, name, key_prefix, created_at, last_used_at, revoked_at")
                .bind("tenant", tenantId)
                .bind("name", name)
                .bind("prefix", prefix)
                .bind("hash", hash(key))
                .map(ApiKeyRepository::view)
                .one()
                .map(view -> new CreatedKey(view, key)));
  }

  public Flux<ApiKeyView> list(UUID tenantId) {
    return scope.many(
        tenantId,
        db ->
            db.sql(
                    "SELECT id, name, key_prefix, created_at, last_used_at, revoked_at"
                        + " FROM tenant_api_keys ORDER BY created_at, id")
                .map(ApiKeyRepository::view)
                .all());
  }

  /** Revokes a key; true when the tenant has such a key (revoking twice is harmless). */
  public Mono<Boolean> revoke(UUID tenantId, UUID keyId) {
    return scope.one(
        tenantId,
        db ->
            db.sql(
                    "UPDATE tenant_api_keys SET revoked_at = COALESCE(revoked_at, now())"
                        + " WHERE id = :id")
                .bind("id", keyId)
                .fetch()
                .rowsUpdated()
                .map(n -> n > 0));
  }

  /**
   * The tenant of a presented key, through {@code resolve_api_key} (the one reviewed cross-tenant
   * lookup); empty when the key is unknown or revoked. Records when the key was last used.
   */
  public Mono<ResolvedKey> resolve(String presentedKey) {
    return db.sql("SELECT key_id, tenant_id FROM resolve_api_key(:hash)")
        .bind("hash", hash(presentedKey))
        .map(
            row -> new ResolvedKey(row.get("tenant_id", UUID.class), row.get("key_id", UUID.class)))
        .one()
        .flatMap(
            key ->
                scope
                    .one(
                        key.tenantId(),
                        db ->
                            db.sql("UPDATE tenant_api_keys SET last_used_at = now() WHERE id = :id")
                                .bind("id", key.keyId())
                                .fetch()
                                .rowsUpdated())
                    .thenReturn(key));
  }

  static String hash(String key) {
    try {
      return HexFormat.of()
          .formatHex(
              MessageDigest.getInstance("SHA-256").digest(key.getBytes(StandardCharsets.UTF_8)));
    } catch (NoSuchAlgorithmException e) {
      throw new IllegalStateException(e);
    }
  }

  private static ApiKeyView view(Readable row) {
    return new ApiKeyView(
        row.get("id", UUID.class),
        row.get("name", String.class),
        row.get("key_prefix", String.class),
        instant(row.get("created_at", OffsetDateTime.class)),
        instant(row.get("last_used_at", OffsetDateTime.class)),
        instant(row.get("revoked_at", OffsetDateTime.class)));
  }

  private static Instant instant(OffsetDateTime time) {
    return time == null ? null : time.toInstant();
  }

  /** A key as listed: never the key itself. */
  public record ApiKeyView(
      UUID id,
      String name,
      String prefix,
      Instant createdAt,
      Instant lastUsedAt,
      Instant revokedAt) {}

  /** A key just created: {@code key} is shown this once. */
  public record CreatedKey(ApiKeyView apiKey, String key) {}
}
