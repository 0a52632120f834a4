package io.sahabot.local;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.OutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Properties;
import java.util.StringJoiner;
import kafka.tools.StorageTool;
import org.apache.kafka.common.Uuid;

/**
 * Three (or more) KRaft nodes, each broker and controller and each its own process ({@code
 * kafka.Kafka} on this JVM's class path), as a deployment's cluster would be: internal topics
 * replicated to three, {@code min.insync.replicas} 2. A node can be killed (SIGKILL) and started
 * again (its log directory is kept), to show what losing a broker does. The services are told to
 * create their topics with the same replication ({@link #serviceEnvironment}).
 */
public final class LocalKafkaCluster implements AutoCloseable {

  private final List<Path> configs;
  private final List<Integer> ports;
  private final Path logs;
  private final Process[] nodes;
  private final String bootstrapServers;

  private LocalKafkaCluster(
      List<Path> configs, List<Integer> ports, Path logs, String bootstrapServers) {
    this.configs = configs;
    this.ports = ports;
    this.logs = logs;
    this.nodes = new Process[configs.size()];
    this.bootstrapServers = bootstrapServers;
  }

  /**
   * Starts {@code ports.size()} nodes under {@code dataDir/kafka-N}, broker {@code ports[i]} and
   * controller {@code controllerPorts[i]}; formats the log directories the first time.
   */
  public static LocalKafkaCluster start(
      Path dataDir, List<Integer> ports, List<Integer> controllerPorts) throws IOException {
    int n = ports.size();
    if (n < 3 || controllerPorts.size() != n) {
      throw new IllegalArgumentException(
          "a cluster needs at least three nodes, each with two ports");
    }
    StringJoiner voters = new StringJoiner(",");
    StringJoiner bootstrap = new StringJoiner(",");
    for (int i = 0; i < n; i++) {
      voters.add((i + 1) + "@localhost:" + controllerPorts.get(i));
      bootstrap.add("localhost:" + ports.get(i));
    }
    String clusterId = Uuid.randomUuid().toString();
    Path idFile = dataDir.resolve("kafka-cluster.id");
    if (Files.exists(idFile)) {
      clusterId = Files.readString(idFile).trim();
    } else {
      Files.createDirectories(dataDir);
      Files.writeString(idFile, clusterId);
    }
    List<Path> configs = new ArrayList<>();
    for (int i = 0; i < n; i++) {
      Path logDir = dataDir.resolve("kafka-" + (i + 1));
      Files.createDirectories(logDir);
      Properties props = new Properties();
      props.put("process.roles", "broker,controller");
      props.put("node.id", Integer.toString(i + 1));
      props.put("controller.quorum.voters", voters.toString());
      props.put(
          "listeners",
          "PLAINTEXT://localhost:"
              + ports.get(i)
              + ",CONTROLLER://localhost:"
              + controllerPorts.get(i));
      props.put("advertised.listeners", "PLAINTEXT://localhost:" + ports.get(i));
      props.put("controller.listener.names", "CONTROLLER");
      props.put("inter.broker.listener.name", "PLAINTEXT");
      props.put("listener.security.protocol.map", "PLAINTEXT:PLAINTEXT,CONTROLLER:PLAINTEXT");
      props.put("log.dirs", logDir.toString());
      props.put("num.partitions", "1");
      props.put("auto.create.topics.enable", "false");
      props.put("default.replication.factor", "3");
      props.put("min.insync.replicas", "2");
      props.put("offsets.topic.replication.factor", "3");
      props.put("transaction.state.log.replication.factor", "3");
      props.put("transaction.state.log.min.isr", "2");
      props.put("share.coordinator.state.topic.replication.factor", "3");
      props.put("share.coordinator.state.topic.min.isr", "2");
      props.put("group.initial.rebalance.delay.ms", "0");
      Path config = dataDir.resolve("kafka-" + (i + 1) + "-server.properties");
      try (OutputStream out = Files.newOutputStream(config)) {
        props.store(out, "SahaBot local Kafka cluster, node " + (i + 1));
      }
      if (!Files.exists(logDir.resolve("meta.properties"))) {
        format(config, clusterId);
      }
      configs.add(config);
    }
    LocalKafkaCluster cluster =
        new LocalKafkaCluster(configs, ports, dataDir.resolve("logs"), bootstrap.toString());
    for (int i = 0; i < n; i++) {
      cluster.startNode(i);
    }
    for (int i = 0; i < n; i++) {
      if (!cluster.awaitListening(i, java.time.Duration.ofSeconds(120))) {
        cluster.close();
        throw new IOException("Kafka node " + (i + 1) + " did not start; see " + cluster.log(i));
      }
    }
    return cluster;
  }

