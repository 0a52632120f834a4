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
import java.util.concurrent.Callable;
import java.util.stream.Stream;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

/**
 * The local command line: {@code migrate} applies the database migrations; {@code infra} runs a
 * single-node Kafka (KRaft) and PostgreSQL for the services, until Ctrl-C; {@code run} adds the
 * services; {@code explain} asks the running agent how it understands a text; {@code replay} shows
 * (and re-drives) one tenant's records; {@code reconcile} puts back the reservations a database
 * restored from an older backup lost, from {@code reservation.events}; {@code kafka-acls} prints
 * the services' SCRAM users and ACLs for a closed broker. Each command is a picocli
 * {@code @Command} ({@link Cli}).
 */
@Command(
    name = "./sahabot",
    synopsisSubcommandLabel = "COMMAND",
    description = "SahaBot's local command line.",
    commandListHeading = "%nCommands:%n",
    footer = {
      "",
      "./sahabot COMMAND --help (or ./sahabot help COMMAND) shows a command's options.",
      "./sahabot bench [--quick] [--ingress] [--instances 2] [--brokers 3] runs the benchmark"
          + " suite (./sahabot bench --help).",
      "./sahabot chaos [--quick] runs the system under load while its parts fail (./sahabot chaos"
          + " --help)."
    })
public final class SahaBotLocal implements Callable<Integer> {

  @Mixin private Cli.Help help;

  @Spec private CommandSpec spec;

  private final PrintStream out;

  private SahaBotLocal(PrintStream out) {
    this.out = out;
  }

  /** No command: the usage, with exit code 2. */
  @Override
  public Integer call() {
    spec.commandLine().usage(out);
    return Cli.BAD_ARGUMENTS;
  }

  public static void main(String[] args) {
    quietLibraries();
    int code = run(Arrays.asList(args), System.getenv(), System.out, System.err);
    if (code >= 0) {
      System.exit(code);
    }
  }

  /** Returns the exit code, or -1 when the command keeps running (infra) until the JVM stops. */
  static int run(List<String> args, Map<String, String> env, PrintStream out, PrintStream err) {
    CommandLine top =
        new CommandLine(new SahaBotLocal(out))
            .addSubcommand(new RunCommand(out, err))
            .addSubcommand(new MigrateCommand(out, err))
            .addSubcommand(new InfraCommand(out, err))
            .addSubcommand(new ExplainCommand(out, err))
            .addSubcommand(new ConverseCommand(out, err))
            .addSubcommand(new ReplayCommand(out, err, Clock.systemUTC()).env(env))
            .addSubcommand(new ReconcileCommand(out, err))
            .addSubcommand(new KafkaAclsCommand(out))
            .addSubcommand(new CommandLine.HelpCommand());
    return Cli.execute(top, args, env, out, err);
  }

  /** The options of {@code run} and {@code infra}: where and how the local system runs. */
  static final class InfraOptions {

    @Option(
        names = "--data-dir",
        paramLabel = "DIR",
        defaultValue = ".data",
        description =
            "where Kafka and an embedded PostgreSQL keep their data (env SAHABOT_DATA_DIR, default"
                + " .data)")
    @Cli.Env("SAHABOT_DATA_DIR")
    String dataDir;

    @Option(
        names = "--fresh",
        description =
            "delete the data directory first (and, on a local server, the sahabot database)")
    boolean fresh;

    @Option(
        names = "--kafka-port",
        paramLabel = "N",
        defaultValue = "9092",
        description =
            "Kafka's port (env SAHABOT_KAFKA_PORT, default 9092; the controller takes 19093)")
    @Cli.Env("SAHABOT_KAFKA_PORT")
    int kafkaPort;

    @Option(
        names = "--pg-port",
        paramLabel = "N",
        defaultValue = "5432",
        description =
            "PostgreSQL to use when it answers (env SAHABOT_PG_PORT, default 5432), else an embedded"
                + " one on 15432")
    @Cli.Env("SAHABOT_PG_PORT")
    int pgPort;

    @Option(
        names = "--pg-user",
        paramLabel = "USER",
        defaultValue = "postgres",
        description =
            "the schema owner on a PostgreSQL that answers (env DATABASE_OWNER_USER, default"
                + " postgres)")
    @Cli.Env("DATABASE_OWNER_USER")
    String pgUser;

    @Option(
        names = "--pg-password",
        paramLabel = "PASS",
        defaultValue = "",
        description = "its password (env DATABASE_OWNER_PASSWORD, default empty)")
    @Cli.Env("DATABASE_OWNER_PASSWORD")
    String pgPassword;
  }

