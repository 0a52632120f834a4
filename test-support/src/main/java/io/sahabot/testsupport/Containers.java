package io.sahabot.testsupport;

import org.testcontainers.DockerClientFactory;
import org.testcontainers.kafka.KafkaContainer;
import org.testcontainers.postgresql.PostgreSQLContainer;

/** The same fixture on Testcontainers, for machines with a Docker engine. Only used by switch. */
final class Containers {

  private Containers() {}

  static SahaBotInfrastructure start() {
    if (!DockerClientFactory.instance().isDockerAvailable()) {
      throw new IllegalStateException(
          "sahabot.test.infra=testcontainers needs a Docker engine, and none answers here;"
              + " run without the switch to use the embedded broker and PostgreSQL");
    }
    KafkaContainer kafka =
        new KafkaContainer("apache/kafka:4.1.2")
            .withEnv("KAFKA_AUTO_CREATE_TOPICS_ENABLE", "false");
    PostgreSQLContainer postgres = new PostgreSQLContainer("postgres:15-alpine");
    kafka.start();
    postgres.start();
    PostgresServers.Server server =
        new PostgresServers.Server(
            postgres.getHost(),
            postgres.getMappedPort(5432),
            postgres.getUsername(),
            postgres.getPassword(),
            postgres::stop);
    TestDatabase db = PostgresServers.freshDatabase(server);
    Runtime.getRuntime()
        .addShutdownHook(
            new Thread(
                () -> {
                  postgres.stop();
                  kafka.stop();
                },
                "sahabot-test-containers-stop"));
    return SahaBotInfrastructure.of(kafka.getBootstrapServers(), server, db);
  }
}
