package io.sahabot.bench;

import io.sahabot.local.Cli;
import io.sahabot.local.LocalKafka;
import io.sahabot.local.LocalKafkaCluster;
import io.sahabot.local.LocalPostgres;
import io.sahabot.local.MigrateCommand;
import io.sahabot.local.SahaBotLocal;
import io.sahabot.local.Services;
import io.sahabot.schemas.topics.Topics;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.PrintStream;
import java.lang.management.ManagementFactory;
import java.net.ServerSocket;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.sql.Statement;
import java.time.Duration;
import java.time.ZoneOffset;
import java.time.ZonedDateTime;
import java.time.format.DateTimeFormatter;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Deque;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.Callable;
import java.util.concurrent.TimeUnit;
import org.apache.kafka.clients.admin.OffsetSpec;
import org.apache.kafka.clients.admin.RecordsToDelete;
import org.apache.kafka.common.TopicPartition;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;
import reactor.netty.DisposableServer;

/**
 * {@code ./sahabot bench [--quick] [--ingress | --e2e | --only sender] [--instances 2] [--brokers
 * 3]}: the whole benchmark suite in one run on this machine: the limits first (bare WebFlux
 * endpoint, raw Kafka producer, raw PostgreSQL insert), then the four services' jars on a fresh
 * Kafka and database, driven over their public interfaces (HTTP and Kafka), and one Markdown
 * report, printed and written under {@code benchmarks/target/}. It exits non-zero only when
 * something breaks, never because a figure is short.
 */
public final class BenchmarkSuite {

  static final String APP_SECRET = "bench-app-secret";

  /**
   * The run's database: {@code sahabot_bench}, or {@code SAHABOT_BENCH_DATABASE} (so that two runs
   * on one PostgreSQL server, e.g. from two clones, do not drop each other's).
   */
  static final String DATABASE = database(System.getenv("SAHABOT_BENCH_DATABASE"));

  static String database(String env) {
    if (env == null || env.isBlank()) {
      return "sahabot_bench";
    }
    if (!env.matches("[a-z_][a-z0-9_]{0,62}")) {
      throw new IllegalArgumentException(
          "SAHABOT_BENCH_DATABASE is a lower-case PostgreSQL name, not " + env);
    }
    return env;
  }

  /** The raw insert's connection counts, swept: the limit is the best of them. */
  static final int[] RESERVATION_CONNECTIONS = {4, 8, 16, 32};

  /** The raw producer's sends in flight, each awaited, swept: the limit is the best of them. */
  static final List<Integer> RAW_KAFKA_IN_FLIGHT = List.of(64, 256, 1024);

  /** Where the second run's messages are numbered from (tenant-service drops a seen id). */
  static final long SECOND_RUN_MESSAGES = 10_000_000L;

  /** How long a service may take to come up: minutes on a 2-core machine that is shared. */
  static final Duration STARTUP = Duration.ofMinutes(10);

  static final String DEFAULT_JVM_OPTIONS = "-Xmx512m -XX:+UseSerialGC";
  static final List<String> JVM_OPTIONS = List.of(DEFAULT_JVM_OPTIONS.split(" "));

  private final Deque<AutoCloseable> resources = new ArrayDeque<>();
  private final Report report = new Report();
  private final Plan plan;
  private final boolean ingressOnly;
  private final boolean e2eOnly;
  private final boolean senderOnly;
  private final Progress progress;
  private final Path home;
  private final Path work;
  private final List<String> jvmOptions;
  private final int instances;
  private final int brokers;
  private final Map<String, String> versions = new java.util.LinkedHashMap<>();
  private String loadAtStart;

  private BenchmarkSuite(
      Plan plan,
      boolean ingressOnly,
      boolean e2eOnly,
      boolean senderOnly,
      Path home,
      List<String> jvmOptions,
      int instances,
      int brokers) {
    this.plan = plan;
    this.instances = instances;
    this.brokers = brokers;
    this.ingressOnly = ingressOnly;
    this.e2eOnly = e2eOnly;
    this.senderOnly = senderOnly;
    this.progress = new Progress(System.out);
    this.home = home;
    this.work = home.resolve("benchmarks/target/bench");
    this.jvmOptions = jvmOptions;
  }

  /** {@code ./sahabot bench}'s options; parsing them runs nothing. */
  @Command(
      name = "bench",
      header = "the benchmark suite: the limits, the four services, one report",
      sortOptions = false,
      description = {
        "Runs the benchmark suite (full, 10,000 tenants: about 20-25 minutes on 2 cores;"
            + " --quick: about 4)",
        "and writes the report to benchmarks/target/benchmark-report.md."
      },
      footer = {
        "",
        "env SAHABOT_BENCH_JVM_OPTIONS: the services' JVM options (default "
            + DEFAULT_JVM_OPTIONS
            + ")",
        "env SAHABOT_BENCH_DATABASE: the run's database (default sahabot_bench; dropped at the"
            + " start and the end)"
      })
  static final class Arguments implements Callable<Integer> {

    @Mixin private Cli.Help help;

    @Option(names = "--quick", description = "shorter windows, fewer tenants and levels")
    boolean quick;

    @Option(
        names = "--ingress",
        description =
            "only the bare endpoint, the raw Kafka producer and ingress (benchmarks 1 and 2)")
    boolean ingressOnly;

    @Option(
        names = "--e2e",
        description =
            "only the limits, the provisioning, the reservation commands and end to end"
                + " (benchmarks 1, 3 and 4: no ingress window, sender or agent)")
    boolean e2eOnly;

    @Option(
        names = "--only",
        paramLabel = "PART",
        description =
            "sender: only the sender (benchmark 6: ingress and tenant-service started, no limits,"
                + " no other benchmark), to compare a change of the sender quickly")
    String only;

    @Option(
        names = "--instances",
        paramLabel = "N",
        description =
            "1 (default) or 2: the end-to-end benchmark then runs with one instance of each"
                + " service, then with two (same consumer groups), each with a line telling"
                + " whether every message was answered exactly once")
    int instances = 1;

    @Option(
        names = "--brokers",
        paramLabel = "N",
        description =
            "1 (default: one KRaft node in the suite's JVM) or 3 (three KRaft processes,"
                + " replication 3, min.insync.replicas 2)")
    int brokers = 1;

    @Option(
        names = "--tenants",
        paramLabel = "N",
        description =
            "tenants provisioned by their first webhooks, 50 to 100,000 (default: 10,000;"
                + " --quick: 100)")
    Integer tenants;

    /** Whether the arguments asked for a run (not --help, not an error). */
    boolean parsed;

    @Override
    public Integer call() {
      if (ingressOnly && e2eOnly) {
        throw new IllegalArgumentException("--ingress and --e2e run different parts: one of them");
      }
      if (only != null && !only.equals("sender")) {
        throw new IllegalArgumentException("--only takes sender, not " + only);
      }
      if (only != null && (ingressOnly || e2eOnly || instances != 1)) {
        throw new IllegalArgumentException(
            "--only sender runs alone: no --ingress, --e2e, --instances");
      }
      if (instances != 1 && instances != 2) {
        throw new IllegalArgumentException("--instances is 1 or 2, not " + instances);
      }
      if (brokers != 1 && brokers != 3) {
        throw new IllegalArgumentException("--brokers is 1 or 3, not " + brokers);
      }
      if (tenants != null && (tenants < 50 || tenants > 100_000)) {
        throw new IllegalArgumentException("--tenants is 50 to 100000, not " + tenants);
      }
      parsed = true;
      return 0;
    }
  }

  public static void main(String[] args) {
    SahaBotLocal.quietLibraries();
    Arguments arguments = new Arguments();
    int code = Cli.run(arguments, Arrays.asList(args), System.getenv(), System.out, System.err);
    if (!arguments.parsed) {
      System.exit(code);
    }
    String options = System.getenv("SAHABOT_BENCH_JVM_OPTIONS");
    BenchmarkSuite suite =
        new BenchmarkSuite(
            (arguments.quick ? Plan.quick() : Plan.full()).withTenants(arguments.tenants),
            arguments.ingressOnly,
            arguments.e2eOnly,
            "sender".equals(arguments.only),
            Path.of("").toAbsolutePath(),
            options == null || options.isBlank()
                ? JVM_OPTIONS
                : List.of(options.trim().split("\\s+")),
            arguments.instances,
            arguments.brokers);
    Runtime.getRuntime().addShutdownHook(new Thread(suite::closeAll, "bench-shutdown"));
    System.exit(suite.run());
  }

