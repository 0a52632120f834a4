package io.sahabot.local;

import java.io.IOException;
import java.io.PrintStream;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;

/**
 * The four services as child processes of the launcher, each from its executable jar, configured
 * through the environment exactly as a deployment would configure it, logging to a file.
 */
public final class Services implements AutoCloseable {

  /**
   * A service: its jar's name, its HTTP port, its environment, and the id its process and log file
   * go by (the jar's name, or {@code name-N} for a further instance of the same service).
   */
  public record Service(String name, int port, Map<String, String> env, String id) {

    /** The first (or only) instance of a service: its id is its name. */
    public Service(String name, int port, Map<String, String> env) {
      this(name, port, env, name);
    }

    /** The same service with more (or replaced) environment variables. */
    public Service with(Map<String, String> more) {
      Map<String, String> merged = new LinkedHashMap<>(env);
      merged.putAll(more);
      return new Service(name, port, merged, id);
    }

    /**
     * Instance {@code n} (2, 3, …) of the same service: the same jar and environment (so the same
     * consumer groups), its own port and id; {@code more} replaces what must differ (a Kafka
     * Streams state directory, the URLs of its peers).
     */
    public Service instance(int n, int port, Map<String, String> more) {
      Map<String, String> merged = new LinkedHashMap<>(env);
      merged.put("PORT", Integer.toString(port));
      merged.putAll(more);
      return new Service(name, port, merged, name + "-" + n);
    }
  }

  /** JVM options of a local run: a small heap, and a quick start rather than peak speed. */
  public static final List<String> QUICK_START =
      List.of("-Xmx384m", "-XX:+UseSerialGC", "-XX:TieredStopAtLevel=1");

