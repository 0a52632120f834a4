package io.sahabot.bench;

import io.sahabot.local.Cli;
import io.sahabot.local.LocalKafka;
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
 * {@code ./sahabot bench [--quick] [--ingress]}: the whole benchmark suite in one run on this
 * machine: the limits first (bare WebFlux endpoint, raw Kafka producer, raw PostgreSQL insert),
 * then the four services' jars on a fresh Kafka and database, driven over their public interfaces
 * (HTTP and Kafka), and one Markdown report, printed and written under {@code benchmarks/target/}.
 * It exits non-zero only when something breaks, never because a figure is short.
 */
public final class BenchmarkSuite {

  static final String APP_SECRET = "bench-app-secret";
  static final String DATABASE = "sahabot_bench";

  /** The raw insert's connection counts, swept: the limit is the best of them. */
  static final int[] RESERVATION_CONNECTIONS = {4, 8, 16, 32};

  static final String DEFAULT_JVM_OPTIONS = "-Xmx512m -XX:+UseSerialGC";
  static final List<String> JVM_OPTIONS = List.of(DEFAULT_JVM_OPTIONS.split(" "));

  private final Deque<AutoCloseable> resources = new ArrayDeque<>();
  private final Report report = new Report();
  private final Plan plan;
  private final boolean ingressOnly;
  private final Progress progress;
  private final Path home;
  private final Path work;
  private final List<String> jvmOptions;
  private final Map<String, String> versions = new java.util.LinkedHashMap<>();
  private String loadAtStart;

