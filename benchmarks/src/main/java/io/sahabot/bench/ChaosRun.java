package io.sahabot.bench;

import io.sahabot.local.Cli;
import io.sahabot.local.LocalKafka;
import io.sahabot.local.LocalKafkaCluster;
import io.sahabot.local.LocalPostgres;
import io.sahabot.local.MigrateCommand;
import io.sahabot.local.SahaBotLocal;
import io.sahabot.local.Services;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.PrintStream;
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
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.Callable;
import java.util.concurrent.TimeUnit;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;

/**
 * {@code ./sahabot chaos}: the whole system under a steady load of customers' conversations, and
 * one fault after another: each service killed (SIGKILL) and started again, the broker restarted,
 * PostgreSQL stopped for 30 s, the database replaced by a backup taken a minute earlier, the Graph
 * API slow and then failing. For each fault one row: messages in, customers answered, replies lost
 * and duplicated, reservations booked against confirmations told, the time to recover. The report
 * goes to {@code benchmarks/target/chaos-report.md}.
 */
final class ChaosRun {

  static final String APP_SECRET = "chaos-app-secret";
  static final String DATABASE = "sahabot_chaos";
  private static final List<String> JVM_OPTIONS = List.of("-Xmx384m", "-XX:+UseSerialGC");
  private static final Duration STEADY = Duration.ofSeconds(15);
  private static final Duration SETTLE = Duration.ofSeconds(60);

  /** A fault: what it does, given the run; returns when the fault is over (the repair begun). */
  interface Fault {
    void inject(ChaosRun run) throws Exception;
  }

  /** One row of the report: a fault and the window of messages it is judged on. */
  record Phase(String name, long fromMillis, long faultEndMillis, long toMillis, String note) {}

  private final Deque<AutoCloseable> resources = new ArrayDeque<>();
  private final Progress progress = new Progress(System.out);
  private final Path home;
  private final Path work;
  private final boolean quick;

  /** The faults of {@code --faults}, or null for all (or {@code --quick}'s). */
  private final List<String> only;

  private final int businesses;
  private final int users;
  private final int pgPort;
  private final int kafkaPort;
  private final int controllerPort;
  private LocalPostgres pg;
  private LocalKafka kafka;
  private LocalKafkaCluster cluster;
  private final int brokers;
  private ChaosGraphStub graph;
  private Services services;
  private final Map<String, Services.Service> all = new LinkedHashMap<>();
  private ChaosLoad load;
  private final List<Phase> phases = new ArrayList<>();

  private ChaosRun(
      Path home, boolean quick, int businesses, int users, int brokers, List<String> only)
      throws IOException {
    this.home = home;
    this.only = only;
    this.brokers = brokers;
    this.work = home.resolve("benchmarks/target/chaos");
    this.quick = quick;
    this.businesses = businesses;
    this.users = users;
    this.pgPort = freePort();
    this.kafkaPort = freePort();
    this.controllerPort = freePort();
  }

  /** {@code ./sahabot chaos}'s options; parsing them runs nothing. */
  @Command(
      name = "chaos",
      header = "the system under load while its parts fail, one after another",
      sortOptions = false,
      description = {
        "Starts Kafka, an embedded PostgreSQL, the four services and a Graph API stub, drives",
        "customers' conversations with many businesses, and injects one fault at a time. Prints a",
        "row per fault and writes benchmarks/target/chaos-report.md (full: about 20 minutes on 2",
        "cores; --quick: about 8)."
      })
  static final class Arguments implements Callable<Integer> {

    @Mixin private Cli.Help help;

    @Option(
        names = "--quick",
        description = "four faults (agent and reservation killed, PostgreSQL, slow Graph API)")
    boolean quick;

    @Option(
        names = "--businesses",
        paramLabel = "N",
        description = "businesses the customers write to (default ${DEFAULT-VALUE})")
    int businesses = 50;

    @Option(
        names = "--customers",
        paramLabel = "N",
        description = "customers writing at once (default ${DEFAULT-VALUE})")
    int users = 30;