  private int run() {
    long started = System.nanoTime();
    loadAtStart = loadAverage();
    String date =
        ZonedDateTime.now(ZoneOffset.UTC)
            .format(DateTimeFormatter.ofPattern("yyyy-MM-dd HH:mm 'UTC'"));
    progress.say(
        "SahaBot benchmark suite, %s mode%s%s%s; data under %s",
        plan.name(),
        ingressOnly
            ? ", ingress only"
            : e2eOnly ? ", limits and end to end only" : senderOnly ? ", sender only" : "",
        instances > 1 ? ", " + instances + " instances" : "",
        brokers > 1 ? ", " + brokers + " brokers" : "",
        work);
    try {
      SahaBotLocal.deleteRecursively(work);
      Files.createDirectories(work);
      Context ctx = startInfrastructureAndLimits();
      startServicesAndRun(ctx);
    } catch (Exception e) {
      report.failed("the suite", e.getClass().getSimpleName() + ": " + e.getMessage());
      progress.say("FAILED: %s", e);
    } finally {
      closeAll();
      dropData();
    }
    long took = (System.nanoTime() - started) / 1_000_000_000;
    String markdown =
        report.markdown(
            "SahaBot benchmark report ("
                + plan.name()
                + (ingressOnly ? ", ingress only" : "")
                + (e2eOnly ? ", limits, reservation and end to end only" : "")
                + (senderOnly ? ", sender only" : "")
                + (instances > 1 ? ", " + instances + " instances of each service" : "")
                + (brokers > 1 ? ", " + brokers + " Kafka brokers" : "")
                + ")",
            List.of(
                date
                    + "; took "
                    + took / 60
                    + " min "
                    + took % 60
                    + " s. Figures are printed, never asserted. A limit is measured in the same"
                    + " run on the same machine; the ratio is the figure over it."),
            machine());
    Path file = home.resolve("benchmarks/target/benchmark-report.md");
    try {
      Files.writeString(file, markdown, StandardCharsets.UTF_8);
      Files.writeString(
          home.resolve(
              "benchmarks/target/benchmark-report-"
                  + ZonedDateTime.now(ZoneOffset.UTC)
                      .format(DateTimeFormatter.ofPattern("yyyyMMdd-HHmmss"))
                  + ".md"),
          markdown,
          StandardCharsets.UTF_8);
    } catch (IOException e) {
      progress.say("could not write the report: %s", e.getMessage());
    }
    System.out.println();
    System.out.println(markdown);
    progress.say("Report written to %s (%d min %d s)", file, took / 60, took % 60);
    if (!report.failures().isEmpty()) {
      System.err.println("bench: something broke: " + String.join("; ", report.failures()));
      return 1;
    }
    return 0;
  }

  // ---- infrastructure and limits ------------------------------------------------------------

  private String jdbcUrl;
  private LocalPostgres pg;

  private Context startInfrastructureAndLimits() throws Exception {
    progress.say("[1/9] PostgreSQL and Kafka (fresh: database %s, Kafka under %s)", DATABASE, work);
    pg = LocalPostgres.start(work, "localhost", 5432, "postgres", "", freePort());
    resources.push(pg);
    if (!pg.isEmbedded()) {
      pg.dropDatabase(DATABASE);
    }
    jdbcUrl = pg.jdbcUrl(DATABASE);
    ByteArrayOutputStream migrations = new ByteArrayOutputStream();
    PrintStream migrationOut = new PrintStream(migrations, true, StandardCharsets.UTF_8);
    if (new MigrateCommand(migrationOut, migrationOut)
            .migrate(jdbcUrl, pg.user(), pg.password(), null)
        != 0) {
      throw new IllegalStateException(
          "the migrations failed: " + migrations.toString(StandardCharsets.UTF_8));
    }
    String bootstrap;
    String kafkaNodes;
    if (brokers == 3) {
      LocalKafkaCluster cluster =
          LocalKafkaCluster.start(
              work.resolve("kafka"),
              List.of(freePort(), freePort(), freePort()),
              List.of(freePort(), freePort(), freePort()));
      resources.push(cluster);
      bootstrap = cluster.bootstrapServers();
      kafkaNodes =
          "KRaft, three nodes as processes (replication 3, min.insync.replicas 2; their logs"
              + " are dropped with the data)";
    } else {
      LocalKafka localKafka = LocalKafka.start(work, freePort(), freePort());
      resources.push(localKafka);
      bootstrap = localKafka.bootstrapServers();
      kafkaNodes = "KRaft, in the suite's JVM";
    }
    Kafka kafka = new Kafka(bootstrap);
    resources.push(kafka);
    versions.put(
        "PostgreSQL", postgresVersion() + (pg.isEmbedded() ? " (embedded)" : " (local server)"));
    versions.put(
        "Kafka",
        org.apache.kafka.common.utils.AppInfoParser.getVersion() + " (" + kafkaNodes + ")");

    GraphApiStub graph = new GraphApiStub();
    resources.push(graph);
    Services services =
        new Services(
            home,
            work.resolve("logs"),
            new PrintStream(PrintStream.nullOutputStream()),
            jvmOptions);
    resources.push(services);
    Context ctx = new Context(plan, progress, kafka, graph, services, new Webhooks(APP_SECRET));
    if (!senderOnly) {
      limits(ctx);
    }
    return ctx;
  }

  private HttpLoad.Result bare;
  private Limits.RawKafka rawKafka;
  private Limits.Rate rawSpread;
  private Limits.Rate rawHot;
  private final List<List<String>> rawSweep = new ArrayList<>();
  private String rawSpreadBy;
  private String rawHotBy;
  private IngressLoad ingressLoad;

  private void limits(Context ctx) throws Exception {
    ingressLoad = new IngressLoad(ctx.webhooks);
    progress.say(
        "[2/9] Limits: a bare WebFlux endpoint at %d connections", IngressLoad.CONNECTIONS);
    DisposableServer endpoint = Limits.bareEndpoint();
    try {
      bare = ingressLoad.run(ctx, "bare endpoint", "http://127.0.0.1:" + endpoint.port() + "/bare");
    } finally {
      endpoint.disposeNow();
    }
    byte[] record = Limits.webhookRecord(ingressLoad.sample());
    progress.say(
        "      raw Kafka producer, %d B records, acks=all, idempotent: %d s awaited at each of %s"
            + " sends in flight, %d s pipelined",
        record.length,
        plan.rawWindow().toSeconds(),
        RAW_KAFKA_IN_FLIGHT,
        plan.rawWindow().toSeconds());
    rawKafka =
        Limits.rawKafka(
            ctx.kafka,
            record,
            plan.rawWindow(),
            RAW_KAFKA_IN_FLIGHT,
            (short) (brokers == 3 ? 3 : 1));
    for (int i = 0; i < RAW_KAFKA_IN_FLIGHT.size(); i++) {
      progress.say(
          "      %4d in flight: %s awaited (p99 %s)",
          RAW_KAFKA_IN_FLIGHT.get(i),
          Report.rate(rawKafka.awaited().get(i).perSecond()),
          Report.ms(rawKafka.awaited().get(i).p99()));
    }
    progress.say(
        "      raw Kafka: %s awaited (best, %d in flight), %s pipelined",
        Report.rate(rawKafka.best().perSecond()),
        rawKafka.bestLevel(),
        Report.rate(rawKafka.pipelined().perSecond()));
    if (!ingressOnly) {
      rawPostgres();
    }
    List<List<String>> rows = new ArrayList<>();
    rows.add(
        List.of(
            "bare WebFlux endpoint, 200 without work, " + IngressLoad.CONNECTIONS + " connections",
            Report.rate(bare.perSecond()),
            Report.ms(bare.percentileMs(50)),
            Report.ms(bare.percentileMs(99)),
            bare.failed() + " failed; the same generator and bodies as ingress"));
    rows.add(
        List.of(
            "raw Kafka producer, "
                + record.length
                + " B, acks=all, idempotent, sends in flight each awaited",
            Report.rate(rawKafka.best().perSecond()),
            Report.ms(rawKafka.best().p50()),
            Report.ms(rawKafka.best().p99()),
            "the best of the sweep below: "
                + rawKafka.bestLevel()
                + " in flight; "
                + Topics.WHATSAPP_INBOUND_RAW.partitions()
                + " partitions, replication "
                + (brokers == 3 ? 3 : 1)));
    rows.add(
        List.of(
            "raw Kafka producer, pipelined (the broker's ceiling)",
            Report.rate(rawKafka.pipelined().perSecond()),
            "–",
            "–",
            rawKafka.pipelined().refused() + " failed"));
    if (!ingressOnly) {
      rows.add(
          List.of(
              "raw PostgreSQL reservation insert, spread over " + plan.tenants() + " tenants",
              Report.rate(rawSpread.perSecond()),
              Report.ms(rawSpread.p50()),
              Report.ms(rawSpread.p99()),
              "the best of the sweep below: "
                  + rawSpreadBy
                  + "; as sahabot_app, set_config('app.tenant_id'), the exclusion constraint, one"
                  + " transaction each (pgbench: p50 is its mean)"));
      rows.add(
          List.of(
              "raw PostgreSQL reservation insert, one tenant taking half",
              Report.rate(rawHot.perSecond()),
              Report.ms(rawHot.p50()),
              Report.ms(rawHot.p99()),
              "the best of the sweep: " + rawHotBy));
    }
    Report.Section limits =
        report
            .section("1. Limits (measured first, nothing else running)")
            .table(List.of("limit", "rate", "p50", "p99", "notes"), rows);
    List<List<String>> kafkaSweep = new ArrayList<>();
    for (int i = 0; i < rawKafka.levels().size(); i++) {
      Limits.Rate r = rawKafka.awaited().get(i);
      kafkaSweep.add(
          List.of(
              rawKafka.levels().get(i) + " in flight, each awaited",
              Report.rate(r.perSecond()),
              Report.ms(r.p50()),
              Report.ms(r.p99()),
              "" + r.refused()));
    }
    kafkaSweep.add(
        List.of(
            "pipelined (up to 20,000 unacknowledged)",
            Report.rate(rawKafka.pipelined().perSecond()),
            "–",
            "–",
            "" + rawKafka.pipelined().refused()));
    limits
        .line(
            "The raw producer at each number of sends in flight (the awaited limit above is the"
                + " best; ingress awaits each webhook's send):")
        .line("")
        .table(List.of("raw producer", "rate", "p50", "p99", "failed"), kafkaSweep);
    if (!rawSweep.isEmpty()) {
      limits
          .line(
              "The raw insert at each connection count, by the suite's JDBC client (p99 of each"
                  + " transaction) and by pgbench (a C client, prepared statements; its mean"
                  + " latency), the same transaction for the same tenants: the limit above is the"
                  + " best of them. "
                  + pgbenchNote)
          .line("")
          .table(
              List.of(
                  "connections",
                  "JDBC spread",
                  "p99",
                  "JDBC half hot",
                  "p99",
                  "pgbench spread",
                  "mean",
                  "pgbench half hot",
                  "mean"),
              rawSweep);
    }
  }

