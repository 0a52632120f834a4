package io.sahabot.platform.security;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

class CredentialsTest {

  @Test
  void aSecretMatchesItselfAndItsDigestAndNothingElse() {
    String digest = Credentials.digestOf("s3cret");

    assertThat(digest).startsWith("sha256:").hasSize(7 + 64);
    assertThat(Credentials.matches("s3cret", "s3cret")).isTrue();
    assertThat(Credentials.matches("s3cret", digest)).isTrue();
    assertThat(Credentials.matches("s3cret", digest.toUpperCase().replace("SHA256:", "sha256:")))
        .isTrue();
    assertThat(Credentials.matches("s3cre", "s3cret")).isFalse();
    assertThat(Credentials.matches("s3cret ", "s3cret")).isFalse();
    assertThat(Credentials.matches(digest, digest)).isFalse();
  }

  @Test
  void whileACredentialIsRotatedBothTheOldAndTheNewMatch() {
    String both = "old-secret, " + Credentials.digestOf("new-secret");

    assertThat(Credentials.matches("old-secret", both)).isTrue();
    assertThat(Credentials.matches("new-secret", both)).isTrue();
    assertThat(Credentials.matches("other", both)).isFalse();
    assertThat(Credentials.matches("old-secret, new-secret", both)).isFalse();
  }

  @Test
  void blanksNeverMatch() {
    assertThat(Credentials.matches("", "")).isFalse();
    assertThat(Credentials.matches(null, null)).isFalse();
    assertThat(Credentials.matches("x", " ")).isFalse();
    assertThat(Credentials.matches("", Credentials.digestOf(""))).isFalse();
  }
}
