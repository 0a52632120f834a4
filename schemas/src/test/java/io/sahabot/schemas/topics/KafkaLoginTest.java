package io.sahabot.schemas.topics;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.Map;
import org.junit.jupiter.api.Test;

class KafkaLoginTest {

  @Test
  void aUsernameAndPasswordAreScramOverSaslPlaintext() {
    assertThat(
            KafkaLogin.clientProperties(
                Map.of("KAFKA_SASL_USERNAME", "agent-service", "KAFKA_SASL_PASSWORD", "pw")::get))
        .containsExactly(
            Map.entry("security.protocol", "SASL_PLAINTEXT"),
            Map.entry("sasl.mechanism", "SCRAM-SHA-512"),
            Map.entry(
                "sasl.jaas.config",
                "org.apache.kafka.common.security.scram.ScramLoginModule required"
                    + " username=\"agent-service\" password=\"pw\";"));
  }

  @Test
  void mechanismAndProtocolCanBeChosen() {
    assertThat(
            KafkaLogin.clientProperties(
                Map.of(
                        "KAFKA_SASL_USERNAME", "a",
                        "KAFKA_SASL_PASSWORD", "b",
                        "KAFKA_SASL_MECHANISM", "plain",
                        "KAFKA_SECURITY_PROTOCOL", "sasl_ssl")
                    ::get))
        .containsEntry("security.protocol", "SASL_SSL")
        .containsEntry("sasl.mechanism", "PLAIN")
        .hasEntrySatisfying(
            "sasl.jaas.config",
            jaas ->
                assertThat(jaas)
                    .startsWith(
                        "org.apache.kafka.common." + "security.plain.PlainLoginModule required"));
  }

  @Test
  void nothingSetIsNothing() {
    assertThat(KafkaLogin.clientProperties(name -> null)).isEmpty();
    assertThat(KafkaLogin.clientProperties(Map.of("KAFKA_SASL_USERNAME", " ")::get)).isEmpty();
  }

  @Test
  void halfALoginOrAnUnknownMechanismIsRefused() {
    assertThatThrownBy(() -> KafkaLogin.clientProperties(Map.of("KAFKA_SASL_PASSWORD", "pw")::get))
        .isInstanceOf(IllegalStateException.class)
        .hasMessageContaining("KAFKA_SASL_USERNAME");
    assertThatThrownBy(
            () ->
                KafkaLogin.clientProperties(
                    Map.of(
                            "KAFKA_SASL_USERNAME", "a",
                            "KAFKA_SASL_PASSWORD", "b",
                            "KAFKA_SASL_MECHANISM", "GSSAPI")
                        ::get))
        .hasMessageContaining("KAFKA_SASL_MECHANISM");
  }

  @Test
  void quotesAndBackslashesAreEscapedForJaas() {
    assertThat(KafkaLogin.jaasQuoted("a\"b\\c")).isEqualTo("a\\\"b\\\\c");
  }
}