  private String pgbenchNote = "";

  /**
   * The raw reservation insert as {@code sahabot_app} (RLS, {@code set_config}, the exclusion
   * constraint), swept over {@link #RESERVATION_CONNECTIONS} connections with the suite's JDBC
   * client (warmed up first) and with pgbench when it is on the PATH; the limits are the best.
   */
  private void rawPostgres() throws Exception {
    Path pgbench = Limits.pgbench();
    progress.say(
        "      raw PostgreSQL reservation insert (RLS, exclusion constraint), %d tenants, at %s"
            + " connections, JDBC%s",
        plan.tenants(),
        Arrays.toString(RESERVATION_CONNECTIONS),
        pgbench == null ? " (no pgbench on the PATH)" : " and pgbench");
    List<long[]> tenants = Limits.rawTenants(jdbcUrl, pg.user(), pg.password(), plan.tenants());
    Duration level = plan.rawWindow().dividedBy(2);
    Path spreadScript = null;
    Path hotScript = null;
    Path pgbenchLog = work.resolve("logs/pgbench.log");
    Files.createDirectories(pgbenchLog.getParent());
    if (pgbench != null) {
      Limits.pgbenchRefs(jdbcUrl, pg.user(), pg.password(), tenants);
      spreadScript = work.resolve("pgbench-spread.sql");
      hotScript = work.resolve("pgbench-hot.sql");
      Files.writeString(spreadScript, Limits.pgbenchScript(tenants.size(), false));
      Files.writeString(hotScript, Limits.pgbenchScript(tenants.size(), true));
      pgbenchNote =
          "pgbench's output is in "
              + home.relativize(pgbenchLog)
              + ", its scripts in "
              + home.relativize(work)
              + ".";
    } else {
      pgbenchNote = "pgbench was not on the PATH, so only the JDBC client ran.";
    }
    // the JDBC client's JIT and the server's caches warmed up, so the first level is not cold
    Limits.rawPostgres(jdbcUrl, "sahabot_app", "", tenants, 16, level.dividedBy(2), false);
    Limits.Pg app = Limits.Pg.of(jdbcUrl, "sahabot_app", "");
    for (int connections : RESERVATION_CONNECTIONS) {
      Limits.Rate spread = jdbcLevel(tenants, connections, level, false);
      Limits.Rate hot = jdbcLevel(tenants, connections, level, true);
      Limits.Rate benchSpread =
          pgbench == null
              ? null
              : Limits.pgbench(pgbench, app, spreadScript, connections, level, pgbenchLog);
      Limits.Rate benchHot =
          pgbench == null
              ? null
              : Limits.pgbench(pgbench, app, hotScript, connections, level, pgbenchLog);
      progress.say(
          "      %2d connections: JDBC %s spread, %s half hot; pgbench %s spread, %s half hot",
          connections,
          spread == null ? "–" : Report.rate(spread.perSecond()),
          hot == null ? "–" : Report.rate(hot.perSecond()),
          benchSpread == null ? "–" : Report.rate(benchSpread.perSecond()),
          benchHot == null ? "–" : Report.rate(benchHot.perSecond()));
      rawSweep.add(
          List.of(
              Integer.toString(connections),
              spread == null ? "failed" : Report.rate(spread.perSecond()),
              spread == null ? "–" : Report.ms(spread.p99()),
              hot == null ? "failed" : Report.rate(hot.perSecond()),
              hot == null ? "–" : Report.ms(hot.p99()),
              benchSpread == null ? "–" : Report.rate(benchSpread.perSecond()),
              benchSpread == null ? "–" : Report.ms(benchSpread.p50()),
              benchHot == null ? "–" : Report.rate(benchHot.perSecond()),
              benchHot == null ? "–" : Report.ms(benchHot.p50())));
      if (better(spread, rawSpread)) {
        rawSpread = spread;
        rawSpreadBy = connections + " connections, JDBC";
      }
      if (better(benchSpread, rawSpread)) {
        rawSpread = benchSpread;
        rawSpreadBy = connections + " connections, pgbench";
      }
      if (better(hot, rawHot)) {
        rawHot = hot;
        rawHotBy = connections + " connections, JDBC";
      }
      if (better(benchHot, rawHot)) {
        rawHot = benchHot;
        rawHotBy = connections + " connections, pgbench";
      }
    }
    if (rawSpread == null || rawHot == null) {
      throw new IllegalStateException(
          "the raw PostgreSQL insert failed at every connection count; see the progress lines"
              + " and "
              + pgbenchLog);
    }
    if (pgbench != null) {
      Limits.dropPgbenchRefs(jdbcUrl, pg.user(), pg.password());
    }
    Limits.dropRawTenants(jdbcUrl, pg.user(), pg.password());
    progress.say(
        "      raw PostgreSQL: %s spread (%s), %s half hot (%s)",
        Report.rate(rawSpread.perSecond()), rawSpreadBy, Report.rate(rawHot.perSecond()), rawHotBy);
  }

  /** Whether {@code candidate} was measured and beats {@code best} (null: nothing yet). */
  static boolean better(Limits.Rate candidate, Limits.Rate best) {
    return candidate != null && (best == null || candidate.perSecond() > best.perSecond());
  }

  /**
   * One level of the JDBC client, or null when it failed (a shared server out of connection slots,
   * say): the other levels and pgbench's still count, and the failure is printed.
   */
  private Limits.Rate jdbcLevel(
      List<long[]> tenants, int connections, Duration level, boolean hot) {
    try {
      return Limits.rawPostgres(jdbcUrl, "sahabot_app", "", tenants, connections, level, hot);
    } catch (Exception e) {
      Throwable cause = e.getCause() == null ? e : e.getCause();
      progress.say(
          "      JDBC at %d connections%s failed: %s",
          connections, hot ? ", half hot," : "", cause.getMessage());
      return null;
    }
  }

  // ---- the services -------------------------------------------------------------------------

  private void startServicesAndRun(Context ctx) throws Exception {
    Services.Ports ports = new Services.Ports(freePort(), freePort(), freePort(), freePort());
    Map<String, Services.Service> all = new java.util.LinkedHashMap<>();
    for (Services.Service s :
        Services.on(
            ports, ctx.kafka.bootstrap(), pg.r2dbcUrl(DATABASE), Services.Logins.LOCAL, work)) {
      all.put(s.name(), brokers == 3 ? s.with(LocalKafkaCluster.serviceEnvironment()) : s);
    }
    all.put(
        "ingress-service",
        all.get("ingress-service")
            .with(
                Map.of(
                    "WHATSAPP_GRAPH_RECORDING",
                    "false",
                    "WHATSAPP_GRAPH_BASE_URL",
                    ctx.graph.baseUrl(),
                    "WHATSAPP_ACCESS_TOKEN",
                    "bench-deployment-token",
                    "WHATSAPP_APP_SECRETS",
                    APP_SECRET)));
    versions.put("Spring Boot", springBootVersion());
    if (senderOnly) {
      progress.say("[3/9] Ingress and tenant-service (the sender asks it for each number's token)");
      start(ctx, List.of(all.get("ingress-service"), all.get("tenant-service")));
      guarded("6. Sender", () -> sender(ctx));
      memory(ctx);
      return;
    }

    progress.say("[3/9] Ingress alone (the others are not started yet, so nothing else runs)");
    start(ctx, List.of(all.get("ingress-service")));
    ctx.webhookUrl = "http://127.0.0.1:" + ports.ingress() + "/webhook";
    if (!e2eOnly) {
      ingress(ctx);
      if (ingressOnly) {
        return;
      }
      forgetIngressRecords(ctx);
    }

    progress.say("[4/9] Starting tenant-, reservation- and agent-service");
    start(
        ctx,
        List.of(
            all.get("tenant-service"), all.get("reservation-service"), all.get("agent-service")));
    guarded(
        "3. Reservation commands",
        () -> {
          provision(ctx);
          reservations(ctx);
        });
    guarded("4. End to end", () -> endToEnd(ctx));
    if (instances == 2) {
      guarded("4. End to end, two instances", () -> endToEndTwoInstances(ctx, all));
    }
    if (!e2eOnly) {
      guarded("6. Sender", () -> sender(ctx));
      guarded("5. Agent", () -> agent(ctx, all.get("agent-service")));
    }
    memory(ctx);
  }

