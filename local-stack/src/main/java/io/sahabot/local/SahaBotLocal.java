package io.sahabot.local;

import io.sahabot.local.kafka.KafkaAcls;
import io.sahabot.local.replay.ReplayCommand;
import java.io.IOException;
import java.io.PrintStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.util.Arrays;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.stream.Stream;

/**
 * The local command line: {@code migrate} applies the database migrations; {@code infra} runs a
 * single-node Kafka (KRaft) and PostgreSQL for the services, until Ctrl-C; {@code run} adds the
 * services; {@code replay} shows (and re-drives) one tenant's records; {@code kafka-acls} prints
 * the services' SCRAM users and ACLs for a closed broker.
 */
public final class SahaBotLocal {

  private static final String USAGE =
      """
      usage: ./sahabot COMMAND [OPTIONS]

      commands:
        run       run everything: Kafka, PostgreSQL and the four services, until Ctrl-C
        migrate   apply pending database migrations and print each one
        infra     run Kafka (KRaft, single node) and PostgreSQL locally until Ctrl-C
        explain   how the running agent understands a text (tool calls and reply; nothing is written)
        replay    one tenant's timeline over a time range; re-drive its raw records or dead letters
        kafka-acls the services' SCRAM users and ACLs on a closed Kafka, as the script
                  deploy/kafka/acls.sh (./sahabot kafka-acls > deploy/kafka/acls.sh)

      """
          + MigrateCommand.USAGE
          + ExplainCommand.USAGE
          + ReplayCommand.USAGE
          + """
      run and infra: the local system (run also starts the services, logging to DIR/logs)
        --data-dir DIR       where Kafka and an embedded PostgreSQL keep their data (default .data)
        --fresh              delete the data directory first
        --kafka-port N       Kafka's port (default 9092; the controller takes 19093)
        --pg-port N          PostgreSQL to use when it answers (default 5432), else an embedded one on 15432
      """;

  private SahaBotLocal() {}

  public static void main(String[] args) {
    quietLibraries();
    int code = run(Arrays.asList(args), System.getenv(), System.out, System.err);
    if (code >= 0) {
      System.exit(code);
    }
  }

  /** Returns the exit code, or -1 when the command keeps running (infra) until the JVM stops. */
  static int run(List<String> args, Map<String, String> env, PrintStream out, PrintStream err) {
    if (args.isEmpty() || args.get(0).equals("help") || args.get(0).equals("--help")) {
      out.print(USAGE);
      return args.isEmpty() ? 2 : 0;
    }
    List<String> rest = args.subList(1, args.size());
    try {
      return switch (args.get(0)) {
        case "migrate" -> new MigrateCommand(out, err).run(rest, env);
        case "infra" -> infra(rest, env, out, err);
        case "run" -> runAll(rest, env, out, err);
        case "explain" -> new ExplainCommand(out, err).run(rest, env);
        case "replay" -> new ReplayCommand(out, err, Clock.systemUTC()).run(rest, env);
        case "kafka-acls" -> {
          if (!rest.isEmpty()) {
            throw new IllegalArgumentException("takes no options, got " + rest);
          }
          out.print(KafkaAcls.script());
          yield 0;
        }
        default -> {
          err.println("unknown command '" + args.get(0) + "'");
          err.print(USAGE);
          yield 2;
        }
      };
    } catch (IllegalArgumentException e) {
      err.println(args.get(0) + ": " + e.getMessage());
      return 2;
    }
  }

  /** PostgreSQL (migrated) and Kafka, started; closing stops both. */
  record Infrastructure(LocalPostgres pg, LocalKafka kafka, Path dataDir) implements AutoCloseable {
    @Override
    public void close() throws IOException {
      kafka.close();
      pg.close();
    }
  }

  static Infrastructure startInfrastructure(
      Options options, Map<String, String> env, PrintStream out, PrintStream err, int steps)
      throws IOException {
    Path dataDir = Path.of(options.get("data-dir", "SAHABOT_DATA_DIR", ".data")).toAbsolutePath();
    int kafkaPort = options.getInt("kafka-port", "SAHABOT_KAFKA_PORT", 9092);
    int pgPort = options.getInt("pg-port", "SAHABOT_PG_PORT", 5432);
    if (options.flag("fresh")) {
      out.println("[1/" + steps + "] Deleting " + dataDir + " (--fresh)");
      deleteRecursively(dataDir);
    } else {
      out.println("[1/" + steps + "] Keeping data in " + dataDir + " (--fresh starts afresh)");
    }
    Files.createDirectories(dataDir);
    out.println("[2/" + steps + "] Starting PostgreSQL");
    LocalPostgres pg =
        LocalPostgres.start(
            dataDir,
            "localhost",
            pgPort,
            options.get("pg-user", "DATABASE_OWNER_USER", "postgres"),
            options.get("pg-password", "DATABASE_OWNER_PASSWORD", ""),
            15432);
    if (options.flag("fresh") && !pg.isEmbedded()) {
      pg.dropDatabase("sahabot");
    }
    out.println("[3/" + steps + "] Migrating the database");
    int migrated =
        new MigrateCommand(out, err).migrate(pg.jdbcUrl("sahabot"), pg.user(), pg.password(), null);
    if (migrated != 0) {
      pg.close();
      throw new IOException("the migrations failed");
    }
    out.println("[4/" + steps + "] Starting Kafka (KRaft) on :" + kafkaPort);
    LocalKafka kafka = LocalKafka.start(dataDir, kafkaPort, 19093);
    return new Infrastructure(pg, kafka, dataDir);
  }