    @Option(
        names = "--brokers",
        paramLabel = "N",
        description =
            "1 (default: one in-process KRaft node) or 3 (three KRaft processes, replication 3,"
                + " min.insync.replicas 2; the broker fault then kills one of them)")
    int brokers = 1;

    @Option(
        names = "--faults",
        split = ",",
        paramLabel = "NAME",
        description =
            "only these faults, in their usual order: tenant, reservation, agent, ingress, broker,"
                + " postgres, backup, slow-graph, graph-500 (default: all, or --quick's four)")
    List<String> faults;

    boolean parsed;

    @Override
    public Integer call() {
      if (faults != null) {
        List<String> unknown = faults.stream().filter(f -> !FAULT_NAMES.contains(f)).toList();
        if (!unknown.isEmpty()) {
          throw new IllegalArgumentException(
              "unknown fault "
                  + String.join(", ", unknown)
                  + "; the faults are "
                  + String.join(", ", FAULT_NAMES));
        }
      }
      parsed = true;
      return 0;
    }
  }

  public static void main(String[] args) throws Exception {
    SahaBotLocal.quietLibraries();
    Arguments arguments = new Arguments();
    int code = Cli.run(arguments, Arrays.asList(args), System.getenv(), System.out, System.err);
    if (!arguments.parsed) {
      System.exit(code);
    }
    ChaosRun run =
        new ChaosRun(
            Path.of("").toAbsolutePath(),
            arguments.quick,
            Math.max(1, arguments.businesses),
            Math.max(1, arguments.users),
            arguments.brokers >= 3 ? 3 : 1,
            arguments.faults);
    Runtime.getRuntime().addShutdownHook(new Thread(run::closeAll, "chaos-shutdown"));
    System.exit(run.run());
  }

  private int run() {
    try {
      SahaBotLocal.deleteRecursively(work);
      Files.createDirectories(work);
      start();
      Map<String, Fault> faults = faults();
      progress.say(
          "[4/5] %d customers at a time write to %d businesses; %d faults, one after another",
          users, businesses, faults.size());
      load.start();
      for (Map.Entry<String, Fault> fault : faults.entrySet()) {
        phase(fault.getKey(), fault.getValue());
      }
      load.stop();
      progress.say("[5/5] Load stopped; %d s for the last outcomes", SETTLE.toSeconds());
      TimeUnit.MILLISECONDS.sleep(SETTLE.toMillis());
      String report = report();
      Path file = home.resolve("benchmarks/target/chaos-report.md");
      Files.writeString(file, report);
      System.out.println();
      System.out.println(report);
      progress.say("Report: %s", file);
      return 0;
    } catch (Exception e) {
      progress.say("The chaos run failed: %s", e);
      e.printStackTrace(System.err);
      return 1;
    } finally {
      closeAll();
    }
  }