  interface Step {
    void run() throws Exception;
  }

  private void guarded(String benchmark, Step step) {
    try {
      step.run();
    } catch (Exception e) {
      report.failed(benchmark, e.getClass().getSimpleName() + ": " + e.getMessage());
      progress.say("      %s FAILED: %s", benchmark, e);
    }
  }

  private void start(Context ctx, List<Services.Service> services) throws Exception {
    long t = System.nanoTime();
    for (Services.Service s : services) {
      ctx.services.start(s);
      ctx.running.put(s.id(), s);
    }
    for (Services.Service s : services) {
      // a loaded 2-core machine (other builds beside the suite) takes 4-5 minutes to start three
      if (!ctx.services.awaitUp(s, STARTUP)) {
        throw new IllegalStateException(s.id() + " did not come up; see " + ctx.services.log(s));
      }
    }
    progress.say("      up in %d s", (System.nanoTime() - t) / 1_000_000_000);
  }

  private void ingress(Context ctx) {
    StageMetrics.Scrape[] before = new StageMetrics.Scrape[1];
    Profiles[] profiles = new Profiles[1];
    HttpLoad.Result r =
        ingressLoad.run(
            ctx,
            "ingress POST /webhook",
            ctx.webhookUrl,
            () -> {
              before[0] = ctx.scrape();
              profiles[0] = profile(ctx, "ingress");
            });
    StageMetrics.Scrape after = ctx.scrape();
    List<Profiles.Summary> profiled = profiles[0].stop(8);
    double ratio = r.perSecond() / bare.perSecond();
    report.summary(
        new Report.Line(
            "2. Ingress",
            "signed webhooks " + Report.rate(r.perSecond()),
            "bare endpoint " + Report.rate(bare.perSecond()),
            ratio,
            "≥ 50%",
            ratio >= 0.5));
    report.summary(
        new Report.Line(
            "2. Ingress",
            "p99 "
                + Report.ms(r.percentileMs(99))
                + " at "
                + IngressLoad.CONNECTIONS
                + " connections",
            "bare p99 " + Report.ms(bare.percentileMs(99)),
            Double.NaN,
            "≤ 50 ms",
            r.percentileMs(99) <= 50));
    Report.Section s =
        report
            .section("2. Ingress: signed webhooks at " + IngressLoad.CONNECTIONS + " connections")
            .table(
                List.of(
                    "what",
                    "acknowledged/s",
                    "p50",
                    "p99",
                    "p99.9",
                    "failed",
                    "vs bare",
                    "vs raw producer (awaited)"),
                List.of(
                    List.of(
                        "bare WebFlux endpoint",
                        Report.rate(bare.perSecond()),
                        Report.ms(bare.percentileMs(50)),
                        Report.ms(bare.percentileMs(99)),
                        Report.ms(bare.percentileMs(99.9)),
                        "" + bare.failed(),
                        "100%",
                        "–"),
                    List.of(
                        "ingress POST /webhook (verified, split, acked by Kafka)",
                        Report.rate(r.perSecond()),
                        Report.ms(r.percentileMs(50)),
                        Report.ms(r.percentileMs(99)),
                        Report.ms(r.percentileMs(99.9)),
                        "" + r.failed(),
                        Report.pct(ratio),
                        Report.pct(r.perSecond() / rawKafka.best().perSecond()))));
    s.line(
        "Ingress ran alone; its records on whatsapp.inbound.raw were then deleted, so the other"
            + " services never process this load.");
    if (ratio < 0.5 || r.percentileMs(99) > 50) {
      whereTheTimeGoes(s, before[0], after);
      profileTable(s, profiled);
    }
  }

  private void forgetIngressRecords(Context ctx) throws Exception {
    Map<TopicPartition, OffsetSpec> latest = new HashMap<>();
    for (int p = 0; p < Topics.WHATSAPP_INBOUND_RAW.partitions(); p++) {
      latest.put(new TopicPartition(Topics.WHATSAPP_INBOUND_RAW.name(), p), OffsetSpec.latest());
    }
    Map<TopicPartition, RecordsToDelete> delete = new HashMap<>();
    ctx.kafka
        .admin()
        .listOffsets(latest)
        .all()
        .get(30, TimeUnit.SECONDS)
        .forEach((tp, info) -> delete.put(tp, RecordsToDelete.beforeOffset(info.offset())));
    ctx.kafka.admin().deleteRecords(delete).all().get(30, TimeUnit.SECONDS);
  }

  /** Tenants provisioned the way they are in production: by their first webhook. */
  private void provision(Context ctx) throws Exception {
    progress.say("[5/9] Provisioning %d tenants through their first webhook", plan.tenants());
    List<Webhooks.Signed> first = new ArrayList<>();
    for (int i = 0; i < plan.tenants(); i++) {
      first.add(
          ctx.webhooks.text(phoneNumberId(i), "905300000001", "wamid.BENCH.FIRST." + i, "merhaba"));
    }
    progress.say("      each service's heap after a full GC, before");
    Map<String, Heap> heapBefore = heapAfterGc(ctx);
    Map<String, Long> rssBefore = rssKb(ctx);
    long t = System.nanoTime();
    try (HttpLoad http = new HttpLoad(IngressLoad.CONNECTIONS)) {
      long ok = http.sendAll(ctx.webhookUrl, first);
      if (ok != first.size()) {
        throw new IllegalStateException((first.size() - ok) + " first webhooks were not accepted");
      }
    }
    // 5 minutes, or 5 tenants a second (the idle machine provisions 20 a second)
    Duration limit = Duration.ofMillis(Math.max(300_000L, 200L * plan.tenants()));
    long deadline = System.nanoTime() + limit.toNanos();
    List<Context.Tenant> tenants = tenants();
    while (tenants.size() < plan.tenants()) {
      if (System.nanoTime() > deadline) {
        throw new IllegalStateException(
            "only "
                + tenants.size()
                + " of "
                + plan.tenants()
                + " tenants provisioned in "
                + limit.toSeconds()
                + " s");
      }
      Thread.sleep(500);
      tenants = tenants();
    }
    double seconds = (System.nanoTime() - t) / 1e9;
    ctx.tenants = tenants;
    progress.say(
        "      %d tenants in %.1f s; waiting for their greetings to be answered",
        tenants.size(), seconds);
    ctx.awaitDrained("provisioning");
    double greeted = (System.nanoTime() - t) / 1e9;
    provisioned =
        String.format(
            Locale.ROOT,
            "%,d tenants provisioned by their first webhook in %.1f s (%s)",
            tenants.size(),
            seconds,
            Report.rate(tenants.size() / seconds));
    progress.say("      each service's heap after a full GC, after; the size of %s", CHANGELOG);
    Map<String, Heap> heapAfter = heapAfterGc(ctx);
    Map<String, Long> rssAfter = rssKb(ctx);
    long[] changelog = changelogSize(ctx);
    StringBuilder heaps = new StringBuilder();
    heapAfter.forEach(
        (service, after) ->
            heaps
                .append(heaps.isEmpty() ? "" : ", ")
                .append(service)
                .append(' ')
                .append(mib(heapBefore.getOrDefault(service, new Heap(-1, Map.of())).bytes()))
                .append(" → ")
                .append(mib(after.bytes())));
    progress.say(
        "      %s: %,d records, %,d bytes; heap after GC before → after: %s",
        CHANGELOG, changelog[0], changelog[1], heaps);
    provisioningSection(
        tenants.size(), seconds, greeted, changelog, heapBefore, heapAfter, rssBefore, rssAfter);
  }

  private static final String CHANGELOG = Topics.TENANT_CHANGELOG.name();

