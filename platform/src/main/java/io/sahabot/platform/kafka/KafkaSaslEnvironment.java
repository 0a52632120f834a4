package io.sahabot.platform.kafka;

import java.util.LinkedHashMap;
import java.util.Locale;
import java.util.Map;
import java.util.function.UnaryOperator;
import org.springframework.boot.EnvironmentPostProcessor;
import org.springframework.boot.SpringApplication;
import org.springframework.boot.context.config.ConfigDataEnvironmentPostProcessor;
import org.springframework.core.Ordered;
import org.springframework.core.env.ConfigurableEnvironment;
import org.springframework.core.env.MapPropertySource;

/**
 * How a service authenticates to Kafka, from four variables of its environment, for every client it
 * builds from Spring Boot's {@code spring.kafka.*} (its producers, consumers and listener
 * containers, the admin client that creates its topics and checks health, Kafka Streams):
 *
 * <ul>
 *   <li>{@code KAFKA_SASL_USERNAME}, {@code KAFKA_SASL_PASSWORD}: the service's principal; both or
 *       neither, else the service refuses to start;
 *   <li>{@code KAFKA_SASL_MECHANISM}: {@code SCRAM-SHA-512} unless set ({@code SCRAM-SHA-256},
 *       {@code PLAIN});
 *   <li>{@code KAFKA_SECURITY_PROTOCOL}: {@code SASL_PLAINTEXT} when a username is set, unless set
 *       ({@code SASL_SSL}).
 * </ul>
 *
 * <p>They become {@code spring.kafka.security.protocol} and {@code
 * spring.kafka.properties.sasl.mechanism} / {@code sasl.jaas.config}, below every other property
 * source: an explicit {@code spring.kafka.*} setting (or {@code SPRING_KAFKA_*} variable) wins.
 * With none of them set (the local run, the tests) nothing is added: PLAINTEXT, no login.
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
    clientProperties(environment::getProperty)
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

  /**
   * The Kafka client properties ({@code security.protocol}, {@code sasl.mechanism}, {@code
   * sasl.jaas.config}) the four variables ask for; empty when none is set.
   *
   * @param env the variables by name (absent: null)
   */
  public static Map<String, String> clientProperties(UnaryOperator<String> env) {
    String username = blankToNull(env.apply("KAFKA_SASL_USERNAME"));
    String password = blankToNull(env.apply("KAFKA_SASL_PASSWORD"));
    String protocol = blankToNull(env.apply("KAFKA_SECURITY_PROTOCOL"));
    String mechanism = blankToNull(env.apply("KAFKA_SASL_MECHANISM"));
    Map<String, String> properties = new LinkedHashMap<>();
    if ((username == null) != (password == null)) {
      throw new IllegalStateException(
          "KAFKA_SASL_USERNAME and KAFKA_SASL_PASSWORD go together: set both or neither");
    }
    if (username == null) {
      if (protocol != null) {
        properties.put("security.protocol", protocol.toUpperCase(Locale.ROOT));
      }
      return properties;
    }
    String saslMechanism = mechanism == null ? "SCRAM-SHA-512" : mechanism.toUpperCase(Locale.ROOT);
    String module =
        switch (saslMechanism) {
          case "SCRAM-SHA-512", "SCRAM-SHA-256" ->
              "org.apache.kafka.common.security.scram.ScramLoginModule";
          case "PLAIN" -> "org.apache.kafka.common.security.plain.PlainLoginModule";
          default ->
              throw new IllegalStateException(
                  "KAFKA_SASL_MECHANISM must be SCRAM-SHA-512, SCRAM-SHA-256 or PLAIN, was "
                      + mechanism);
        };
    properties.put(
        "security.protocol",
        protocol == null ? "SASL_PLAINTEXT" : protocol.toUpperCase(Locale.ROOT));
    properties.put("sasl.mechanism", saslMechanism);
    properties.put(
        "sasl.jaas.config",
        module
            + " required username=\""
            + jaasQuoted(username)
            + "\" password=\""
            + jaasQuoted(password)
            + "\";");
    return properties;
  }

  /** A value inside a JAAS option's double quotes: backslashes and quotes escaped. */
  static String jaasQuoted(String value) {
    return value.replace("\\", "\\\\").replace("\"", "\\\"");
  }

  private static String blankToNull(String value) {
    return value == null || value.isBlank() ? null : value;
  }
}
