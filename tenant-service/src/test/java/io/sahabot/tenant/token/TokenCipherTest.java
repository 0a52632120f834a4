package io.sahabot.tenant.token;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.charset.StandardCharsets;
import java.util.Base64;
import java.util.UUID;
import org.junit.jupiter.api.Test;

class TokenCipherTest {

  static final String KEY = Base64.getEncoder().encodeToString(new byte[32]);

  TokenCipher cipher = new TokenCipher(KEY);

  @Test
  void encryptsAndDecryptsForTheSameTenant() {
    UUID tenant = UUID.randomUUID();

    byte[] sealed = cipher.encrypt(tenant, "EAAG-token");

    assertThat(new String(sealed, StandardCharsets.ISO_8859_1)).doesNotContain("EAAG-token");
    assertThat(cipher.decrypt(tenant, sealed)).isEqualTo("EAAG-token");
  }

  @Test
  void theSameTokenEncryptsDifferentlyEachTime() {
    UUID tenant = UUID.randomUUID();

    assertThat(cipher.encrypt(tenant, "t")).isNotEqualTo(cipher.encrypt(tenant, "t"));
  }

  @Test
  void aCiphertextMovedToAnotherTenantDoesNotDecrypt() {
    byte[] sealed = cipher.encrypt(UUID.randomUUID(), "EAAG-token");

    assertThatThrownBy(() -> cipher.decrypt(UUID.randomUUID(), sealed))
        .isInstanceOf(IllegalStateException.class);
  }

  @Test
  void anotherKeyDoesNotDecrypt() {
    UUID tenant = UUID.randomUUID();
    byte[] sealed = cipher.encrypt(tenant, "EAAG-token");
    byte[] other = new byte[32];
    other[0] = 1;

    assertThatThrownBy(
            () ->
                new TokenCipher(Base64.getEncoder().encodeToString(other)).decrypt(tenant, sealed))
        .isInstanceOf(IllegalStateException.class);
  }

  @Test
  void rejectsAKeyThatIsNotAes256() {
    assertThatThrownBy(() -> new TokenCipher(Base64.getEncoder().encodeToString(new byte[16])))
        .hasMessageStartingWith("tokenEncryptionKey:");
  }
}