  @Command(
      name = "run",
      header = "run everything: Kafka, PostgreSQL and the four services, until Ctrl-C",
      sortOptions = false,
      description = {
        "Runs everything: Kafka, PostgreSQL and the four services (logging to DIR/logs), and the",
        "console, until Ctrl-C."
      })
  static final class RunCommand implements Callable<Integer> {

    @Mixin private Cli.Help help;

    @Mixin private InfraOptions options;

    @Option(
        names = "--console-port",
        paramLabel = "N",
        defaultValue = "8090",
        description = "the console's port (env SAHABOT_CONSOLE_PORT, default 8090)")
    @Cli.Env("SAHABOT_CONSOLE_PORT")
    private int consolePort;

    private final PrintStream out;
    private final PrintStream err;

    RunCommand(PrintStream out, PrintStream err) {
      this.out = out;
      this.err = err;
    }

    @Override
    public Integer call() {
      return runAll(options, consolePort, out, err);
    }
  }

  @Command(
      name = "infra",
      header = "run Kafka (KRaft, single node) and PostgreSQL locally until Ctrl-C",
      sortOptions = false,
      description = {
        "Runs Kafka (KRaft, single node) and PostgreSQL locally, migrated, until Ctrl-C: for",
        "running a service from an IDE."
      })
  static final class InfraCommand implements Callable<Integer> {

    @Mixin private Cli.Help help;

    @Mixin private InfraOptions options;

    private final PrintStream out;
    private final PrintStream err;

    InfraCommand(PrintStream out, PrintStream err) {
      this.out = out;
      this.err = err;
    }

    @Override
    public Integer call() {
      return infra(options, out, err);
    }
  }

  @Command(
      name = "kafka-acls",
      header = "the services' SCRAM users and ACLs on a closed Kafka, as deploy/kafka/acls.sh",
      sortOptions = false,
      description = {
        "Prints the services' SCRAM users and ACLs on a closed Kafka, as the script",
        "deploy/kafka/acls.sh (./sahabot kafka-acls > deploy/kafka/acls.sh)."
      })
  static final class KafkaAclsCommand implements Callable<Integer> {

    @Mixin private Cli.Help help;

    private final PrintStream out;

    KafkaAclsCommand(PrintStream out) {
      this.out = out;
    }

    @Override
    public Integer call() {
      out.print(KafkaAcls.script());
      return 0;
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
      InfraOptions options, PrintStream out, PrintStream err, int steps) throws IOException {
    Path dataDir = Path.of(options.dataDir).toAbsolutePath();
    int kafkaPort = options.kafkaPort;
    int pgPort = options.pgPort;
    if (options.fresh) {
      out.println("[1/" + steps + "] Deleting " + dataDir + " (--fresh)");
      deleteRecursively(dataDir);
    } else {
      out.println("[1/" + steps + "] Keeping data in " + dataDir + " (--fresh starts afresh)");
    }
    Files.createDirectories(dataDir);
    out.println("[2/" + steps + "] Starting PostgreSQL");
    LocalPostgres pg =
        LocalPostgres.start(
            dataDir, "localhost", pgPort, options.pgUser, options.pgPassword, 15432);
    if (options.fresh && !pg.isEmbedded()) {
      pg.dropDatabase("sahabot");
    }
    out.println("[3/" + steps + "] Migrating the database");
    int migrated =
        new MigrateCommand(out, err).migrate(pg.jdbcUrl("sahabot"), pg.user(), pg.password(), null);
    if (migrated != 0) {
      pg.close();
      throw new IOException("the migrations failed");
    }
    if (DataPairing.check(dataDir, pg.jdbcUrl("postgres"), pg.user(), pg.password(), "sahabot")
        == DataPairing.Verdict.MISMATCH) {
      err.println(DataPairing.warning(dataDir, pg.jdbcUrl("sahabot")));
    }
    out.println("[4/" + steps + "] Starting Kafka (KRaft) on :" + kafkaPort);
    LocalKafka kafka = LocalKafka.start(dataDir, kafkaPort, 19093);
    return new Infrastructure(pg, kafka, dataDir);
  }

  private static int infra(InfraOptions options, PrintStream out, PrintStream err) {
    try {
      Infrastructure infra = startInfrastructure(options, out, err, 4);
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
      InfraOptions options, int consolePort, PrintStream out, PrintStream err) {
    long started = System.nanoTime();
    try {
      Infrastructure infra = startInfrastructure(options, out, err, 6);
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
      ConsoleServer console = ConsoleServer.start(consolePort, Services.Ports.LOCAL);
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