  private void provisioningSection(
      int tenants,
      double seconds,
      double greeted,
      long[] changelog,
      Map<String, Heap> heapBefores,
      Map<String, Heap> heapAfters,
      Map<String, Long> rssBefore,
      Map<String, Long> rssAfter) {
    List<List<String>> rows = new ArrayList<>();
    StringBuilder heaps = new StringBuilder();
    heapAfters.forEach(
        (service, afterHeap) -> {
          Heap beforeHeap = heapBefores.getOrDefault(service, new Heap(-1, Map.of()));
          long before = beforeHeap.bytes();
          long after = afterHeap.bytes();
          boolean known = before >= 0 && after >= 0;
          long delta = known ? after - before : 0;
          long rss0 = rssBefore.getOrDefault(service, -1L);
          long rss1 = rssAfter.getOrDefault(service, -1L);
          rows.add(
              List.of(
                  service,
                  before < 0 ? "unknown" : mib(before),
                  after < 0 ? "unknown" : mib(after),
                  known ? (delta >= 0 ? "+" : "") + mib(delta) : "–",
                  known ? String.format(Locale.ROOT, "%,d B", delta / Math.max(1, tenants)) : "–",
                  rss0 < 0 || rss1 < 0
                      ? "unknown"
                      : String.format(Locale.ROOT, "%,d → %,d MiB", rss0 / 1024, rss1 / 1024),
                  ClassHistogram.cell(
                      ClassHistogram.growth(beforeHeap.classes(), afterHeap.classes(), 4))));
          if (known) {
            heaps
                .append(heaps.isEmpty() ? "" : ", ")
                .append(service.replace("-service", ""))
                .append(' ')
                .append(delta >= 0 ? "+" : "")
                .append(mib(delta));
          }
        });
    report.summary(
        new Report.Line(
            "Provisioning",
            String.format(
                Locale.ROOT,
                "%,d tenants by their first webhook in %.1f s (%s)",
                tenants,
                seconds,
                Report.rate(tenants / seconds)),
            "–",
            Double.NaN,
            "–",
            null));
    report.summary(
        new Report.Line(
            "Provisioning",
            String.format(
                Locale.ROOT,
                "%s: %,d records, %s on disk; heap after GC: %s",
                CHANGELOG,
                changelog[0],
                changelog[1] < 0 ? "unknown" : mib(changelog[1]),
                heaps),
            "–",
            Double.NaN,
            "–",
            null));
    report
        .section(String.format(Locale.ROOT, "Provisioning %,d businesses", tenants))
        .line(
            String.format(
                Locale.ROOT,
                "%,d tenants, each created by tenant-service from its number's first webhook"
                    + " (\"merhaba\"), as in production: all in the database after %.1f s (%s);"
                    + " their greetings answered and every consumer caught up after %.1f s.",
                tenants,
                seconds,
                Report.rate(tenants / seconds),
                greeted))
        .line("")
        .line(
            String.format(
                Locale.ROOT,
                "`%s` (compacted, %d partitions): %,d records (end offsets less start offsets),"
                    + " %s in its log segments on disk, summed over %s.",
                CHANGELOG,
                Topics.TENANT_CHANGELOG.partitions(),
                changelog[0],
                changelog[1] < 0 ? "unknown" : mib(changelog[1]),
                brokers == 3 ? "the three brokers' replicas" : "the broker"))
        .line("")
        .line(
            "Each service's heap after a full GC (`jcmd <pid> GC.class_histogram`, which runs one"
                + " first, then `jvm_memory_used_bytes{area=\"heap\"}` from /actuator/prometheus),"
                + " before the first webhook and after the last greeting: the difference is what"
                + " the tenants cost it (its caches of tenants and Kafka Streams' in-heap stores;"
                + " plus whatever else the greetings left behind), and the classes that grew most"
                + " name the cache. The RSS (VmRSS) shows memory outside the heap too (Kafka"
                + " Streams' RocksDB stores, Netty's direct buffers), but it includes heap the JVM"
                + " reserved and did not give back.")
        .line("")
        .table(
            List.of(
                "service",
                "heap before",
                "heap after",
                "difference",
                "per tenant",
                "RSS before → after",
                "classes that grew most (bytes, instances)"),
            rows);
  }

  private static String mib(long bytes) {
    return String.format(Locale.ROOT, "%.1f MiB", bytes / 1048576.0);
  }

  /** A service's heap after a full GC: bytes (-1: unknown) and the class histogram. */
  record Heap(long bytes, Map<String, ClassHistogram.Entry> classes) {}

  /**
   * Each running service's heap after a full GC ({@code jcmd <pid> GC.class_histogram}, which runs
   * one first and gives the classes; then {@code jvm_memory_used_bytes{area="heap"}}).
   */
  private static Map<String, Heap> heapAfterGc(Context ctx) {
    Map<String, Map<String, ClassHistogram.Entry>> classes = new HashMap<>();
    ctx.running.forEach(
        (id, service) ->
            classes.put(
                id,
                ClassHistogram.parse(
                    Profiles.jcmdOutput(ctx.services.pid(service), "GC.class_histogram"))));
    StageMetrics.Scrape scrape = ctx.scrape();
    Map<String, Heap> heap = new java.util.LinkedHashMap<>();
    ctx.running
        .keySet()
        .forEach(
            id -> {
              Map<String, Double> series = scrape.byService().getOrDefault(id, Map.of());
              double sum = -1;
              for (var e : series.entrySet()) {
                if (e.getKey().startsWith("jvm_memory_used_bytes{")
                    && e.getKey().contains("area=\"heap\"")) {
                  sum = (sum < 0 ? 0 : sum) + e.getValue();
                }
              }
              heap.put(id, new Heap((long) sum, classes.getOrDefault(id, Map.of())));
            });
    return heap;
  }

  /** The tenant changelog's records (end less start offsets) and bytes on disk (-1: unknown). */
  private static long[] changelogSize(Context ctx) throws Exception {
    Map<TopicPartition, OffsetSpec> earliest = new HashMap<>();
    Map<TopicPartition, OffsetSpec> latest = new HashMap<>();
    for (int p = 0; p < Topics.TENANT_CHANGELOG.partitions(); p++) {
      TopicPartition tp = new TopicPartition(CHANGELOG, p);
      earliest.put(tp, OffsetSpec.earliest());
      latest.put(tp, OffsetSpec.latest());
    }
    var admin = ctx.kafka.admin();
    var starts = admin.listOffsets(earliest).all().get(30, TimeUnit.SECONDS);
    var ends = admin.listOffsets(latest).all().get(30, TimeUnit.SECONDS);
    long records = 0;
    for (var e : ends.entrySet()) {
      records += e.getValue().offset() - starts.get(e.getKey()).offset();
    }
    long bytes = -1;
    try {
      List<Integer> brokerIds =
          admin.describeCluster().nodes().get(30, TimeUnit.SECONDS).stream()
              .map(org.apache.kafka.common.Node::id)
              .toList();
      bytes = 0;
      for (var dirs :
          admin.describeLogDirs(brokerIds).allDescriptions().get(30, TimeUnit.SECONDS).values()) {
        for (var dir : dirs.values()) {
          for (var replica : dir.replicaInfos().entrySet()) {
            if (replica.getKey().topic().equals(CHANGELOG)) {
              bytes += replica.getValue().size();
            }
          }
        }
      }
    } catch (Exception e) {
      bytes = -1;
    }
    return new long[] {records, bytes};
  }

  private String provisioned = "";

  private static String phoneNumberId(int i) {
    return String.format(Locale.ROOT, "71%08d", i);
  }

  private List<Context.Tenant> tenants() throws Exception {
    List<Context.Tenant> tenants = new ArrayList<>();
    try (Connection c = DriverManager.getConnection(jdbcUrl, pg.user(), pg.password());
        Statement s = c.createStatement();
        ResultSet rs =
            s.executeQuery(
                "SELECT id, whatsapp_phone_number_id FROM tenants WHERE whatsapp_phone_number_id LIKE '71%'"
                    + " ORDER BY whatsapp_phone_number_id")) {
      while (rs.next()) {
        tenants.add(new Context.Tenant(rs.getObject(1, UUID.class), rs.getString(2)));
      }
    }
    return tenants;
  }

  private void reservations(Context ctx) throws Exception {
    progress.say("[6/9] Reservation commands: warm-up, one per tenant");
    ReservationLoad load = new ReservationLoad(ctx);
    load.warmUp();
    StageMetrics.Scrape before = ctx.scrape();
    CpuShares.Snapshot cpuBefore = CpuShares.take(pids(ctx));
    Profiles profiles = profile(ctx, "reservation");
    progress.say("      %d commands spread over %d tenants", plan.commands(), ctx.tenants.size());
    ReservationLoad.Result spread = load.run(null);
    progress.say(
        "      %s; %d commands with one hot tenant taking half",
        Report.rate(spread.perSecond()), plan.commands());
    ReservationLoad.Result hot = load.run(ctx.tenants.get(0).id());
    progress.say("      %s", Report.rate(hot.perSecond()));
    CpuShares.Snapshot cpuAfter = CpuShares.take(pids(ctx));
    reservationCpu = CpuShares.rows(cpuBefore, cpuAfter, spread.commands() + hot.commands());
    StageMetrics.Scrape after = ctx.scrape();
    List<Profiles.Summary> profiled = profiles.stop(8);
    double r1 = spread.perSecond() / rawSpread.perSecond();
    double r2 = hot.perSecond() / rawHot.perSecond();
    report.summary(
        new Report.Line(
            "3. Reservation",
            "commands, spread over "
                + ctx.tenants.size()
                + " tenants: "
                + Report.rate(spread.perSecond()),
            "raw PostgreSQL insert " + Report.rate(rawSpread.perSecond()),
            r1,
            "≥ 40%",
            r1 >= 0.4));
    report.summary(
        new Report.Line(
            "3. Reservation",
            "commands, one hot tenant taking half: " + Report.rate(hot.perSecond()),
            "raw PostgreSQL insert, half hot " + Report.rate(rawHot.perSecond()),
            r2,
            "≥ 40%",
            r2 >= 0.4));
    Report.Section s =
        report
            .section("3. Reservation commands with conflict checks")
            .line(provisioned + ".")
            .line("")
            .line(
                "Each burst is sent at once to reservation.commands; the rate is the commands over the time"
                    + " from the first sent to the last outcome read on reservation.events; latencies (send to"
                    + " outcome) include the wait in the burst's queue.")
            .line("")
            .table(
                List.of(
                    "scenario",
                    "commands",
                    "commands/s",
                    "confirmed",
                    "p50",
                    "p99",
                    "raw PostgreSQL",
                    "ratio"),
                List.of(
                    row("spread over " + ctx.tenants.size() + " tenants", spread, rawSpread),
                    row("one hot tenant taking half", hot, rawHot)));
    if (r1 < 0.4 || r2 < 0.4) {
      cpuTable(s, reservationCpu, spread.commands() + hot.commands(), "command decided and told");
      whereTheTimeGoes(s, before, after);
      profileTable(s, profiled);
    }
  }

