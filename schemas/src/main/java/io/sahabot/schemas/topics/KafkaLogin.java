package io.sahabot.schemas.topics;

import java.util.LinkedHashMap;
import java.util.Locale;
import java.util.Map;
import java.util.function.UnaryOperator;

/**
 * How a SahaBot process logs in to Kafka, from four environment variables: the services (through
 * platform, into {@code spring.kafka.*}) and the command line ({@code ./sahabot replay}) read the
 * same ones.
 *
 * <ul>
 *   <li>{@code KAFKA_SASL_USERNAME}, {@code KAFKA_SASL_PASSWORD}: the principal (a service's is its
 *       name, {@link KafkaAccess#service()}); both or neither;
 *   <li>{@code KAFKA_SASL_MECHANISM}: {@code SCRAM-SHA-512} unless set ({@code SCRAM-SHA-256},
 *       {@code PLAIN});
 *   <li>{@code KAFKA_SECURITY_PROTOCOL}: {@code SASL_PLAINTEXT} when a username is set, unless set
 *       ({@code SASL_SSL}); alone, it is passed on ({@code SSL}).
 * </ul>
 *
 * None set (the local run, the tests): no property, PLAINTEXT.
 */
public final class KafkaLogin {

  public static final String USERNAME = "KAFKA_SASL_USERNAME";
  public static final String PASSWORD = "KAFKA_SASL_PASSWORD";
  public static final String MECHANISM = "KAFKA_SASL_MECHANISM";
  public static final String PROTOCOL = "KAFKA_SECURITY_PROTOCOL";

  private KafkaLogin() {}

  /**
   * The Kafka client properties ({@code security.protocol}, {@code sasl.mechanism}, {@code
   * sasl.jaas.config}) the variables ask for; empty when none is set.
   *
   * @param env the variables by name (absent: null)
   * @throws IllegalStateException with a username and no password, or the reverse, or an unknown
   *     mechanism
   */
  public static Map<String, String> clientProperties(UnaryOperator<String> env) {
    String username = blankToNull(env.apply(USERNAME));
    String password = blankToNull(env.apply(PASSWORD));
    String protocol = blankToNull(env.apply(PROTOCOL));
    String mechanism = blankToNull(env.apply(MECHANISM));
    if ((username == null) != (password == null)) {
      throw new IllegalStateException(
          USERNAME + " and " + PASSWORD + " go together: set both or neither");
    }
    Map<String, String> properties = new LinkedHashMap<>();
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
                  MECHANISM + " must be SCRAM-SHA-512, SCRAM-SHA-256 or PLAIN, was " + mechanism);
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
