package io.sahabot.local;

import java.io.IOException;
import java.io.PrintStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.CountDownLatch;
import java.util.stream.Stream;

/**
 * The local command line: {@code migrate} applies the database migrations; {@code infra} runs a
 * single-node Kafka (KRaft) and PostgreSQL for the services, until Ctrl-C.
 */
public final class SahaBotLocal {

  private static final String USAGE =
      """
      usage: ./sahabot COMMAND [OPTIONS]

      commands:
        migrate   apply pending database migrations and print each one
        infra     run Kafka (KRaft, single node) and PostgreSQL locally until Ctrl-C

      """
          + MigrateCommand.USAGE
          + """
      infra: runs the local infrastructure
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

  private static int infra(
      List<String> args, Map<String, String> env, PrintStream out, PrintStream err) {
    Options options = Options.parse(args, Set.of("fresh"), env);
    Path dataDir = Path.of(options.get("data-dir", "SAHABOT_DATA_DIR", ".data")).toAbsolutePath();
    int kafkaPort = options.getInt("kafka-port", "SAHABOT_KAFKA_PORT", 9092);
    int pgPort = options.getInt("pg-port", "SAHABOT_PG_PORT", 5432);
    try {
      if (options.flag("fresh")) {
        out.println("[1/4] Deleting " + dataDir + " (--fresh)");
        deleteRecursively(dataDir);
      } else {
        out.println("[1/4] Keeping data in " + dataDir + " (--fresh starts afresh)");
      }
      Files.createDirectories(dataDir);
      out.println("[2/4] Starting PostgreSQL");
      LocalPostgres pg =
          LocalPostgres.start(
              dataDir,
              "localhost",
              pgPort,
              options.get("pg-user", "DATABASE_OWNER_USER", "postgres"),
              options.get("pg-password", "DATABASE_OWNER_PASSWORD", ""),
              15432);
      out.println("[3/4] Migrating the database");
      int migrated =
          new MigrateCommand(out, err)
              .migrate(pg.jdbcUrl("sahabot"), pg.user(), pg.password(), null);
      if (migrated != 0) {
        pg.close();
        return migrated;
      }
      out.println("[4/4] Starting Kafka (KRaft)");
      LocalKafka kafka = LocalKafka.start(dataDir, kafkaPort, 19093);
      CountDownLatch stopped = new CountDownLatch(1);
      Runtime.getRuntime()
          .addShutdownHook(
              new Thread(
                  () -> {
                    out.println("Stopping Kafka and PostgreSQL…");
                    kafka.close();
                    try {
                      pg.close();
                    } catch (IOException e) {
                      err.println("stopping PostgreSQL: " + e.getMessage());
                    }
                    stopped.countDown();
                  }));
      out.printf(
          """

          SahaBot infrastructure is up:
            Kafka        %s
            PostgreSQL   %s (%s; services connect as sahabot_app)
                         R2DBC %s
          Press Ctrl-C to stop.
          %n""",
          kafka.bootstrapServers(),
          pg.jdbcUrl("sahabot"),
          pg.isEmbedded()
              ? "embedded, data in " + dataDir.resolve("postgres")
              : "the server on " + pgPort,
          pg.r2dbcUrl("sahabot"));
      return -1;
    } catch (IOException | RuntimeException e) {
      err.println("infra: " + e.getMessage());
      return 1;
    }
  }

  static void deleteRecursively(Path dir) throws IOException {
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
  private static void quietLibraries() {
    System.setProperty("org.slf4j.simpleLogger.defaultLogLevel", "warn");
    System.setProperty("org.slf4j.simpleLogger.log.io.sahabot", "info");
  }
}