  /** The reservation benchmark's CPU table, for its section. */
  private List<List<String>> reservationCpu;

  private static Map<String, Long> pids(Context ctx) {
    Map<String, Long> pids = new java.util.LinkedHashMap<>();
    ctx.running.forEach((name, service) -> pids.put(name, ctx.services.pid(service)));
    return pids;
  }

  /**
   * Where the machine's CPU went in the window ({@link CpuShares}): on two cores a figure is
   * bounded by the CPU one unit of work costs across every process it crosses.
   */
  private static void cpuTable(
      Report.Section s,
      CpuShares.Snapshot before,
      CpuShares.Snapshot after,
      long units,
      String unit) {
    if (before == null || after == null) {
      return;
    }
    cpuTable(s, CpuShares.rows(before, after, units), units, unit);
  }

  private static void cpuTable(Report.Section s, List<List<String>> rows, long units, String unit) {
    s.line(
            "**Where the CPU goes** (from /proc over the measured window: each process's user and"
                + " system time, every PostgreSQL process together, whichever database it serves;"
                + " "
                + units
                + " units, one "
                + unit
                + "): a figure cannot pass 2 cores ÷ the machine's CPU per unit.")
        .line("")
        .table(CpuShares.HEADER, rows)
        .line("");
  }

  /** JFR recordings of every running service, from now until {@link Profiles#stop}. */
  private Profiles profile(Context ctx, String label) {
    Map<String, Long> pids = new java.util.LinkedHashMap<>();
    ctx.running.forEach((name, service) -> pids.put(name, ctx.services.pid(service)));
    return Profiles.start(pids, work.resolve("profiles"), label);
  }

  private void profileTable(Report.Section s, List<Profiles.Summary> profiled) {
    s.line(
            "**As a profile** (JDK Flight Recorder, `profile` settings, during the same window; the"
                + " recordings are in "
                + home.relativize(work.resolve("profiles"))
                + "): the share of each service's CPU samples whose top frame is the method (self"
                + " time), the first of SahaBot's own methods below it on the same stacks, and the"
                + " rate at which the service allocated.")
        .line("")
        .table(Profiles.HEADER, Profiles.rows(profiled));
  }

  private static List<String> row(String what, ReservationLoad.Result r, Limits.Rate raw) {
    return List.of(
        what,
        Report.count(r.commands()),
        Report.rate(r.perSecond()),
        Report.count(r.confirmed()),
        Report.ms(r.latencyMillis().getValueAtPercentile(50)),
        Report.ms(r.latencyMillis().getValueAtPercentile(99)),
        Report.rate(raw.perSecond()),
        Report.pct(r.perSecond() / raw.perSecond()));
  }

  private void endToEnd(Context ctx) throws Exception {
    try (EndToEnd e2e = new EndToEnd(ctx, List.of(ctx.webhookUrl), 0)) {
      endToEnd(ctx, e2e);
    }
  }

  /**
   * The one-instance run's maximum and p99 there, and its correctness, for the two-instance run.
   */
  private EndToEnd.Result oneInstance;

  private EndToEnd.Correctness oneInstanceCorrectness;

  private void endToEnd(Context ctx, EndToEnd e2e) throws Exception {
    ctx.awaitDrained("the reservation commands");
    progress.say(
        "[7/9] End to end: webhooks in, Graph API calls out; %d in flight, warm-up %d s, %d s measured",
        plan.e2eInFlight(), plan.warmup().toSeconds(), plan.window().toSeconds());
    StageMetrics.Scrape before = ctx.scrape();
    Profiles profiles = profile(ctx, "end-to-end");
    CpuShares.Snapshot cpuBefore = CpuShares.take(pids(ctx));
    long cpuFrom = System.nanoTime();
    EndToEnd.Result max = e2e.maximum(plan.e2eInFlight(), plan.warmup(), plan.window());
    CpuShares.Snapshot cpuAfter = CpuShares.take(pids(ctx));
    // warm-up and window both run at the maximum: the messages of the whole span, at its rate
    long cpuUnits = Math.round((System.nanoTime() - cpuFrom) / 1e9 * max.perSecond());
    StageMetrics.Scrape afterMax = ctx.scrape();
    List<Profiles.Summary> profiled = profiles.stop(8);
    progress.say(
        "      maximum %s (p99 %s, %d without a reply)",
        Report.rate(max.perSecond()), Report.ms(max.percentileMs(99)), max.lost());
    if (max.replied() == 0) {
      throw new IllegalStateException(
          "no webhook was answered through the Graph API; see " + work.resolve("logs"));
    }
    ctx.awaitDrained("the maximum");
    double half = max.perSecond() / 2;
    progress.say(
        "      at half of it, %s offered, for %d s", Report.rate(half), plan.window().toSeconds());
    StageMetrics.Scrape beforeHalf = ctx.scrape();
    Profiles halfProfiles = profile(ctx, "end-to-end-half");
    EndToEnd.Result atHalf = e2e.atRate(half, plan.window());
    StageMetrics.Scrape afterHalf = ctx.scrape();
    List<Profiles.Summary> halfProfiled = halfProfiles.stop(8);
    progress.say(
        "      p50 %s, p99 %s",
        Report.ms(atHalf.percentileMs(50)), Report.ms(atHalf.percentileMs(99)));
    report.summary(
        new Report.Line(
            "4. End to end",
            "messages " + Report.rate(max.perSecond()),
            "sender pace "
                + Report.rate(80.0 * plan.businesses())
                + " ("
                + plan.businesses()
                + " numbers × 80/s)",
            max.perSecond() / (80.0 * plan.businesses()),
            "≥ 1,000/s",
            max.perSecond() >= 1000));
    report.summary(
        new Report.Line(
            "4. End to end",
            "p99 " + Report.ms(atHalf.percentileMs(99)) + " at " + Report.rate(half),
            "p50 " + Report.ms(atHalf.percentileMs(50)),
            Double.NaN,
            "≤ 250 ms",
            atHalf.percentileMs(99) <= 250));
    Report.Section s =
        report
            .section("4. End to end with the offline model")
            .line(
                "Each message is a booking request (\"Pazartesi 20:00-21:00 için saha ayırmak istiyorum\","
                    + " days and hours varied) from a new customer to one of "
                    + plan.businesses()
                    + " business numbers: ingress → tenant-service → agent-service → reservation-service →"
                    + " agent-service → ingress's sender → the Graph API stub. A message is answered when the"
                    + " stub receives the reply quoting it.")
            .line("")
            .table(
                EndToEnd.header(),
                List.of(
                    List.of(
                        "maximum: " + plan.e2eInFlight() + " messages in flight",
                        "as answered",
                        Report.rate(max.perSecond()),
                        Report.ms(max.percentileMs(50)),
                        Report.ms(max.percentileMs(99)),
                        Report.ms(max.percentileMs(99.9)),
                        "" + max.lost(),
                        "" + max.refused()),
                    List.of(
                        "half the maximum, fixed rate",
                        Report.rate(half),
                        Report.rate(atHalf.perSecond()),
                        Report.ms(atHalf.percentileMs(50)),
                        Report.ms(atHalf.percentileMs(99)),
                        Report.ms(atHalf.percentileMs(99.9)),
                        "" + atHalf.lost(),
                        "" + atHalf.refused())));
    if (max.perSecond() < 1000) {
      s.line("**At the maximum**:");
      cpuTable(s, cpuBefore, cpuAfter, cpuUnits, "message answered, at the maximum's rate");
      whereTheTimeGoes(s, before, afterMax);
      profileTable(s, profiled);
    }
    if (atHalf.percentileMs(99) > 250) {
      s.line("**At half the maximum**:");
      whereTheTimeGoes(s, beforeHalf, afterHalf);
      profileTable(s, halfProfiled);
    }
    ctx.awaitDrained("half the maximum");
    EndToEnd.Correctness correct = e2e.correctness(Duration.ofSeconds(60));
    progress.say("      %s", correct.line());
    s.line("**Correctness** (the maximum and the half-rate run): " + correct.line() + ".");
    s.line("");
    oneInstance = max;
    oneInstanceCorrectness = correct;
    report.summary(
        new Report.Line(
            "4. End to end",
            "answered exactly once: "
                + Report.count(correct.once())
                + " of "
                + Report.count(correct.accepted()),
            correct.lost() + " lost, " + correct.duplicated() + " twice",
            Double.NaN,
            "all, once",
            correct.exact()));
  }

