package io.sahabot.platform.kafka;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.sahabot.schemas.topics.KafkaLogin;
import java.util.List;
import java.util.Map;
import javax.security.auth.login.AppConfigurationEntry;
import org.apache.kafka.common.config.types.Password;
import org.apache.kafka.common.security.JaasContext;
import org.junit.jupiter.api.Test;
import org.springframework.boot.SpringApplication;
import org.springframework.boot.context.properties.bind.Binder;
import org.springframework.boot.kafka.autoconfigure.KafkaProperties;
import org.springframework.mock.env.MockEnvironment;

class KafkaSaslEnvironmentTest {

  @Test
  void aUsernameAndPasswordReachEveryClientSpringBootBuilds() {
    KafkaProperties kafka =
        bound(
            new MockEnvironment()
                .withProperty("KAFKA_SASL_USERNAME", "agent-service")
                .withProperty("KAFKA_SASL_PASSWORD", "s3cret"));

    for (Map<String, Object> client :
        List.of(
            kafka.buildProducerProperties(),
            kafka.buildConsumerProperties(),
            kafka.buildAdminProperties(),
            kafka.buildStreamsProperties())) {
      assertThat(client)
          .containsEntry("security.protocol", "SASL_PLAINTEXT")
          .containsEntry("sasl.mechanism", "SCRAM-SHA-512");
      assertThat(login(client))
          .containsEntry("username", "agent-service")
          .containsEntry("password", "s3cret");
    }
  }

  @Test
  void nothingSetIsThePlaintextLocalRun() {
    KafkaProperties kafka = bound(new MockEnvironment());

    assertThat(kafka.buildProducerProperties())
        .doesNotContainKeys("security.protocol", "sasl.mechanism", "sasl.jaas.config");
  }

  @Test
  void explicitSpringKafkaSettingsWin() {
    KafkaProperties kafka =
        bound(
            new MockEnvironment()
                .withProperty("KAFKA_SASL_USERNAME", "agent-service")
                .withProperty("KAFKA_SASL_PASSWORD", "s3cret")
                .withProperty("spring.kafka.security.protocol", "SASL_SSL")
                .withProperty("spring.kafka.properties.sasl.mechanism", "SCRAM-SHA-256"));

    assertThat(kafka.buildConsumerProperties())
        .containsEntry("security.protocol", "SASL_SSL")
        .containsEntry("sasl.mechanism", "SCRAM-SHA-256");
  }

  @Test
  void aPasswordWithQuotesAndBackslashesSurvivesTheJaasSyntax() {
    String password = "a\"b\\c d;e}";
    Map<String, String> client =
        KafkaLogin.clientProperties(
            name ->
                switch (name) {
                  case "KAFKA_SASL_USERNAME" -> "ingress-service";
                  case "KAFKA_SASL_PASSWORD" -> password;
                  default -> null;
                });

    assertThat(login(Map.copyOf(client))).containsEntry("password", password);
  }

  @Test
  void aUsernameWithoutAPasswordRefusesToStart() {
    assertThatThrownBy(
            () -> bound(new MockEnvironment().withProperty("KAFKA_SASL_USERNAME", "x-service")))
        .isInstanceOf(IllegalStateException.class)
        .hasMessageContaining("KAFKA_SASL_PASSWORD");
  }

  @Test
  void aProtocolAloneIsPassedOn() {
    KafkaProperties kafka =
        bound(new MockEnvironment().withProperty("KAFKA_SECURITY_PROTOCOL", "ssl"));

    assertThat(kafka.buildAdminProperties())
        .containsEntry("security.protocol", "SSL")
        .doesNotContainKey("sasl.jaas.config");
  }

  private static KafkaProperties bound(MockEnvironment environment) {
    new KafkaSaslEnvironment().postProcessEnvironment(environment, new SpringApplication());
    return Binder.get(environment).bindOrCreate("spring.kafka", KafkaProperties.class);
  }

  /** The login module's options, parsed as the Kafka client parses sasl.jaas.config. */
  @SuppressWarnings("unchecked")
  private static Map<String, Object> login(Map<String, ?> client) {
    Object jaas = client.get("sasl.jaas.config");
    String text = jaas instanceof Password p ? p.value() : String.valueOf(jaas);
    AppConfigurationEntry entry =
        JaasContext.loadClientContext(Map.of("sasl.jaas.config", new Password(text)))
            .configurationEntries()
            .get(0);
    return (Map<String, Object>) entry.getOptions();
  }
}