  private void start() throws Exception {
    progress.say("[1/5] PostgreSQL (embedded, so that it can be stopped) and Kafka under %s", work);
    pg = startPostgres();
    ByteArrayOutputStream migrations = new ByteArrayOutputStream();
    PrintStream migrationOut = new PrintStream(migrations, true, StandardCharsets.UTF_8);
    if (new MigrateCommand(migrationOut, migrationOut)
            .migrate(pg.jdbcUrl(DATABASE), pg.user(), pg.password(), null)
        != 0) {
      throw new IllegalStateException(
          "the migrations failed: " + migrations.toString(StandardCharsets.UTF_8));
    }
    String bootstrap;
    if (brokers == 3) {
      cluster =
          LocalKafkaCluster.start(
              work,
              List.of(freePort(), freePort(), freePort()),
              List.of(freePort(), freePort(), freePort()));
      bootstrap = cluster.bootstrapServers();
    } else {
      kafka = LocalKafka.start(work, kafkaPort, controllerPort);
      bootstrap = kafka.bootstrapServers();
    }
    graph = new ChaosGraphStub(work.resolve("graph-journal.jsonl"));
    resources.push(graph);
    services = new Services(home, work.resolve("logs"), System.out, JVM_OPTIONS);
    resources.push(services);
    Services.Ports ports = new Services.Ports(freePort(), freePort(), freePort(), freePort());
    for (Services.Service s :
        Services.on(ports, bootstrap, pg.r2dbcUrl(DATABASE), Services.Logins.LOCAL, work)) {
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
                    graph.baseUrl(),
                    "WHATSAPP_ACCESS_TOKEN",
                    "chaos-deployment-token",
                    "WHATSAPP_APP_SECRETS",
                    APP_SECRET)));
    progress.say("[2/5] The four services");
    long t = System.nanoTime();
    for (Services.Service s : all.values()) {
      services.start(s);
    }
    for (Services.Service s : all.values()) {
      if (!services.awaitUp(s, Duration.ofSeconds(240))) {
        throw new IllegalStateException(s.name() + " did not come up; see " + services.log(s));
      }
    }
    progress.say("      up in %d s", (System.nanoTime() - t) / 1_000_000_000);
    List<String> numbers = new ArrayList<>();
    for (int i = 0; i < businesses; i++) {
      numbers.add(String.format(Locale.ROOT, "7%08d", 10_000 + i));
    }
    reservationUrl = "http://127.0.0.1:" + ports.reservation();
    String webhookUrl = "http://127.0.0.1:" + ports.ingress() + "/webhook";
    load = new ChaosLoad(webhookUrl, new Webhooks(APP_SECRET), numbers, users);
    resources.push(load);
    graph.listen(load::replied);
    progress.say("[3/5] Provisioning %d businesses by a first message to each", businesses);
    t = System.nanoTime();
    long answered = load.warmUp(Duration.ofMinutes(3));
    progress.say(
        "      %d of %d answered in %d s",
        answered, businesses, (System.nanoTime() - t) / 1_000_000_000);
  }

  private LocalPostgres startPostgres() throws IOException {
    // A port nothing answers on, so that LocalPostgres starts its embedded server on pgPort.
    return LocalPostgres.start(work, "localhost", freePort(), "postgres", "", pgPort);
  }

  /** The short names {@code --faults} takes, in the order the faults run. */
  static final List<String> FAULT_NAMES =
      List.of(
          "tenant",
          "reservation",
          "agent",
          "ingress",
          "broker",
          "postgres",
          "backup",
          "slow-graph",
          "graph-500");

  private static final List<String> QUICK_FAULTS =
      List.of("reservation", "agent", "postgres", "slow-graph");

  private Map<String, Fault> faults() {
    Map<String, Fault> all = new LinkedHashMap<>();
    all.put("tenant", r -> r.kill("tenant-service"));
    all.put("reservation", r -> r.kill("reservation-service"));
    all.put("agent", r -> r.kill("agent-service"));
    all.put("ingress", r -> r.kill("ingress-service"));
    all.put("broker", brokers == 3 ? ChaosRun::killBroker : ChaosRun::restartBroker);
    all.put("postgres", ChaosRun::stopPostgres);
    all.put("backup", ChaosRun::olderBackup);
    all.put("slow-graph", ChaosRun::slowGraph);
    all.put("graph-500", ChaosRun::failingGraph);
    Map<String, String> titles =
        Map.of(
            "tenant", "tenant-service killed (SIGKILL) and started",
            "reservation", "reservation-service killed and started",
            "agent", "agent-service killed and started",
            "ingress", "ingress-service killed and started",
            "broker",
                brokers == 3
                    ? "one of three Kafka brokers killed for 30 s"
                    : "Kafka broker restarted",
            "postgres", "PostgreSQL stopped for 30 s",
            "backup", "database replaced by a backup taken a minute earlier",
            "slow-graph", "Graph API slow (5 s a call) for 30 s",
            "graph-500", "Graph API failing (HTTP 500 bursts)");
    List<String> chosen = only != null ? only : quick ? QUICK_FAULTS : FAULT_NAMES;
    Map<String, Fault> faults = new LinkedHashMap<>();
    for (String name : FAULT_NAMES) {
      if (chosen.contains(name)) {
        faults.put(titles.get(name), all.get(name));
      }
    }
    return faults;
  }

  private String note = "";

  private void phase(String name, Fault fault) throws Exception {
    long from = System.currentTimeMillis();
    note = "";
    TimeUnit.MILLISECONDS.sleep(STEADY.toMillis());
    progress.say("      fault: %s", name);
    fault.inject(this);
    long faultEnd = System.currentTimeMillis();
    TimeUnit.MILLISECONDS.sleep(SETTLE.toMillis());
    phases.add(new Phase(name, from, faultEnd, System.currentTimeMillis(), note));
  }

  private void kill(String name) throws Exception {
    Services.Service service = all.get(name);
    ProcessHandle.of(services.pid(service))
        .ifPresent(
            p -> {
              p.destroyForcibly();
              p.onExit().join();
            });
    TimeUnit.SECONDS.sleep(2);
    services.start(service);
    long t = System.nanoTime();
    if (!services.awaitUp(service, Duration.ofSeconds(180))) {
      note = name + " did not report UP within 180 s of its restart";
    } else {
      note =
          String.format(
              Locale.ROOT, "UP %d s after its restart", (System.nanoTime() - t) / 1_000_000_000);
    }
  }

  private void restartBroker() throws Exception {
    kafka.close();
    TimeUnit.SECONDS.sleep(5);
    kafka = LocalKafka.start(work, kafkaPort, controllerPort);
    note = "down about 5 s";
  }

  private void killBroker() throws Exception {
    cluster.killNode(1);
    TimeUnit.SECONDS.sleep(30);
    cluster.startNode(1);
    note = "node 2 of 3 killed (SIGKILL), started again after 30 s";
  }

  private void stopPostgres() throws Exception {
    pg.close();
    TimeUnit.SECONDS.sleep(30);
    pg = startPostgres();
  }

  /** reservation-service of this run, for the operator's reconciliation. */
  private String reservationUrl;

  /** How far before the backup the operator's reconciliation reads reservation.events. */
  static final Duration RECONCILE_MARGIN = Duration.ofSeconds(30);

  /**
   * The database replaced by a dump taken a minute earlier (the last minute's rows gone, Kafka
   * keeping them), then what an operator does next: {@code ./sahabot reconcile --since …} (the
   * route {@code POST /internal/reconcile}) since the backup was taken, minus a margin.
   */
  private void olderBackup() throws Exception {
    Path pgDump = postgresTool("pg_dump");
    Path pgRestore = postgresTool("pg_restore");
    if (pgDump == null || pgRestore == null) {
      note = "skipped: no pg_dump/pg_restore 15 on this machine";
      return;
    }
    Path dump = work.resolve("backup.dump");
    java.time.Instant backupTaken = java.time.Instant.now();
    exec(
        pgDump.toString(),
        "-h",
        "localhost",
        "-p",
        "" + pgPort,
        "-U",
        "postgres",
        "-Fc",
        "-f",
        dump.toString(),
        DATABASE);
    TimeUnit.SECONDS.sleep(60);
    try (Connection c = DriverManager.getConnection(pg.jdbcUrl("postgres"), "postgres", "");
        Statement s = c.createStatement()) {
      s.execute("DROP DATABASE " + DATABASE + " WITH (FORCE)");
      s.execute("CREATE DATABASE " + DATABASE);
    }
    exec(
        pgRestore.toString(),
        "-h",
        "localhost",
        "-p",
        "" + pgPort,
        "-U",
        "postgres",
        "-d",
        DATABASE,
        dump.toString());
    // the operator's step: reconcile the database with reservation.events since the backup
    note =
        "the last minute's rows were gone from the database; "
            + OperatorReconcile.run(
                reservationUrl,
                OperatorReconcile.LOCAL_TOKEN,
                backupTaken.minus(RECONCILE_MARGIN),
                6,
                Duration.ofSeconds(5));
  }

  private static Path postgresTool(String name) {
    for (String dir : List.of("/usr/lib/postgresql/15/bin", "/usr/lib/postgresql/16/bin")) {
      Path tool = Path.of(dir, name);
      if (Files.isExecutable(tool)) {
        return tool;
      }
    }
    return null;
  }

  private void exec(String... command) throws Exception {
    Process p = new ProcessBuilder(command).redirectErrorStream(true).start();
    String output = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
    if (p.waitFor() != 0) {
      throw new IllegalStateException(command[0] + " failed: " + output);
    }
  }

  private void slowGraph() throws Exception {
    graph.delay(Duration.ofSeconds(5));
    TimeUnit.SECONDS.sleep(30);
    graph.delay(Duration.ZERO);
  }

  private void failingGraph() throws Exception {
    for (int burst = 0; burst < 3; burst++) {
      graph.failNext(40);
      TimeUnit.SECONDS.sleep(10);
    }
    note = graph.refused() + " calls answered with HTTP 500";
  }

  // ---- the report ----

  private static final List<String> PROMISES =
      List.of("bildireceğim", "birazdan", "I will send you", "follows shortly");
  private static final List<String> CONFIRMATIONS = List.of("onaylandı", "Booked");

  private String report() throws Exception {
    List<ChaosLoad.Sent> sent = load.sent();
    List<ChaosGraphStub.Call> calls = graph.calls();
    Map<String, List<ChaosGraphStub.Call>> byQuoted = new HashMap<>();
    Map<String, List<ChaosGraphStub.Call>> byCustomer = new HashMap<>();
    for (ChaosGraphStub.Call call : calls) {
      if (call.quoted() != null) {
        byQuoted.computeIfAbsent(call.quoted(), k -> new ArrayList<>()).add(call);
      }
      byCustomer.computeIfAbsent(call.to(), k -> new ArrayList<>()).add(call);
    }
    Map<String, Integer> booked = bookedByCustomer();
    StringBuilder out = new StringBuilder();
    out.append("# Chaos run\n\n");
    out.append(
        String.format(
            Locale.ROOT,
            "%s, %s, %s; %d businesses, %d customers writing at once; commit %s.%n%n",
            ZonedDateTime.now(ZoneOffset.UTC).format(DateTimeFormatter.ISO_LOCAL_DATE_TIME),
            only != null ? "--faults " + String.join(",", only) : quick ? "--quick" : "full",
            brokers == 3
                ? "three Kafka brokers (replication 3, min.insync.replicas 2)"
                : "one Kafka broker",
            businesses,
            users,
            git()));
    out.append(
        "Each row judges the messages first posted between the start of its steady period (15 s"
            + " before the fault) and the end of its settling period (60 s after the fault ended)."
            + " *Lost*: a message no reply quotes. *Duplicated*: a reply sent twice (same recipient,"
            + " quoted message and text, or the same outbound id). *Promise last*: customers whose"
            + " last message from the bot promises something (\"sonucunu ayrı bir mesajla bildireceğim\"). *Booked / told*:"
            + " reservations in the database of the row's customers against confirmations they"
            + " were sent. *Recovery*: from the fault's end to the first reply to a message posted"
            + " after it.\n\n");
    out.append(
        "| fault | messages in | customers answered | replies lost | replies duplicated | promise"
            + " last | booked / told | recovery | note |\n");
    out.append("|---|---|---|---|---|---|---|---|---|\n");
    for (Phase phase : phases) {
      List<ChaosLoad.Sent> in = new ArrayList<>();
      for (ChaosLoad.Sent s : sent) {
        if (s.atMillis() >= phase.fromMillis() && s.atMillis() < phase.toMillis()) {
          in.add(s);
        }
      }
      Set<String> customers = new HashSet<>();
      Set<String> unanswered = new HashSet<>();
      long lost = 0;
      for (ChaosLoad.Sent s : in) {
        customers.add(s.customer());
        if (!byQuoted.containsKey(s.wamid())) {
          lost++;
          unanswered.add(s.customer());
        }
      }
      long duplicated = 0;
      long promiseLast = 0;
      int bookedHere = 0;
      int told = 0;
      for (String customer : customers) {
        List<ChaosGraphStub.Call> theirs = byCustomer.getOrDefault(customer, List.of());
        Set<String> seen = new HashSet<>();
        Set<String> ids = new HashSet<>();
        for (ChaosGraphStub.Call call : theirs) {
          if (!seen.add(call.quoted() + "|" + call.text())
              || (call.callbackData() != null && !ids.add(call.callbackData()))) {
            duplicated++;
          }
          if (contains(call.text(), CONFIRMATIONS)) {
            told++;
          }
        }
        if (!theirs.isEmpty() && contains(theirs.get(theirs.size() - 1).text(), PROMISES)) {
          promiseLast++;
        }
        bookedHere += booked.getOrDefault(customer, 0);
      }
      long recovery = -1;
      for (ChaosLoad.Sent s : in) {
        if (s.atMillis() >= phase.faultEndMillis() && byQuoted.containsKey(s.wamid())) {
          long at = byQuoted.get(s.wamid()).get(0).atMillis();
          long took = at - phase.faultEndMillis();
          recovery = recovery < 0 ? took : Math.min(recovery, took);
        }
      }
      out.append(
          String.format(
              Locale.ROOT,
              "| %s | %d | %d of %d | %d | %d | %d | %d / %d | %s | %s |%n",
              phase.name(),
              in.size(),
              customers.size() - unanswered.size(),
              customers.size(),
              lost,
              duplicated,
              promiseLast,
              bookedHere,
              told,
              recovery < 0
                  ? "none in the window"
                  : String.format(Locale.ROOT, "%.1f s", recovery / 1000.0),
              phase.note()));
    }
    out.append(
        String.format(
            Locale.ROOT,
            "%nIn all: %d messages posted, %d Graph API message calls (journal: %s).%n",
            sent.size(),
            calls.size(),
            home.relativize(work.resolve("graph-journal.jsonl"))));
    out.append(
        "\nThe target for every row: 0 lost, 0 duplicated, no promise last, booked = told, recovery"
            + " within 60 s. The services' logs are in "
            + home.relativize(work.resolve("logs"))
            + ".\n");
    return out.toString();
  }

  private static boolean contains(String text, List<String> markers) {
    if (text == null) {
      return false;
    }
    for (String m : markers) {
      if (text.contains(m)) {
        return true;
      }
    }
    return false;
  }

  /** Reservations (any status) by customer, read as the owner (all tenants). */
  private Map<String, Integer> bookedByCustomer() {
    Map<String, Integer> booked = new HashMap<>();
    try (Connection c = DriverManager.getConnection(pg.jdbcUrl(DATABASE), "postgres", "");
        Statement s = c.createStatement();
        ResultSet rs =
            s.executeQuery(
                "SELECT coalesce(c.user_id, c.phone), count(*) FROM reservations r"
                    + " JOIN customers c ON c.id = r.customer_id GROUP BY 1")) {
      while (rs.next()) {
        booked.put(rs.getString(1), rs.getInt(2));
      }
    } catch (Exception e) {
      progress.say("      could not count the reservations: %s", e.getMessage());
    }
    return booked;
  }

  private String git() {
    try {
      Process p =
          new ProcessBuilder("git", "describe", "--always", "--dirty")
              .directory(home.toFile())
              .start();
      return new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8).trim();
    } catch (IOException e) {
      return "?";
    }
  }

  private static int freePort() throws IOException {
    try (ServerSocket socket = new ServerSocket(0)) {
      return socket.getLocalPort();
    }
  }

  private void closeAll() {
    synchronized (resources) {
      while (!resources.isEmpty()) {
        try {
          resources.pop().close();
        } catch (Exception e) {
          System.err.println("stopping: " + e.getMessage());
        }
      }
      try {
        if (kafka != null) {
          kafka.close();
          kafka = null;
        }
        if (cluster != null) {
          cluster.close();
          cluster = null;
        }
        if (pg != null) {
          pg.close();
          pg = null;
        }
      } catch (Exception e) {
        System.err.println("stopping: " + e.getMessage());
      }
    }
  }
}