  /**
   * Scale shown: a second instance of each service (same jars and consumer groups, its own port,
   * tenant-service its own Kafka Streams state directory, each second instance calling the others'
   * second instances), webhooks posted to the two ingress instances in turn, the maximum measured
   * again and every message checked to be answered exactly once. The second instances are stopped
   * after, so the later benchmarks run as before.
   */
  private void endToEndTwoInstances(Context ctx, Map<String, Services.Service> all)
      throws Exception {
    progress.say("[7b/9] End to end with two instances of each service: starting the second ones");
    Services.Ports second = new Services.Ports(freePort(), freePort(), freePort(), freePort());
    String tenantUrl = "http://localhost:" + second.tenant();
    String agentUrl = "http://localhost:" + second.agent();
    String reservationUrl = "http://localhost:" + second.reservation();
    List<Services.Service> seconds =
        List.of(
            all.get("tenant-service")
                .instance(
                    2,
                    second.tenant(),
                    Map.of(
                        "SAHABOT_TENANT_STATE_DIR",
                        work.resolve("tenant-streams-2").toString(),
                        "SAHABOT_RESERVATION_SERVICE_URL",
                        reservationUrl,
                        "SAHABOT_AGENT_SERVICE_URL",
                        agentUrl)),
            all.get("reservation-service").instance(2, second.reservation(), Map.of()),
            all.get("agent-service")
                .instance(2, second.agent(), Map.of("RESERVATION_SERVICE_URL", reservationUrl)),
            all.get("ingress-service")
                .instance(2, second.ingress(), Map.of("TENANT_SERVICE_URL", tenantUrl)));
    try {
      start(ctx, seconds);
      long t = System.nanoTime();
      boolean stable = ctx.kafka.awaitGroupsStable(Duration.ofMinutes(2));
      progress.say(
          "      consumer groups %s after %d s",
          stable ? "stable" : "still rebalancing", (System.nanoTime() - t) / 1_000_000_000);
      ctx.awaitDrained("the second instances' start");
      List<String> urls =
          List.of(ctx.webhookUrl, "http://127.0.0.1:" + second.ingress() + "/webhook");
      progress.say(
          "      %d in flight over both ingress instances, warm-up %d s, %d s measured",
          plan.e2eInFlight(), plan.warmup().toSeconds(), plan.window().toSeconds());
      try (EndToEnd e2e = new EndToEnd(ctx, urls, SECOND_RUN_MESSAGES)) {
        StageMetrics.Scrape before = ctx.scrape();
        EndToEnd.Result max = e2e.maximum(plan.e2eInFlight(), plan.warmup(), plan.window());
        StageMetrics.Scrape after = ctx.scrape();
        progress.say(
            "      maximum %s (p99 %s, %d without a reply)",
            Report.rate(max.perSecond()), Report.ms(max.percentileMs(99)), max.lost());
        ctx.awaitDrained("the two-instance maximum");
        EndToEnd.Correctness correct = e2e.correctness(Duration.ofSeconds(60));
        progress.say("      %s", correct.line());
        report.summary(
            new Report.Line(
                "4. End to end, 2 instances",
                "messages "
                    + Report.rate(max.perSecond())
                    + ", p99 "
                    + Report.ms(max.percentileMs(99)),
                oneInstance == null
                    ? "–"
                    : "1 instance "
                        + Report.rate(oneInstance.perSecond())
                        + ", p99 "
                        + Report.ms(oneInstance.percentileMs(99)),
                oneInstance == null ? Double.NaN : max.perSecond() / oneInstance.perSecond(),
                "figures hold",
                null));
        report.summary(
            new Report.Line(
                "4. End to end, 2 instances",
                "answered exactly once: "
                    + Report.count(correct.once())
                    + " of "
                    + Report.count(correct.accepted()),
                correct.lost() + " lost, " + correct.duplicated() + " twice",
                Double.NaN,
                "all, once",
                correct.exact()));
        List<List<String>> rows = new ArrayList<>();
        if (oneInstance != null) {
          rows.add(e2eRow("1 instance of each service", oneInstance, oneInstanceCorrectness));
        }
        rows.add(e2eRow("2 instances of each service", max, correct));
        Report.Section s =
            report
                .section("4b. End to end with two instances of each service")
                .line(
                    "A second instance of each service started beside the first (the same jars and"
                        + " consumer groups, its own port; tenant-service its own Kafka Streams"
                        + " state directory), the webhooks posted to the two ingress instances in"
                        + " turn, "
                        + plan.e2eInFlight()
                        + " messages in flight. Both instances share the same "
                        + Runtime.getRuntime().availableProcessors()
                        + " cores, so two are not expected to be faster: what is shown is that the"
                        + " partitions are shared and every message is still answered exactly"
                        + " once. The second instances are stopped after this run.")
                .line("")
                .table(
                    List.of(
                        "run",
                        "replies/s (maximum)",
                        "p50",
                        "p99",
                        "accepted",
                        "answered once",
                        "lost",
                        "answered twice"),
                    rows)
                .line(
                    "Each instance's share of the work (the timers of each instance during the"
                        + " two-instance maximum; calls split between `name` and `name-2`):");
        s.line("");
        s.table(StageMetrics.HEADER, StageMetrics.rows(StageMetrics.between(before, after, 3)));
      }
    } finally {
      for (Services.Service s : seconds) {
        ctx.services.stop(s);
        ctx.running.remove(s.id());
      }
    }
  }

  private static List<String> e2eRow(String run, EndToEnd.Result r, EndToEnd.Correctness c) {
    return List.of(
        run,
        Report.rate(r.perSecond()),
        Report.ms(r.percentileMs(50)),
        Report.ms(r.percentileMs(99)),
        Report.count(c.accepted()),
        Report.count(c.once()),
        "" + c.lost(),
        "" + c.duplicated());
  }

  private void sender(Context ctx) throws Exception {
    List<String> numbers = new ArrayList<>(SenderLoad.numbers(100));
    numbers.add(SenderLoad.ONE_NUMBER);
    SenderLoad load =
        new SenderLoad(ctx, SenderLoad.tenants(jdbcUrl, pg.user(), pg.password(), numbers));
    int pace = 80;
    progress.say(
        "[8/9] Sender: one number's pace over %d s, then 100 numbers × %d messages",
        plan.senderWindow().toSeconds(), plan.senderPerNumber());
    double one = load.perNumber(SenderLoad.ONE_NUMBER, pace, plan.senderWindow());
    progress.say("      one number: %s", Report.rate(one));
    StageMetrics.Scrape before = ctx.scrape();
    Profiles profiles = profile(ctx, "sender");
    CpuShares.Snapshot cpuBefore = CpuShares.take(pids(ctx));
    double across = load.acrossNumbers(100, plan.senderPerNumber());
    CpuShares.Snapshot cpuAfter = CpuShares.take(pids(ctx));
    StageMetrics.Scrape after = ctx.scrape();
    List<Profiles.Summary> profiled = profiles.stop(8);
    progress.say("      100 numbers: %s", Report.rate(across));
    double deviation = Math.abs(one - pace) / pace;
    report.summary(
        new Report.Line(
            "6. Sender",
            "one number " + Report.rate(one),
            "configured pace 80/s",
            one / pace,
            "80/s within 5%",
            deviation <= 0.05));
    report.summary(
        new Report.Line(
            "6. Sender",
            "100 numbers " + Report.rate(across),
            "pace bound " + Report.rate(100.0 * pace),
            across / (100.0 * pace),
            "≥ 1,000/s",
            across >= 1000));
    Report.Section s =
        report
            .section("6. Sender against the Graph API stub")
            .line(
                "OutboundMessages produced straight to whatsapp.outbound; the stub times each call. One"
                    + " number: a backlog of "
                    + (pace * (plan.senderWindow().toSeconds() + 3))
                    + " messages, the calls counted over "
                    + plan.senderWindow().toSeconds()
                    + " whole seconds from 1 s after the first. 100 numbers: "
                    + 100 * plan.senderPerNumber()
                    + " messages, the rate between the 10th and 90th percentile of arrivals.")
            .line("")
            .table(
                List.of("run", "calls/s", "bound", "ratio"),
                List.of(
                    List.of(
                        "one number",
                        Report.rate(one),
                        "80/s (WHATSAPP_RATE_PER_SECOND)",
                        Report.pct(one / pace)),
                    List.of(
                        "100 numbers",
                        Report.rate(across),
                        Report.rate(100.0 * pace),
                        Report.pct(across / (100.0 * pace)))));
    s.line("");
    cpuTable(
        s, cpuBefore, cpuAfter, 100L * plan.senderPerNumber(), "message sent across 100 numbers");
    if (deviation > 0.05 || across < 1000) {
      s.line("**Across 100 numbers**:");
      whereTheTimeGoes(s, before, after);
      profileTable(s, profiled);
    }
  }