  /** The log file of node {@code i}. */
  public Path log(int i) {
    return logs.resolve("kafka-" + (i + 1) + ".log");
  }

  /** Whether node {@code i}'s broker port accepts connections within {@code timeout}. */
  public boolean awaitListening(int i, java.time.Duration timeout) {
    long deadline = System.nanoTime() + timeout.toNanos();
    while (System.nanoTime() < deadline) {
      Process p = nodes[i];
      if (p == null || !p.isAlive()) {
        return false;
      }
      if (LocalPostgres.answers("localhost", ports.get(i))) {
        return true;
      }
      try {
        Thread.sleep(250);
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
        return false;
      }
    }
    return false;
  }

  private static void format(Path config, String clusterId) {
    ByteArrayOutputStream output = new ByteArrayOutputStream();
    int code =
        StorageTool.execute(
            new String[] {"format", "-t", clusterId, "-c", config.toString(), "--ignore-formatted"},
            new PrintStream(output, true, StandardCharsets.UTF_8));
    if (code != 0) {
      throw new IllegalStateException(
          "formatting a Kafka log directory failed: " + output.toString(StandardCharsets.UTF_8));
    }
  }

  /** Starts node {@code i} (0-based) as a process if it is not running. */
  public synchronized void startNode(int i) {
    if (nodes[i] != null && nodes[i].isAlive()) {
      return;
    }
    try {
      Files.createDirectories(logs);
      nodes[i] =
          new ProcessBuilder(
                  Path.of(System.getProperty("java.home"), "bin", "java").toString(),
                  "-Xmx384m",
                  "-XX:+UseSerialGC",
                  "-cp",
                  System.getProperty("java.class.path"),
                  "kafka.Kafka",
                  configs.get(i).toString())
              .redirectErrorStream(true)
              .redirectOutput(ProcessBuilder.Redirect.appendTo(log(i).toFile()))
              .start();
    } catch (IOException e) {
      throw new IllegalStateException("Kafka node " + (i + 1) + " cannot be started", e);
    }
  }

  /** Kills node {@code i} (0-based) with SIGKILL, as losing that broker would; its data is kept. */
  public void killNode(int i) {
    Process p;
    synchronized (this) {
      p = nodes[i];
      nodes[i] = null;
    }
    if (p != null) {
      p.destroyForcibly();
      p.onExit().join();
    }
  }

  /** Stops node {@code i} (0-based) gracefully (SIGTERM). */
  public void stopNode(int i) {
    Process p;
    synchronized (this) {
      p = nodes[i];
      nodes[i] = null;
    }
    if (p != null) {
      p.destroy();
      try {
        if (!p.waitFor(60, java.util.concurrent.TimeUnit.SECONDS)) {
          p.destroyForcibly();
        }
      } catch (InterruptedException e) {
        p.destroyForcibly();
        Thread.currentThread().interrupt();
      }
    }
  }

  public int size() {
    return nodes.length;
  }

  public String bootstrapServers() {
    return bootstrapServers;
  }

  /** What the services need to create their topics replicated across this cluster. */
  public static java.util.Map<String, String> serviceEnvironment() {
    return java.util.Map.of(
        "SAHABOT_KAFKA_REPLICATION_FACTOR", "3", "SAHABOT_KAFKA_MIN_INSYNC_REPLICAS", "2");
  }

  /** Stops every node at once (a graceful shutdown would wait for a controller quorum). */
  @Override
  public void close() {
    for (int i = 0; i < nodes.length; i++) {
      killNode(i);
    }
  }
}
