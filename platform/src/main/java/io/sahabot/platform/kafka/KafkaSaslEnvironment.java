package io.sahabot.platform.kafka;

import io.sahabot.schemas.topics.KafkaLogin;
import java.util.LinkedHashMap;
import java.util.Map;
import org.springframework.boot.EnvironmentPostProcessor;
import org.springframework.boot.SpringApplication;
import org.springframework.boot.context.config.ConfigDataEnvironmentPostProcessor;
import org.springframework.core.Ordered;
import org.springframework.core.env.ConfigurableEnvironment;
import org.springframework.core.env.MapPropertySource;

/**
 * How a service authenticates to Kafka, for every client it builds from Spring Boot's {@code
 * spring.kafka.*} (its producers, consumers and listener containers, the admin client that creates
 * its topics and checks health, Kafka Streams): {@code KAFKA_SASL_USERNAME}, {@code
 * KAFKA_SASL_PASSWORD}, {@code KAFKA_SASL_MECHANISM} and {@code KAFKA_SECURITY_PROTOCOL} ({@link
 * KafkaLogin}) become {@code spring.kafka.security.protocol} and {@code
 * spring.kafka.properties.sasl.mechanism} / {@code sasl.jaas.config}, below every other property
 * source: an explicit {@code spring.kafka.*} setting (or {@code SPRING_KAFKA_*} variable) wins. A
 * username without a password, or the reverse, stops the service at startup. With none of them set
 * (the local run, the tests) nothing is added: PLAINTEXT, no login.
 */
public class KafkaSaslEnvironment implements EnvironmentPostProcessor, Ordered {

  /** The property source's name. */
  public static final String SOURCE = "sahabotKafkaSasl";

  @Override
  public int getOrder() {
    // after application.yml and the environment are in place
    return ConfigDataEnvironmentPostProcessor.ORDER + 10;
  }

  @Override
  public void postProcessEnvironment(
      ConfigurableEnvironment environment, SpringApplication application) {
    Map<String, Object> properties = new LinkedHashMap<>();
    KafkaLogin.clientProperties(environment::getProperty)
        .forEach(
            (key, value) ->
                properties.put(
                    key.equals("security.protocol")
                        ? "spring.kafka.security.protocol"
                        : "spring.kafka.properties." + key,
                    value));
    if (!properties.isEmpty()) {
      environment.getPropertySources().addLast(new MapPropertySource(SOURCE, properties));
    }
  }
}
