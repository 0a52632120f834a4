package io.sahabot.tenant.token;

import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.security.SecureRandom;
import java.util.Base64;
import java.util.UUID;
import javax.crypto.Cipher;
import javax.crypto.spec.GCMParameterSpec;
import javax.crypto.spec.SecretKeySpec;

/**
 * AES-256-GCM with the deployment's key: {@code nonce (12 bytes) || ciphertext || tag (16 bytes)},
 * the tenant id as associated data (a ciphertext moved to another tenant's row does not decrypt).
 */
public final class TokenCipher {

  private static final int NONCE_BYTES = 12;
  private static final int TAG_BITS = 128;
  private static final SecureRandom RANDOM = new SecureRandom();

  private final SecretKeySpec key;

  /** {@code base64Key}: 32 bytes, base64. */
  public TokenCipher(String base64Key) {
    byte[] bytes;
    try {
      bytes = Base64.getDecoder().decode(base64Key.trim());
    } catch (IllegalArgumentException e) {
      throw new IllegalArgumentException("tokenEncryptionKey: not base64", e);
    }
    if (bytes.length != 32) {
      throw new IllegalArgumentException(
          "tokenEncryptionKey: must be 32 bytes (AES-256), was " + bytes.length);
    }
    this.key = new SecretKeySpec(bytes, "AES");
  }

  public byte[] encrypt(UUID tenantId, String plaintext) {
    try {
      byte[] nonce = new byte[NONCE_BYTES];
      RANDOM.nextBytes(nonce);
      Cipher cipher = Cipher.getInstance("AES/GCM/NoPadding");
      cipher.init(Cipher.ENCRYPT_MODE, key, new GCMParameterSpec(TAG_BITS, nonce));
      cipher.updateAAD(aad(tenantId));
      byte[] sealed = cipher.doFinal(plaintext.getBytes(StandardCharsets.UTF_8));
      return ByteBuffer.allocate(nonce.length + sealed.length).put(nonce).put(sealed).array();
    } catch (GeneralSecurityException e) {
      throw new IllegalStateException("token encryption failed", e);
    }
  }

  public String decrypt(UUID tenantId, byte[] stored) {
    try {
      Cipher cipher = Cipher.getInstance("AES/GCM/NoPadding");
      cipher.init(Cipher.DECRYPT_MODE, key, new GCMParameterSpec(TAG_BITS, stored, 0, NONCE_BYTES));
      cipher.updateAAD(aad(tenantId));
      byte[] plain = cipher.doFinal(stored, NONCE_BYTES, stored.length - NONCE_BYTES);
      return new String(plain, StandardCharsets.UTF_8);
    } catch (GeneralSecurityException e) {
      throw new IllegalStateException(
          "token decryption failed (wrong SAHABOT_TOKEN_ENCRYPTION_KEY?)", e);
    }
  }

  private static byte[] aad(UUID tenantId) {
    return tenantId.toString().getBytes(StandardCharsets.UTF_8);
  }
}
