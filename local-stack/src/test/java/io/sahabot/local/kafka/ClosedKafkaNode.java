package io.sahabot.local.kafka;

import java.io.IOException;
import java.net.ServerSocket;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.time.Duration;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.AdminClientConfig;

/**
 * One node of the deployment's closed Kafka, started by the deployment's own script ({@code
 * deploy/kafka/node.sh}, what docker-compose.yml runs in each Kafka container) as a child process,
 * with the Kafka 4.1.2 of this module's runtime classpath standing in for the image's {@code
 * /opt/kafka/bin}: single node, replication factor 1, on free ports.
 */
final class ClosedKafkaNode implements AutoCloseable {

  static final String ADMIN_PASSWORD = "admin-password-of-the-test-0001";

  private final Process process;
  private final String bootstrap;
  private final Path log;

  private ClosedKafkaNode(Process process, String bootstrap, Path log) {
    this.process = process;
    this.bootstrap = bootstrap;
    this.log = log;
  }

  /** Starts the node and waits until the admin principal gets an answer. */
  static ClosedKafkaNode start(Path work) throws IOException {
    Path home = Path.of("").toAbsolutePath();
    Path script = home.getParent().resolve("deploy/kafka/node.sh");
    Path bin = Files.createDirectories(work.resolve("kafka-home/bin"));
    String classpath =
        home.resolve("target/classes")
            + ":"
            + Files.readString(home.resolve("target/classpath.txt")).trim();
    shim(bin.resolve("kafka-storage.sh"), classpath, "kafka.tools.StorageTool");
    shim(bin.resolve("kafka-server-start.sh"), classpath, "kafka.Kafka");
    int port = freePort();
    int controllerPort = freePort();
    Path log = work.resolve("kafka-node.log");
    ProcessBuilder builder =
        new ProcessBuilder("bash", script.toString())
            .redirectErrorStream(true)
            .redirectOutput(log.toFile());
    Map<String, String> env = builder.environment();
    env.put("KAFKA_HOME", work.resolve("kafka-home").toString());
    env.put("KAFKA_NODE_ID", "1");
    env.put("KAFKA_CLUSTER_ID", "Oe0cXOGSk3VXduikuxF52w");
    env.put("KAFKA_CONTROLLER_QUORUM_VOTERS", "1@localhost:" + controllerPort);
    env.put("KAFKA_ADMIN_PASSWORD", ADMIN_PASSWORD);
    env.put("KAFKA_ADVERTISED_HOST", "localhost");
    env.put("KAFKA_PORT", Integer.toString(port));
    env.put("KAFKA_CONTROLLER_PORT", Integer.toString(controllerPort));
    env.put("KAFKA_REPLICATION_FACTOR", "1");
    env.put("KAFKA_MIN_INSYNC_REPLICAS", "1");
    env.put("KAFKA_DATA_DIR", work.resolve("kafka-data").toString());
    env.put("KAFKA_CONFIG_DIR", work.resolve("kafka-config").toString());
    ClosedKafkaNode node = new ClosedKafkaNode(builder.start(), "localhost:" + port, log);
    try {
      node.awaitAnswer(Duration.ofSeconds(90));
    } catch (RuntimeException | Error e) {
      node.close();
      throw e;
    }
    return node;
  }

  String bootstrap() {
    return bootstrap;
  }

  Path log() {
    return log;
  }

  /**
   * Client properties of a principal: SCRAM-SHA-512 over SASL_PLAINTEXT, as the services log in.
   */
  Map<String, Object> client(String user, String password) {
    Map<String, Object> config = new HashMap<>();
    config.put(AdminClientConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrap);
    config.put(AdminClientConfig.SECURITY_PROTOCOL_CONFIG, "SASL_PLAINTEXT");
    config.put("sasl.mechanism", "SCRAM-SHA-512");
    config.put(
        "sasl.jaas.config",
        "org.apache.kafka.common.security.scram.ScramLoginModule required username=\""
            + user
            + "\" password=\""
            + password
            + "\";");
    return config;
  }

  Admin admin() {
    Map<String, Object> config = client(KafkaAcls.ADMIN, ADMIN_PASSWORD);
    config.put(AdminClientConfig.REQUEST_TIMEOUT_MS_CONFIG, 10_000);
    config.put(AdminClientConfig.DEFAULT_API_TIMEOUT_MS_CONFIG, 20_000);
    return Admin.create(config);
  }

  private void awaitAnswer(Duration timeout) {
    long deadline = System.nanoTime() + timeout.toNanos();
    Exception last = null;
    while (System.nanoTime() < deadline) {
      if (!process.isAlive()) {
        throw new IllegalStateException("node.sh exited " + process.exitValue() + "; log: " + log);
      }
      try (Admin admin = admin()) {
        admin.describeCluster().clusterId().get(5, TimeUnit.SECONDS);
        return;
      } catch (ExecutionException | TimeoutException e) {
        last = e;
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
        throw new IllegalStateException(e);
      }
    }
    throw new IllegalStateException("the closed Kafka did not answer; log: " + log, last);
  }

  @Override
  public void close() {
    process.destroy();
    try {
      if (!process.waitFor(30, TimeUnit.SECONDS)) {
        process.destroyForcibly();
      }
    } catch (InterruptedException e) {
      process.destroyForcibly();
      Thread.currentThread().interrupt();
    }
  }

  /** {@code bin/NAME} of the Kafka distribution: {@code java -cp … MAIN "$@"}. */
  private static void shim(Path file, String classpath, String main) throws IOException {
    String java = Path.of(System.getProperty("java.home"), "bin", "java").toString();
    Files.writeString(
        file,
        String.join(
            "\n",
            List.of(
                "#!/usr/bin/env bash",
                "exec '"
                    + java
                    + "' -Xmx512m -XX:+UseSerialGC -cp '"
                    + classpath
                    + "' "
                    + main
                    + " \"$@\"",
                "")));
    Files.setPosixFilePermissions(file, PosixFilePermissions.fromString("rwx------"));
  }

  private static int freePort() throws IOException {
    try (ServerSocket socket = new ServerSocket(0)) {
      return socket.getLocalPort();
    }
  }
}