  private BenchmarkSuite(Plan plan, boolean ingressOnly, Path home, List<String> jvmOptions) {
    this.plan = plan;
    this.ingressOnly = ingressOnly;
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
        "Runs the benchmark suite (full: under 15 minutes on 2 cores; --quick: about 4)",
        "and writes the report to benchmarks/target/benchmark-report.md."
      },
      footer = {
        "",
        "env SAHABOT_BENCH_JVM_OPTIONS: the services' JVM options (default "
            + DEFAULT_JVM_OPTIONS
            + ")"
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

    /** Whether the arguments asked for a run (not --help, not an error). */
    boolean parsed;

    @Override
    public Integer call() {
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
            arguments.quick ? Plan.quick() : Plan.full(),
            arguments.ingressOnly,
            Path.of("").toAbsolutePath(),
            options == null || options.isBlank()
                ? JVM_OPTIONS
                : List.of(options.trim().split("\\s+")));
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
        "SahaBot benchmark suite, %s mode%s; data under %s",
        plan.name(), ingressOnly ? ", ingress only" : "", work);
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
    LocalKafka localKafka = LocalKafka.start(work, freePort(), freePort());
    resources.push(localKafka);
    Kafka kafka = new Kafka(localKafka.bootstrapServers());
    resources.push(kafka);
    versions.put(
        "PostgreSQL", postgresVersion() + (pg.isEmbedded() ? " (embedded)" : " (local server)"));
    versions.put(
        "Kafka",
        org.apache.kafka.common.utils.AppInfoParser.getVersion() + " (KRaft, in the suite's JVM)");

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
    limits(ctx);
    return ctx;
  }

  private HttpLoad.Result bare;
  private List<Limits.Rate> rawKafka;
  private Limits.Rate rawSpread;
  private Limits.Rate rawHot;
  private final List<List<String>> rawSweep = new ArrayList<>();
  private int rawSpreadConnections;
  private int rawHotConnections;
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
        "      raw Kafka producer, %d B records, acks=all, idempotent: %d s awaited, %d s pipelined",
        record.length, plan.rawWindow().toSeconds(), plan.rawWindow().toSeconds());
    rawKafka = Limits.rawKafka(ctx.kafka, record, plan.rawWindow(), IngressLoad.CONNECTIONS);
    progress.say(
        "      raw Kafka: %s awaited, %s pipelined",
        Report.rate(rawKafka.get(0).perSecond()), Report.rate(rawKafka.get(1).perSecond()));
    if (!ingressOnly) {
      progress.say(
          "      raw PostgreSQL reservation insert (RLS, exclusion constraint), %d tenants, at %s"
              + " connections",
          plan.tenants(), Arrays.toString(RESERVATION_CONNECTIONS));
      List<long[]> tenants = Limits.rawTenants(jdbcUrl, pg.user(), pg.password(), plan.tenants());
      Duration level = plan.rawWindow().dividedBy(2);
      for (int connections : RESERVATION_CONNECTIONS) {
        Limits.Rate spread =
            Limits.rawPostgres(jdbcUrl, "sahabot_app", "", tenants, connections, level, false);
        Limits.Rate hot =
            Limits.rawPostgres(jdbcUrl, "sahabot_app", "", tenants, connections, level, true);
        progress.say(
            "      %2d connections: %s spread, %s half hot",
            connections, Report.rate(spread.perSecond()), Report.rate(hot.perSecond()));
        rawSweep.add(
            List.of(
                connections + " connections",
                Report.rate(spread.perSecond()),
                Report.ms(spread.p99()),
                Report.rate(hot.perSecond()),
                Report.ms(hot.p99())));
        if (rawSpread == null || spread.perSecond() > rawSpread.perSecond()) {
          rawSpread = spread;
          rawSpreadConnections = connections;
        }
        if (rawHot == null || hot.perSecond() > rawHot.perSecond()) {
          rawHot = hot;
          rawHotConnections = connections;
        }
      }
      Limits.dropRawTenants(jdbcUrl, pg.user(), pg.password());
      progress.say(
          "      raw PostgreSQL: %s spread, %s half hot",
          Report.rate(rawSpread.perSecond()), Report.rate(rawHot.perSecond()));
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
                + " B, acks=all, idempotent, "
                + IngressLoad.CONNECTIONS
                + " sends in flight each awaited",
            Report.rate(rawKafka.get(0).perSecond()),
            Report.ms(rawKafka.get(0).p50()),
            Report.ms(rawKafka.get(0).p99()),
            Topics.WHATSAPP_INBOUND_RAW.partitions() + " partitions"));
    rows.add(
        List.of(
            "raw Kafka producer, pipelined (the broker's ceiling)",
            Report.rate(rawKafka.get(1).perSecond()),
            "–",
            "–",
            rawKafka.get(1).refused() + " failed"));
    if (!ingressOnly) {
      rows.add(
          List.of(
              "raw PostgreSQL reservation insert, spread over " + plan.tenants() + " tenants",
              Report.rate(rawSpread.perSecond()),
              Report.ms(rawSpread.p50()),
              Report.ms(rawSpread.p99()),
              "the best of the sweep below: "
                  + rawSpreadConnections
                  + " connections as sahabot_app, set_config('app.tenant_id'), one transaction"
                  + " each; "
                  + rawSpread.refused()
                  + " refused by the constraint"));
      rows.add(
          List.of(
              "raw PostgreSQL reservation insert, one tenant taking half",
              Report.rate(rawHot.perSecond()),
              Report.ms(rawHot.p50()),
              Report.ms(rawHot.p99()),
              "the best of the sweep: "
                  + rawHotConnections
                  + " connections; "
                  + rawHot.refused()
                  + " refused by the constraint"));
    }
    Report.Section limits =
        report
            .section("1. Limits (measured first, nothing else running)")
            .table(List.of("limit", "rate", "p50", "p99", "notes"), rows);
    if (!rawSweep.isEmpty()) {
      limits
          .line("The raw insert at each connection count (the limit above is the best):")
          .line("")
          .table(List.of("raw insert", "spread", "p99", "half hot", "p99"), rawSweep);
    }
  }

  // ---- the services -------------------------------------------------------------------------

  private void startServicesAndRun(Context ctx) throws Exception {
    Services.Ports ports = new Services.Ports(freePort(), freePort(), freePort(), freePort());
    Map<String, Services.Service> all = new java.util.LinkedHashMap<>();
    for (Services.Service s :
        Services.on(
            ports, ctx.kafka.bootstrap(), pg.r2dbcUrl(DATABASE), Services.Logins.LOCAL, work)) {
      all.put(s.name(), s);
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

    progress.say("[3/9] Ingress alone (the others are not started yet, so nothing else runs)");
    start(ctx, List.of(all.get("ingress-service")));
    ctx.webhookUrl = "http://127.0.0.1:" + ports.ingress() + "/webhook";
    ingress(ctx);
    if (ingressOnly) {
      return;
    }
    forgetIngressRecords(ctx);

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
    guarded("6. Sender", () -> sender(ctx));
    guarded("5. Agent", () -> agent(ctx, all.get("agent-service")));
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
      ctx.running.put(s.name(), s);
    }
    for (Services.Service s : services) {
      if (!ctx.services.awaitUp(s, Duration.ofSeconds(240))) {
        throw new IllegalStateException(s.name() + " did not come up; see " + ctx.services.log(s));
      }
    }
    progress.say("      up in %d s", (System.nanoTime() - t) / 1_000_000_000);
  }

  private void ingress(Context ctx) {
    StageMetrics.Scrape before = ctx.scrape();
    HttpLoad.Result r = ingressLoad.run(ctx, "ingress POST /webhook", ctx.webhookUrl);
    StageMetrics.Scrape after = ctx.scrape();
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
                        Report.pct(r.perSecond() / rawKafka.get(0).perSecond()))));
    s.line(
        "Ingress ran alone; its records on whatsapp.inbound.raw were then deleted, so the other"
            + " services never process this load.");
    if (ratio < 0.5 || r.percentileMs(99) > 50) {
      whereTheTimeGoes(s, before, after);
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
    long t = System.nanoTime();
    try (HttpLoad http = new HttpLoad(IngressLoad.CONNECTIONS)) {
      long ok = http.sendAll(ctx.webhookUrl, first);
      if (ok != first.size()) {
        throw new IllegalStateException((first.size() - ok) + " first webhooks were not accepted");
      }
    }
    long deadline = System.nanoTime() + Duration.ofMinutes(3).toNanos();
    List<Context.Tenant> tenants = tenants();
    while (tenants.size() < plan.tenants()) {
      if (System.nanoTime() > deadline) {
        throw new IllegalStateException(
            "only "
                + tenants.size()
                + " of "
                + plan.tenants()
                + " tenants provisioned in 3 minutes");
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
    provisioned =
        String.format(
            Locale.ROOT,
            "%d tenants provisioned by their first webhook in %.1f s (%s)",
            tenants.size(),
            seconds,
            Report.rate(tenants.size() / seconds));
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
    Profiles profiles = profile(ctx, "reservation");
    progress.say("      %d commands spread over %d tenants", plan.commands(), ctx.tenants.size());
    ReservationLoad.Result spread = load.run(null);
    progress.say(
        "      %s; %d commands with one hot tenant taking half",
        Report.rate(spread.perSecond()), plan.commands());
    ReservationLoad.Result hot = load.run(ctx.tenants.get(0).id());
    progress.say("      %s", Report.rate(hot.perSecond()));
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
      whereTheTimeGoes(s, before, after);
      profileTable(s, profiled);
    }
  }

  /** JFR recordings of every running service, from now until {@link Profiles#stop}. */
  private Profiles profile(Context ctx, String label) throws IOException {
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
                + " time), and the rate at which it allocated.")
        .line("")
        .table(
            List.of("service", "CPU samples", "allocation", "top frames (self time)"),
            Profiles.rows(profiled));
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
    EndToEnd e2e = new EndToEnd(ctx);
    ctx.awaitDrained("the reservation commands");
    progress.say(
        "[7/9] End to end: webhooks in, Graph API calls out; %d in flight, warm-up %d s, %d s measured",
        plan.e2eInFlight(), plan.warmup().toSeconds(), plan.window().toSeconds());
    StageMetrics.Scrape before = ctx.scrape();
    Profiles profiles = profile(ctx, "end-to-end");
    EndToEnd.Result max = e2e.maximum(plan.e2eInFlight(), plan.warmup(), plan.window());
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
    EndToEnd.Result atHalf = e2e.atRate(half, plan.window());
    StageMetrics.Scrape afterHalf = ctx.scrape();
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
      whereTheTimeGoes(s, before, afterMax);
      profileTable(s, profiled);
    }
    if (atHalf.percentileMs(99) > 250) {
      s.line("**At half the maximum**:");
      whereTheTimeGoes(s, beforeHalf, afterHalf);
    }
    ctx.awaitDrained("half the maximum");
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
    double across = load.acrossNumbers(100, plan.senderPerNumber());
    StageMetrics.Scrape after = ctx.scrape();
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
    if (deviation > 0.05 || across < 1000) {
      whereTheTimeGoes(s, before, after);
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
    boolean short90 = false;
    try (AgentLoad load = new AgentLoad(ctx)) {
      if (!load.awaitReady(Duration.ofMinutes(2))) {
        throw new IllegalStateException(
            "agent-service did not answer a first message in 2 minutes; see "
                + ctx.services.log(slow));
      }
      before = ctx.scrape();
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
                + ". agent-service was restarted for benchmark 5, so its figure covers that run only.")
        .line("")
        .table(List.of("service", "pid", "RSS"), rows);
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