  private static int infra(
      List<String> args, Map<String, String> env, PrintStream out, PrintStream err) {
    Options options = Options.parse(args, Set.of("fresh"), env);
    try {
      Infrastructure infra = startInfrastructure(options, env, out, err, 4);
      Runtime.getRuntime()
          .addShutdownHook(
              new Thread(
                  () -> {
                    out.println("Stopping Kafka and PostgreSQL…");
                    try {
                      infra.close();
                    } catch (IOException e) {
                      err.println("stopping: " + e.getMessage());
                    }
                  }));
      out.printf(
          """

          SahaBot infrastructure is up:
            Kafka        %s
            PostgreSQL   %s (%s; services connect as sahabot_app, tenant-service as sahabot_tenant_app)
                         R2DBC %s
          Press Ctrl-C to stop.
          %n""",
          infra.kafka().bootstrapServers(),
          infra.pg().jdbcUrl("sahabot"),
          infra.pg().isEmbedded()
              ? "embedded, data in " + infra.dataDir().resolve("postgres")
              : "the server on localhost",
          infra.pg().r2dbcUrl("sahabot"));
      return -1;
    } catch (IOException | RuntimeException e) {
      err.println("infra: " + e.getMessage());
      return 1;
    }
  }

  private static int runAll(
      List<String> args, Map<String, String> env, PrintStream out, PrintStream err) {
    Options options = Options.parse(args, Set.of("fresh"), env);
    long started = System.nanoTime();
    try {
      Infrastructure infra = startInfrastructure(options, env, out, err, 6);
      Services services =
          new Services(Path.of("").toAbsolutePath(), infra.dataDir().resolve("logs"), out);
      Runtime.getRuntime()
          .addShutdownHook(
              new Thread(
                  () -> {
                    out.println("Stopping the services, Kafka and PostgreSQL…");
                    services.close();
                    try {
                      infra.close();
                    } catch (IOException e) {
                      err.println("stopping: " + e.getMessage());
                    }
                    out.println("Stopped.");
                  }));
      List<Services.Service> all =
          Services.local(
              infra.kafka().bootstrapServers(), infra.pg().r2dbcUrl("sahabot"), infra.dataDir());
      out.println(
          "[5/6] Starting "
              + all.stream().map(Services.Service::name).toList()
              + " (logs in "
              + infra.dataDir().resolve("logs")
              + ")");
      for (Services.Service service : all) {
        services.start(service);
      }
      for (Services.Service service : all) {
        long t = System.nanoTime();
        if (!services.awaitUp(service, java.time.Duration.ofSeconds(180))) {
          err.println(service.name() + " did not come up; see " + services.log(service));
          return 1;
        }
        out.printf(
            "      %-20s UP on :%d (%d s)%n",
            service.name(), service.port(), (System.nanoTime() - t) / 1_000_000_000);
      }
      ConsoleServer console =
          ConsoleServer.start(
              options.getInt("console-port", "SAHABOT_CONSOLE_PORT", 8090), Services.Ports.LOCAL);
      Runtime.getRuntime().addShutdownHook(new Thread(console::close));
      out.println("[6/6] Ready in " + (System.nanoTime() - started) / 1_000_000_000 + " s");
      out.printf(
          """

          SahaBot is running:
            console          http://localhost:%d   (chat as a customer or the owner; tenants)
            webhook          http://localhost:8080/webhook   (app secret dev-app-secret, verify token dev-verify-token)
            sent messages    http://localhost:8080/recorded  (the recording Graph API sink)
            tenant API       http://localhost:8081/api/tenants  (Authorization: Bearer local-admin-token)
            agent explain    http://localhost:8082/internal/explain  (Bearer local-admin-token, or ./sahabot explain "…")
            reservations     http://localhost:8083/internal/tenants/{id}/…  (the agent's Bearer local-agent-token)
            Kafka %s, PostgreSQL %s
          Try: ../shared/tools/post-webhook ../shared/fixtures/whatsapp/webhooks/text_tr.json http://localhost:8080/webhook dev-app-secret
          Press Ctrl-C to stop everything.
          %n""",
          console.port(), infra.kafka().bootstrapServers(), infra.pg().jdbcUrl("sahabot"));
      return -1;
    } catch (IOException | RuntimeException e) {
      err.println("run: " + e.getMessage());
      return 1;
    }
  }

  public static void deleteRecursively(Path dir) throws IOException {
    if (!Files.exists(dir)) {
      return;
    }
    try (Stream<Path> paths = Files.walk(dir)) {
      for (Path p : paths.sorted(Comparator.reverseOrder()).toList()) {
        Files.delete(p);
      }
    }
  }

  /** Kafka and PostgreSQL are chatty at INFO; a person running this wants our lines. */
  public static void quietLibraries() {
    System.setProperty("org.slf4j.simpleLogger.defaultLogLevel", "warn");
    System.setProperty("org.slf4j.simpleLogger.log.io.sahabot", "info");
    System.setProperty("org.slf4j.simpleLogger.log.org.apache.kafka", "error");
    System.setProperty("org.slf4j.simpleLogger.log.kafka", "error");
  }
}
