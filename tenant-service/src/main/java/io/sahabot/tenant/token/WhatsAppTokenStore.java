package io.sahabot.tenant.token;

import io.sahabot.platform.db.TenantScope;
import io.sahabot.tenant.config.TenantProperties;
import java.nio.ByteBuffer;
import java.util.UUID;
import org.springframework.stereotype.Repository;
import reactor.core.publisher.Mono;

/** A tenant's own WhatsApp access token, encrypted at rest ({@link TokenCipher}). */
@Repository
public class WhatsAppTokenStore {

  private final TenantScope scope;
  private final TokenCipher cipher;

  public WhatsAppTokenStore(TenantScope scope, TenantProperties properties) {
    this.scope = scope;
    this.cipher = new TokenCipher(properties.tokenEncryptionKey());
  }

  public Mono<Void> put(UUID tenantId, String accessToken) {
    byte[] sealed = cipher.encrypt(tenantId, accessToken);
    return scope
        .one(
            tenantId,
            db ->
                db.sql(
                        "INSERT INTO tenant_whatsapp_tokens (tenant_id, ciphertext)"
                            + " VALUES (:tenant, :ciphertext) ON CONFLICT (tenant_id) DO UPDATE"
                            + " SET ciphertext = EXCLUDED.ciphertext, updated_at = now()")
                    .bind("tenant", tenantId)
                    .bind("ciphertext", ByteBuffer.wrap(sealed))
                    .fetch()
                    .rowsUpdated())
        .then();
  }

  /** True when there was a token to delete. */
  public Mono<Boolean> delete(UUID tenantId) {
    return scope.one(
        tenantId,
        db ->
            db.sql("DELETE FROM tenant_whatsapp_tokens WHERE tenant_id = :tenant")
                .bind("tenant", tenantId)
                .fetch()
                .rowsUpdated()
                .map(n -> n > 0));
  }

  /** The decrypted token; empty when the tenant has none. */
  public Mono<String> find(UUID tenantId) {
    return scope
        .one(
            tenantId,
            db ->
                db.sql("SELECT ciphertext FROM tenant_whatsapp_tokens WHERE tenant_id = :tenant")
                    .bind("tenant", tenantId)
                    .map(row -> row.get("ciphertext", ByteBuffer.class))
                    .one())
        .map(
            buffer -> {
              byte[] bytes = new byte[buffer.remaining()];
              buffer.get(bytes);
              return cipher.decrypt(tenantId, bytes);
            });
  }
}