  private void agent(Context ctx, Services.Service agent) throws Exception {
    ctx.awaitDrained("the sender");
    progress.say("[9/9] Agent with a simulated 1 s model: restarting agent-service with it");
    ctx.services.stop(agent);
    Services.Service slow = agent.with(Map.of("SAHABOT_AGENT_SIMULATEDMODELLATENCY", "1s"));
    start(ctx, List.of(slow));
    List<List<String>> rows = new ArrayList<>();
    StageMetrics.Scrape before = null;
    Profiles profiles = null;
    boolean short90 = false;
    try (AgentLoad load = new AgentLoad(ctx)) {
      if (!load.awaitReady(Duration.ofMinutes(2))) {
        throw new IllegalStateException(
            "agent-service did not answer a first message in 2 minutes; see "
                + ctx.services.log(slow));
      }
      before = ctx.scrape();
      profiles = profile(ctx, "agent");
      List<Integer> levels = plan.agentLevels();
      for (int i = 0; i < levels.size(); i++) {
        int n = levels.get(i);
        progress.say(
            "      %d conversations in flight: warm-up %d s, %d s measured",
            n, plan.warmup().toSeconds(), plan.agentWindow().toSeconds());
        AgentLoad.Result r = load.run(i, n, plan.warmup(), plan.agentWindow());
        double bound = n / 1.0;
        double ratio = r.perSecond() / bound;
        short90 |= ratio < 0.9;
        progress.say(
            "      %s (bound %s), p50 %s",
            Report.rate(r.perSecond()), Report.rate(bound), Report.ms(r.percentileMs(50)));
        report.summary(
            new Report.Line(
                "5. Agent",
                n + " in flight: " + Report.rate(r.perSecond()),
                "bound " + n + " / 1 s = " + Report.rate(bound),
                ratio,
                "≥ 90%",
                ratio >= 0.9));
        rows.add(
            List.of(
                "" + n,
                Report.count(r.replies()),
                Report.rate(r.perSecond()),
                Report.ms(r.percentileMs(50)),
                Report.ms(r.percentileMs(99)),
                Report.rate(bound),
                Report.pct(ratio)));
      }
    }
    StageMetrics.Scrape after = ctx.scrape();
    List<Profiles.Summary> profiled = profiles.stop(8);
    Report.Section s =
        report
            .section("5. Agent with a simulated model latency of 1 s")
            .line(
                "agent-service restarted with SAHABOT_AGENT_SIMULATEDMODELLATENCY=1s; messages (\"merhaba\")"
                    + " produced to whatsapp.inbound.messages for "
                    + plan.businesses()
                    + " tenants, replies read on"
                    + " whatsapp.outbound; each conversation sends its next message when the last is answered.")
            .line("")
            .table(
                List.of(
                    "conversations in flight",
                    "replies",
                    "replies/s",
                    "p50",
                    "p99",
                    "bound (in flight / 1 s)",
                    "ratio"),
                rows);
    if (short90) {
      whereTheTimeGoes(s, before, after);
      profileTable(s, profiled);
    }
  }

  private void memory(Context ctx) {
    List<List<String>> rows = new ArrayList<>();
    ctx.running.forEach(
        (name, service) -> {
          long pid = ctx.services.pid(service);
          rows.add(List.of(name, "" + pid, rss(pid)));
        });
    report
        .section("7. Memory (RSS) of each service at the end")
        .line(
            "VmRSS from /proc/<pid>/status; JVM options "
                + String.join(" ", jvmOptions)
                + (e2eOnly
                    ? "."
                    : ". agent-service was restarted for benchmark 5, so its figure covers that run"
                        + " only."))
        .line("")
        .table(List.of("service", "pid", "RSS"), rows);
  }

  /** Each running service's VmRSS in KiB (-1: unknown). */
  private static Map<String, Long> rssKb(Context ctx) {
    Map<String, Long> rss = new java.util.LinkedHashMap<>();
    ctx.running.forEach((id, service) -> rss.put(id, rssKb(ctx.services.pid(service))));
    return rss;
  }

  static long rssKb(long pid) {
    try {
      for (String line : Files.readAllLines(Path.of("/proc/" + pid + "/status"))) {
        if (line.startsWith("VmRSS:")) {
          return Long.parseLong(line.replaceAll("[^0-9]", ""));
        }
      }
    } catch (IOException | NumberFormatException e) {
      return -1;
    }
    return -1;
  }

  static String rss(long pid) {
    try {
      for (String line : Files.readAllLines(Path.of("/proc/" + pid + "/status"))) {
        if (line.startsWith("VmRSS:")) {
          long kb = Long.parseLong(line.replaceAll("[^0-9]", ""));
          return String.format(Locale.ROOT, "%,d MiB", kb / 1024);
        }
      }
    } catch (IOException | NumberFormatException e) {
      return "unknown (" + e.getMessage() + ")";
    }
    return "unknown";
  }

  private static void whereTheTimeGoes(
      Report.Section s, StageMetrics.Scrape before, StageMetrics.Scrape after) {
    List<StageMetrics.Stage> stages = StageMetrics.between(before, after, 6);
    s.line(
            "Where the time goes (the services' timers during this run, most total time first per service):")
        .line("")
        .table(StageMetrics.HEADER, StageMetrics.rows(stages));
    List<String> gaps = StageMetrics.gaps(before, after, stages);
    if (!gaps.isEmpty()) {
      s.line("Not in the table: " + String.join("; ", gaps) + ".").line("");
    }
  }

  // ---- machine, versions --------------------------------------------------------------------

  private List<List<String>> machine() {
    List<List<String>> rows = new ArrayList<>();
    rows.add(
        List.of(
            "machine",
            Runtime.getRuntime().availableProcessors()
                + " cores, "
                + memTotal()
                + " memory, "
                + cpuModel()));
    rows.add(
        List.of(
            "load average",
            "at start "
                + loadAtStart
                + ", at the end "
                + loadAverage()
                + " (above the core count, other work shares the machine and the figures shrink)"));
    rows.add(
        List.of(
            "JDK",
            System.getProperty("java.vm.vendor")
                + " "
                + System.getProperty("java.runtime.version")));
    rows.add(List.of("OS", System.getProperty("os.name") + " " + System.getProperty("os.version")));
    rows.add(List.of("SahaBot", "0.1.0-SNAPSHOT, " + git()));
    versions.forEach((k, v) -> rows.add(List.of(k, v)));
    rows.add(
        List.of("services", "their executable jars, JVM options " + String.join(" ", jvmOptions)));
    return rows;
  }

  private static String loadAverage() {
    return String.format(
        Locale.ROOT, "%.1f", ManagementFactory.getOperatingSystemMXBean().getSystemLoadAverage());
  }

  private static String memTotal() {
    try {
      for (String line : Files.readAllLines(Path.of("/proc/meminfo"))) {
        if (line.startsWith("MemTotal:")) {
          return (Long.parseLong(line.replaceAll("[^0-9]", "")) >> 20) + " GiB";
        }
      }
    } catch (IOException | NumberFormatException e) {
      // not Linux
    }
    return "unknown";
  }

  private static String cpuModel() {
    try {
      for (String line : Files.readAllLines(Path.of("/proc/cpuinfo"))) {
        if (line.startsWith("model name")) {
          return line.substring(line.indexOf(':') + 1).trim();
        }
      }
    } catch (IOException e) {
      // not Linux
    }
    return "unknown CPU";
  }

  private String git() {
    try {
      Process p =
          new ProcessBuilder("git", "describe", "--always", "--dirty")
              .directory(home.toFile())
              .start();
      String out = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8).trim();
      return p.waitFor() == 0 ? "commit " + out : "commit unknown";
    } catch (IOException e) {
      return "commit unknown";
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      return "commit unknown";
    }
  }

  private String springBootVersion() {
    Path jar = home.resolve("ingress-service/target/ingress-service-0.1.0-SNAPSHOT-exec.jar");
    try (java.util.jar.JarFile file = new java.util.jar.JarFile(jar.toFile())) {
      String v = file.getManifest().getMainAttributes().getValue("Spring-Boot-Version");
      return v == null ? "unknown" : v;
    } catch (IOException e) {
      return "unknown";
    }
  }

  private String postgresVersion() throws Exception {
    try (Connection c = DriverManager.getConnection(jdbcUrl, pg.user(), pg.password());
        Statement s = c.createStatement();
        ResultSet rs = s.executeQuery("SHOW server_version")) {
      rs.next();
      return rs.getString(1);
    }
  }

  private static int freePort() throws IOException {
    try (ServerSocket socket = new ServerSocket(0)) {
      return socket.getLocalPort();
    }
  }

  /**
   * Kafka's log and an embedded PostgreSQL's data are gigabytes after a run: only the logs stay.
   */
  private void dropData() {
    try {
      SahaBotLocal.deleteRecursively(work.resolve("kafka"));
      SahaBotLocal.deleteRecursively(work.resolve("postgres"));
      if (pg != null && !pg.isEmbedded()) {
        pg.dropDatabase(DATABASE);
      }
    } catch (IOException e) {
      progress.say("could not delete the run's data: %s", e.getMessage());
    }
  }

  /** Stops the services (children first), then Kafka and PostgreSQL; safe to call twice. */
  private void closeAll() {
    synchronized (resources) {
      while (!resources.isEmpty()) {
        try {
          resources.pop().close();
        } catch (Exception e) {
          System.err.println("stopping: " + e.getMessage());
        }
      }
    }
  }
}