  private final Path home;
  private final Path logs;
  private final PrintStream out;
  private final List<String> jvmOptions;
  private final Map<String, Process> processes = new LinkedHashMap<>();
  private final HttpClient http =
      HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(2)).build();

  public Services(Path home, Path logs, PrintStream out) {
    this(home, logs, out, QUICK_START);
  }

  /** Services started with the given JVM options (a benchmark wants the full JIT). */
  public Services(Path home, Path logs, PrintStream out, List<String> jvmOptions) {
    this.home = home;
    this.logs = logs;
    this.out = out;
    this.jvmOptions = List.copyOf(jvmOptions);
  }

  /** The services of a local run, on the given infrastructure, on their usual ports. */
  public static List<Service> local(String kafka, String r2dbcUrl, Path dataDir) {
    return on(Ports.LOCAL, kafka, r2dbcUrl, Logins.LOCAL, dataDir);
  }

  /**
   * How the services log in to the database: tenant-service as its own role, the only one that may
   * write the directory of tenants; the others as the application role. Neither owns the tables, so
   * row-level security applies to both.
   */
  public record Logins(
      String appUser, String appPassword, String tenantUser, String tenantPassword) {
    /** The roles the migrations create, without passwords (a local server trusts local logins). */
    public static final Logins LOCAL = new Logins("sahabot_app", "", "sahabot_tenant_app", "");
  }

  /** The ports of the four services. */
  public record Ports(int ingress, int tenant, int agent, int reservation) {
    /** Where {@code ./sahabot run} starts them. */
    public static final Ports LOCAL = new Ports(8080, 8081, 8082, 8083);
  }

  /** The services on the given ports and infrastructure (tests use free ports). */
  public static List<Service> on(
      Ports ports, String kafka, String r2dbcUrl, Logins logins, Path dataDir) {
    Map<String, String> common = new LinkedHashMap<>();
    common.put("KAFKA_BOOTSTRAP_SERVERS", kafka);
    common.put("DATABASE_R2DBC_URL", r2dbcUrl);
    common.put("DATABASE_APP_USER", logins.appUser());
    common.put("DATABASE_APP_PASSWORD", logins.appPassword());
    common.put("SPRING_PROFILES_ACTIVE", "local");
    String tenant = "http://localhost:" + ports.tenant();
    String agent = "http://localhost:" + ports.agent();
    String reservation = "http://localhost:" + ports.reservation();
    return List.of(
        new Service(
            "tenant-service",
            ports.tenant(),
            with(
                common,
                "PORT",
                "" + ports.tenant(),
                "SAHABOT_TENANT_STATE_DIR",
                dataDir.resolve("tenant-streams").toString(),
                "SAHABOT_RESERVATION_SERVICE_URL",
                reservation,
                "SAHABOT_AGENT_SERVICE_URL",
                agent,
                "DATABASE_APP_USER",
                logins.tenantUser(),
                "DATABASE_APP_PASSWORD",
                logins.tenantPassword())),
        new Service(
            "reservation-service",
            ports.reservation(),
            with(common, "PORT", "" + ports.reservation())),
        new Service(
            "agent-service",
            ports.agent(),
            with(
                common,
                "PORT",
                "" + ports.agent(),
                "RESERVATION_SERVICE_URL",
                reservation,
                "TENANT_SERVICE_URL",
                tenant)),
        new Service(
            "ingress-service",
            ports.ingress(),
            with(
                common,
                "PORT",
                "" + ports.ingress(),
                "TENANT_SERVICE_URL",
                tenant,
                "WHATSAPP_GRAPH_RECORDING",
                "true")));
  }

  private static Map<String, String> with(Map<String, String> base, String... keyValues) {
    Map<String, String> env = new LinkedHashMap<>(base);
    for (int i = 0; i + 1 < keyValues.length; i += 2) {
      env.put(keyValues[i], keyValues[i + 1]);
    }
    return env;
  }

  public void start(Service service) throws IOException {
    Path jar =
        home.resolve(service.name())
            .resolve("target")
            .resolve(service.name() + "-0.1.0-SNAPSHOT-exec.jar");
    if (!Files.exists(jar)) {
      throw new IOException(jar + " is missing: build with ./mvnw -B package -DskipTests");
    }
    Files.createDirectories(logs);
    Path log = logs.resolve(service.id() + ".log");
    List<String> command = new ArrayList<>();
    command.add(javaBinary());
    command.addAll(jvmOptions);
    command.add("-jar");
    command.add(jar.toString());
    ProcessBuilder builder =
        new ProcessBuilder(command)
            .directory(home.toFile())
            .redirectErrorStream(true)
            .redirectOutput(log.toFile());
    builder.environment().putAll(service.env());
    processes.put(service.id(), builder.start());
  }

  /** Waits until the service's health is UP; false when it exited or did not come up in time. */
  public boolean awaitUp(Service service, Duration timeout) {
    long deadline = System.nanoTime() + timeout.toNanos();
    Process process = processes.get(service.id());
    while (System.nanoTime() < deadline) {
      if (!process.isAlive()) {
        return false;
      }
      try {
        HttpResponse<String> health =
            http.send(
                HttpRequest.newBuilder(
                        URI.create("http://localhost:" + service.port() + "/actuator/health"))
                    .timeout(Duration.ofSeconds(2))
                    .build(),
                HttpResponse.BodyHandlers.ofString());
        if (health.statusCode() == 200 && health.body().contains("\"status\":\"UP\"")) {
          return true;
        }
      } catch (IOException e) {
        // not listening yet
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
        return false;
      }
      try {
        Thread.sleep(500);
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
        return false;
      }
    }
    return false;
  }

  public Path log(Service service) {
    return logs.resolve(service.id() + ".log");
  }

  /** The process id of a started service. */
  public long pid(Service service) {
    return processes.get(service.id()).pid();
  }

  /** Stops one service gracefully (SIGTERM), forcibly after 20 s; it may be started again. */
  public void stop(Service service) {
    Process p = processes.remove(service.id());
    if (p != null) {
      p.destroy();
      awaitExit(p);
    }
  }

  private static void awaitExit(Process p) {
    try {
      if (!p.waitFor(20, TimeUnit.SECONDS)) {
        p.destroyForcibly();
      }
    } catch (InterruptedException e) {
      p.destroyForcibly();
      Thread.currentThread().interrupt();
    }
  }

  private static String javaBinary() {
    return Path.of(System.getProperty("java.home"), "bin", "java").toString();
  }

  /** Stops every service gracefully (SIGTERM), forcibly after 20 s. */
  @Override
  public void close() {
    for (Process p : processes.values()) {
      p.destroy();
    }
    for (Process p : processes.values()) {
      awaitExit(p);
    }
    out.println("Services stopped.");
  }
}
