package io.sahabot.testsupport;

import java.util.Locale;
import java.util.Map;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.kafka.test.EmbeddedKafkaKraftBroker;

/**
 * The one fixture every integration test of every module shares: a Kafka broker and a fresh,
 * migrated PostgreSQL database, started once per test JVM and stopped when it exits.
 *
 * <ul>
 *   <li>{@code embedded} (the default): spring-kafka-test's embedded KRaft broker, and the
 *       PostgreSQL server on 127.0.0.1:5432 when it answers, else an embedded one (zonky).
 *   <li>{@code testcontainers}: Apache Kafka and PostgreSQL containers. Chosen only by the switch
 *       {@code -Dsahabot.test.infra=testcontainers} (or {@code SAHABOT_TEST_INFRA}); it needs a
 *       Docker engine and is never tried without the switch.
 * </ul>
 *
 * <p>Broker auto-creation of topics is off: services create the topics they own at startup.
 */
public final class SahaBotInfrastructure {

  private static final Logger log = LoggerFactory.getLogger(SahaBotInfrastructure.class);
  private static volatile SahaBotInfrastructure instance;

  private final String kafkaBootstrapServers;
  private final PostgresServers.Server server;
  private final TestDatabase database;

  private SahaBotInfrastructure(
      String kafkaBootstrapServers, PostgresServers.Server server, TestDatabase database) {
    this.kafkaBootstrapServers = kafkaBootstrapServers;
    this.server = server;
    this.database = database;
  }

  /** The fixture of this JVM, started on first use. */
  public static SahaBotInfrastructure get() {
    SahaBotInfrastructure local = instance;
    if (local == null) {
      synchronized (SahaBotInfrastructure.class) {
        local = instance;
        if (local == null) {
          local = start();
          instance = local;
        }
      }
    }
    return local;
  }

  public String kafkaBootstrapServers() {
    return kafkaBootstrapServers;
  }

  public TestDatabase database() {
    return database;
  }

  /**
   * Another database on the same server with nothing in it, for tests of the migrations themselves.
   * It is dropped when the JVM exits.
   */
  public TestDatabase newEmptyDatabase() {
    TestDatabase empty = PostgresServers.emptyDatabase(server);
    Runtime.getRuntime()
        .addShutdownHook(
            new Thread(() -> PostgresServers.drop(server, empty), "sahabot-test-database-drop"));
    return empty;
  }

  /** Properties that point a Spring Boot service at this fixture, connected as the app role. */
  public Map<String, Object> springProperties() {
    return springProperties(null);
  }

  /**
   * Properties that point the named service ({@code spring.application.name}) at this fixture,
   * connected as the role it connects as in a deployment ({@link TestDatabase#userOf(String)}):
   * {@code sahabot_tenant_app} for tenant-service, {@code sahabot_app} for the others.
   */
  public Map<String, Object> springProperties(String service) {
    return Map.of(
        "spring.kafka.bootstrap-servers", kafkaBootstrapServers,
        "spring.r2dbc.url", database.r2dbcUrl(),
        "spring.r2dbc.username", database.userOf(service),
        "spring.r2dbc.password", database.passwordOf(service),
        "sahabot.database.jdbc-url", database.jdbcUrl());
  }

  private static SahaBotInfrastructure start() {
    String mode =
        PostgresServers.setting("SAHABOT_TEST_INFRA", "embedded").toLowerCase(Locale.ROOT);
    long started = System.nanoTime();
    SahaBotInfrastructure infra =
        switch (mode) {
          case "embedded" -> startEmbedded();
          case "testcontainers" -> Containers.start();
          default ->
              throw new IllegalArgumentException(
                  "sahabot.test.infra must be 'embedded' or 'testcontainers', not '" + mode + "'");
        };
    log.info(
        "Test infrastructure ({}) up in {} ms: kafka {}, database {}",
        mode,
        (System.nanoTime() - started) / 1_000_000,
        infra.kafkaBootstrapServers,
        infra.database.jdbcUrl());
    return infra;
  }

  private static SahaBotInfrastructure startEmbedded() {
    EmbeddedKafkaKraftBroker broker = new EmbeddedKafkaKraftBroker(1, 1);
    broker.brokerProperties(
        Map.of(
            "auto.create.topics.enable", "false",
            "group.initial.rebalance.delay.ms", "0",
            "transaction.state.log.replication.factor", "1",
            "transaction.state.log.min.isr", "1",
            "offsets.topic.replication.factor", "1"));
    broker.afterPropertiesSet();
    PostgresServers.Server server = PostgresServers.localOrEmbedded();
    TestDatabase db = PostgresServers.freshDatabase(server);
    Runtime.getRuntime()
        .addShutdownHook(
            new Thread(
                () -> {
                  PostgresServers.drop(server, db);
                  closeQuietly(server.stopper());
                  broker.destroy();
                },
                "sahabot-test-infrastructure-stop"));
    return new SahaBotInfrastructure(broker.getBrokersAsString(), server, db);
  }

  static SahaBotInfrastructure of(
      String bootstrapServers, PostgresServers.Server server, TestDatabase db) {
    return new SahaBotInfrastructure(bootstrapServers, server, db);
  }

  static void closeQuietly(AutoCloseable closeable) {
    try {
      closeable.close();
    } catch (Exception e) {
      log.warn("Stopping {} failed: {}", closeable, e.getMessage());
    }
  }
}
