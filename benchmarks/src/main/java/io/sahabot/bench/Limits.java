package io.sahabot.bench;

import io.sahabot.platform.kafka.WireSerdes;
import io.sahabot.schemas.Json;
import io.sahabot.schemas.topics.Topics;
import io.sahabot.schemas.whatsapp.RawWebhookChange;
import java.io.IOException;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.Statement;
import java.sql.Timestamp;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneId;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.UUID;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.Semaphore;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.HdrHistogram.ConcurrentHistogram;
import org.HdrHistogram.Histogram;
import org.apache.kafka.clients.admin.NewTopic;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.serialization.ByteArraySerializer;
import org.apache.kafka.common.serialization.StringSerializer;
import org.springframework.http.server.reactive.ReactorHttpHandlerAdapter;
import org.springframework.web.reactive.function.server.RequestPredicates;
import org.springframework.web.reactive.function.server.RouterFunctions;
import org.springframework.web.reactive.function.server.ServerResponse;
import reactor.core.publisher.Mono;
import reactor.core.scheduler.Schedulers;
import reactor.netty.DisposableServer;
import reactor.netty.http.server.HttpServer;

/**
 * The limits every figure is read against, measured in the same run on the same machine: a bare
 * WebFlux endpoint, the raw Kafka producer, the raw PostgreSQL reservation insert.
 */
final class Limits {

  /** A rate with its latency percentiles (ms; NaN when not measured). */
  record Rate(long count, double seconds, double p50, double p99, long refused) {
    double perSecond() {
      return count / seconds;
    }
  }

  static final ZoneId ISTANBUL = ZoneId.of("Europe/Istanbul");

  private Limits() {}

  /** A WebFlux endpoint that reads the body and answers 200 without any work. */
  static DisposableServer bareEndpoint() {
    return HttpServer.create()
        .host("127.0.0.1")
        .port(0)
        .handle(
            new ReactorHttpHandlerAdapter(
                RouterFunctions.toHttpHandler(
                    RouterFunctions.route(
                        RequestPredicates.POST("/bare"),
                        request ->
                            request.bodyToMono(byte[].class).then(ServerResponse.ok().build())))))
        .bindNow();
  }

  /** The record ingress publishes for a webhook, serialized as on the wire. */
  static byte[] webhookRecord(Webhooks.Signed webhook) {
    var value =
        Json.mapper()
            .readTree(webhook.body())
            .path("entry")
            .path(0)
            .path("changes")
            .path(0)
            .path("value");
    return WireSerdes.<Object>valueSerializer()
        .serialize(
            "bench",
            new RawWebhookChange(
                UUID.randomUUID().toString(), Instant.now(), "710000000000", "messages", value));
  }

  /**
   * The raw producer's sweep: the rate with each number of sends in flight, each awaited, and
   * pipelined (the broker's ceiling).
   */
  record RawKafka(List<Integer> levels, List<Rate> awaited, Rate pipelined) {

    /** The index of the best awaited level: the limit a webhook's awaited send is read against. */
    int bestIndex() {
      int best = 0;
      for (int i = 1; i < awaited.size(); i++) {
        if (awaited.get(i).perSecond() > awaited.get(best).perSecond()) {
          best = i;
        }
      }
      return best;
    }

    Rate best() {
      return awaited.get(bestIndex());
    }

    int bestLevel() {
      return levels.get(bestIndex());
    }
  }

  /**
   * The raw producer (acks=all, idempotent, as ingress's) on a topic with the partitions of
   * whatsapp.inbound.raw: at each of {@code inFlight} sends in flight, each awaited (as that many
   * webhook connections wait), then pipelined (the broker's ceiling). {@code replication} is the
   * topic's replication factor (3 on a three-broker cluster).
   */
  static RawKafka rawKafka(
      Kafka kafka, byte[] record, Duration window, List<Integer> inFlight, short replication)
      throws Exception {
    String topic = "bench.raw";
    kafka
        .admin()
        .createTopics(
            List.of(
                new NewTopic(topic, Topics.WHATSAPP_INBOUND_RAW.partitions(), replication)
                    .configs(replication > 1 ? Map.of("min.insync.replicas", "2") : Map.of())))
        .all()
        .get(30, TimeUnit.SECONDS);
    Map<String, Object> config = new HashMap<>();
    config.put(ProducerConfig.BOOTSTRAP_SERVERS_CONFIG, kafka.bootstrap());
    config.put(ProducerConfig.ACKS_CONFIG, "all");
    config.put(ProducerConfig.ENABLE_IDEMPOTENCE_CONFIG, true);
    config.put(ProducerConfig.LINGER_MS_CONFIG, 1);
    config.put(ProducerConfig.REQUEST_TIMEOUT_MS_CONFIG, 15_000);
    config.put(ProducerConfig.DELIVERY_TIMEOUT_MS_CONFIG, 30_000);
    List<Rate> awaited = new ArrayList<>();
    try (var producer =
        new KafkaProducer<>(config, new StringSerializer(), new ByteArraySerializer())) {
      for (int i = 0; i < 5_000; i++) {
        producer.send(new ProducerRecord<>(topic, "7100000000" + (i % 50), record));
      }
      producer.flush();
      // the awaited path warmed up too, so the first level is not measured on a cold client
      awaited(producer, topic, record, window.dividedBy(2), inFlight.get(inFlight.size() - 1));
      for (int level : inFlight) {
        awaited.add(awaited(producer, topic, record, window, level));
      }
      AtomicLong acked = new AtomicLong();
      AtomicLong failed = new AtomicLong();
      Semaphore pending = new Semaphore(20_000);
      long start = System.nanoTime();
      long deadline = start + window.toNanos();
      for (long i = 0; System.nanoTime() < deadline; i++) {
        if (!pending.tryAcquire(30, TimeUnit.SECONDS)) {
          throw new IllegalStateException("the broker stopped acknowledging the raw producer");
        }
        producer.send(
            new ProducerRecord<>(topic, "7100000000" + (i % 50), record),
            (metadata, e) -> {
              pending.release();
              (e == null ? acked : failed).incrementAndGet();
            });
      }
      producer.flush();
      return new RawKafka(
          List.copyOf(inFlight),
          awaited,
          new Rate(
              acked.get(),
              (System.nanoTime() - start) / 1e9,
              Double.NaN,
              Double.NaN,
              failed.get()));
    }
  }

  private static Rate awaited(
      KafkaProducer<String, byte[]> producer,
      String topic,
      byte[] record,
      Duration window,
      int inFlight) {
    AtomicLong sequence = new AtomicLong();
    HttpLoad.Result r =
        HttpLoad.closedLoop(
            inFlight,
            window,
            () ->
                Mono.<Boolean>create(
                        sink ->
                            producer.send(
                                new ProducerRecord<>(
                                    topic,
                                    "7100000000" + (sequence.incrementAndGet() % 50),
                                    record),
                                (metadata, e) -> {
                                  if (e == null) {
                                    sink.success(true);
                                  } else {
                                    sink.error(e);
                                  }
                                }))
                    // the next send runs off the producer's I/O thread, where the callback runs
                    .publishOn(Schedulers.parallel()));
    return new Rate(r.ok(), r.seconds(), r.percentileMs(50), r.percentileMs(99), r.failed());
  }

  /**
   * Tenants, each with fields "Saha 1" and "Saha 2" and one customer, inserted as the owner. Row
   * level security is forced on the tenant tables, so each tenant's rows are written in its
   * context: an owner that is not a superuser is subject to the policies too.
   */
  static List<long[]> rawTenants(String jdbcUrl, String owner, String password, int count)
      throws Exception {
    List<long[]> refs = new ArrayList<>();
    try (Connection c = DriverManager.getConnection(jdbcUrl, owner, password)) {
      c.setAutoCommit(false);
      try (PreparedStatement tenant =
              c.prepareStatement(
                  "INSERT INTO tenants (whatsapp_phone_number_id, business_name) VALUES (?, ?)"
                      + " RETURNING id");
          PreparedStatement enter =
              c.prepareStatement("SELECT set_config('app.tenant_id', ?, true)");
          PreparedStatement field =
              c.prepareStatement(
                  "INSERT INTO fields (tenant_id, name) VALUES (?, 'Saha 1'), (?, 'Saha 2')"
                      + " RETURNING id");
          PreparedStatement customer =
              c.prepareStatement(
                  "INSERT INTO customers (tenant_id, name, phone) VALUES (?, 'Raw', ?)"
                      + " RETURNING id")) {
        for (int i = 0; i < count; i++) {
          tenant.setString(1, "raw-" + i);
          tenant.setString(2, "Raw " + i);
          UUID id;
          try (ResultSet rs = tenant.executeQuery()) {
            rs.next();
            id = rs.getObject(1, UUID.class);
          }
          enter.setString(1, id.toString());
          enter.execute();
          field.setObject(1, id);
          field.setObject(2, id);
          long fieldId;
          try (ResultSet rs = field.executeQuery()) {
            rs.next();
            fieldId = rs.getLong(1);
          }
          customer.setObject(1, id);
          customer.setString(2, String.format("90555%07d", i));
          try (ResultSet rs = customer.executeQuery()) {
            rs.next();
            refs.add(
                new long[] {
                  id.getMostSignificantBits(), id.getLeastSignificantBits(), fieldId, rs.getLong(1)
                });
          }
        }
      }
      c.commit();
    }
    return refs;
  }

  /**
   * The reservation insert straight to PostgreSQL, as reservation-service does it: the app role,
   * the tenant's RLS context set in the transaction, the exclusion constraint deciding conflicts
   * ({@code ON CONFLICT DO NOTHING}), one transaction per insert, over as many connections as the
   * service's listener threads. With {@code hot}, every other insert is for the first tenant.
   */
  static Rate rawPostgres(
      String jdbcUrl,
      String appUser,
      String appPassword,
      List<long[]> tenants,
      int connections,
      Duration window,
      boolean hot)
      throws Exception {
    AtomicLong inserted = new AtomicLong();
    AtomicLong refused = new AtomicLong();
    Histogram latencies = new ConcurrentHistogram(3);
    ExecutorService pool = Executors.newFixedThreadPool(connections);
    long start = System.nanoTime();
    long deadline = start + window.toNanos();
    List<Future<?>> workers = new ArrayList<>();
    for (int w = 0; w < connections; w++) {
      int seed = w;
      workers.add(
          pool.submit(
              () -> {
                Random random = new Random(seed * 7919L + (hot ? 1 : 0));
                try (Connection c = DriverManager.getConnection(jdbcUrl, appUser, appPassword);
                    PreparedStatement enter =
                        c.prepareStatement("SELECT set_config('app.tenant_id', ?, true)");
                    PreparedStatement insert =
                        c.prepareStatement(
                            "INSERT INTO reservations (tenant_id, field_id, customer_id,"
                                + " start_time, end_time, status, price, currency, command_id,"
                                + " created_by) VALUES (?, ?, ?, ?, ?, 'active', 1000.00, 'TRY',"
                                + " ?, 'bench') ON CONFLICT DO NOTHING RETURNING id")) {
                  c.setAutoCommit(false);
                  for (long i = 0; System.nanoTime() < deadline; i++) {
                    long t0 = System.nanoTime();
                    long[] t =
                        hot && i % 2 == 0
                            ? tenants.get(0)
                            : tenants.get(random.nextInt(tenants.size()));
                    UUID tenant = new UUID(t[0], t[1]);
                    Instant slot =
                        LocalDate.now(ISTANBUL)
                            .plusDays(1 + random.nextInt(60))
                            .atTime(9 + random.nextInt(15), 0)
                            .atZone(ISTANBUL)
                            .toInstant();
                    enter.setString(1, tenant.toString());
                    enter.execute();
                    insert.setObject(1, tenant);
                    insert.setLong(2, t[2]);
                    insert.setLong(3, t[3]);
                    insert.setTimestamp(4, Timestamp.from(slot));
                    insert.setTimestamp(5, Timestamp.from(slot.plusSeconds(3600)));
                    insert.setString(6, "raw-" + UUID.randomUUID());
                    try (ResultSet rs = insert.executeQuery()) {
                      (rs.next() ? inserted : refused).incrementAndGet();
                    }
                    c.commit();
                    latencies.recordValue((System.nanoTime() - t0) / 1000);
                  }
                }
                return null;
              }));
    }
    for (Future<?> f : workers) {
      f.get();
    }
    pool.shutdown();
    return new Rate(
        inserted.get() + refused.get(),
        (System.nanoTime() - start) / 1e9,
        latencies.getValueAtPercentile(50) / 1000.0,
        latencies.getValueAtPercentile(99) / 1000.0,
        refused.get());
  }

  /** Where pgbench connects: the server, the database, and the role it logs in as. */
  record Pg(String host, int port, String database, String user, String password) {

    /** From a JDBC URL {@code jdbc:postgresql://host:port/database}. */
    static Pg of(String jdbcUrl, String user, String password) {
      URI uri = URI.create(jdbcUrl.substring("jdbc:".length()));
      return new Pg(
          uri.getHost(),
          uri.getPort() < 0 ? 5432 : uri.getPort(),
          uri.getPath().substring(1),
          user,
          password);
    }
  }

  /** The {@code pgbench} on the PATH, or null when there is none. */
  static Path pgbench() {
    String path = System.getenv("PATH");
    if (path == null) {
      return null;
    }
    for (String dir : path.split(java.io.File.pathSeparator)) {
      Path candidate = Path.of(dir, "pgbench");
      if (Files.isExecutable(candidate)) {
        return candidate;
      }
    }
    return null;
  }

  /** The table pgbench's script picks its tenant, field and customer from, by number. */
  static final String PGBENCH_REFS = "bench_raw_refs";

  /**
   * The raw tenants numbered 0 to n-1 in a table of their own (read by pgbench's script; no row
   * level security on it, and the app role may only read it), so that pgbench inserts for the same
   * tenants, fields and customers as the JDBC client.
   */
  static void pgbenchRefs(String jdbcUrl, String owner, String password, List<long[]> tenants)
      throws Exception {
    try (Connection c = DriverManager.getConnection(jdbcUrl, owner, password)) {
      c.setAutoCommit(false);
      try (Statement s = c.createStatement()) {
        s.execute("DROP TABLE IF EXISTS " + PGBENCH_REFS);
        s.execute(
            "CREATE TABLE "
                + PGBENCH_REFS
                + " (n INT PRIMARY KEY, tenant_id UUID NOT NULL, field_id BIGINT NOT NULL,"
                + " customer_id BIGINT NOT NULL)");
        s.execute("GRANT SELECT ON " + PGBENCH_REFS + " TO sahabot_app");
      }
      try (PreparedStatement insert =
          c.prepareStatement("INSERT INTO " + PGBENCH_REFS + " VALUES (?, ?, ?, ?)")) {
        for (int i = 0; i < tenants.size(); i++) {
          long[] t = tenants.get(i);
          insert.setInt(1, i);
          insert.setObject(2, new UUID(t[0], t[1]));
          insert.setLong(3, t[2]);
          insert.setLong(4, t[3]);
          insert.addBatch();
        }
        insert.executeBatch();
      }
      c.commit();
    }
  }

  /** Drops pgbench's table of tenants. */
  static void dropPgbenchRefs(String jdbcUrl, String owner, String password) throws Exception {
    try (Connection c = DriverManager.getConnection(jdbcUrl, owner, password);
        Statement s = c.createStatement()) {
      s.execute("DROP TABLE IF EXISTS " + PGBENCH_REFS);
    }
  }

  /**
   * pgbench's script: the same transaction as {@link #rawPostgres}'s (the tenant's context set with
   * {@code set_config} in the transaction, the insert decided by the exclusion constraint, one
   * commit), for a tenant drawn at random, or with {@code hot} the first tenant half the time.
   */
  static String pgbenchScript(int tenants, boolean hot) {
    return String.join(
        "\n",
        hot
            ? "\\set n random(0, 1) * random(1, " + (tenants - 1) + ")"
            : "\\set n random(0, " + (tenants - 1) + ")",
        "\\set day random(1, 60)",
        "\\set hour random(9, 23)",
        "BEGIN;",
        "SELECT set_config('app.tenant_id', tenant_id::text, true) FROM "
            + PGBENCH_REFS
            + " WHERE n = :n;",
        "INSERT INTO reservations (tenant_id, field_id, customer_id, start_time, end_time, status,"
            + " price, currency, command_id, created_by) SELECT r.tenant_id, r.field_id,"
            + " r.customer_id, s.t, s.t + interval '1 hour', 'active', 1000.00, 'TRY', 'raw-' ||"
            + " gen_random_uuid(), 'bench' FROM "
            + PGBENCH_REFS
            + " r, (SELECT ((current_date + :day::int)::timestamp + make_interval(hours =>"
            + " :hour::int)) AT TIME ZONE 'Europe/Istanbul' AS t) s WHERE r.n = :n ON CONFLICT DO"
            + " NOTHING;",
        "END;",
        "");
  }

  /**
   * The same insert run by {@code pgbench} (a C client, so the client's own CPU is a fraction of
   * the JDBC one's on a shared 2-core machine) with {@code clients} connections, prepared
   * statements, for {@code window} (whole seconds, at least 1). Its p50 is pgbench's mean latency;
   * no p99. Null when pgbench failed, with its output in {@code log}.
   */
  static Rate pgbench(Path binary, Pg pg, Path script, int clients, Duration window, Path log)
      throws IOException, InterruptedException {
    long seconds = Math.max(1, Math.round(window.toMillis() / 1000.0));
    List<String> command =
        List.of(
            binary.toString(),
            "-n",
            "-M",
            "prepared",
            "-c",
            Integer.toString(clients),
            "-j",
            Integer.toString(Math.min(clients, Runtime.getRuntime().availableProcessors())),
            "-T",
            Long.toString(seconds),
            "-f",
            script.toString(),
            "-h",
            pg.host(),
            "-p",
            Integer.toString(pg.port()),
            "-U",
            pg.user(),
            pg.database());
    ProcessBuilder builder = new ProcessBuilder(command).redirectErrorStream(true);
    builder.redirectOutput(ProcessBuilder.Redirect.appendTo(log.toFile()));
    if (pg.password() != null && !pg.password().isEmpty()) {
      builder.environment().put("PGPASSWORD", pg.password());
    }
    long before = Files.exists(log) ? Files.size(log) : 0;
    Process p = builder.start();
    if (!p.waitFor(seconds + 60, TimeUnit.SECONDS)) {
      p.destroyForcibly();
      return null;
    }
    String out;
    try (var in = Files.newInputStream(log)) {
      in.skipNBytes(before);
      out = new String(in.readAllBytes(), StandardCharsets.UTF_8);
    }
    return p.exitValue() == 0 ? parsePgbench(out) : null;
  }

  /** pgbench's summary: transactions, failed ones, mean latency and tps; null when absent. */
  static Rate parsePgbench(String out) {
    Matcher processed =
        Pattern.compile("number of transactions actually processed: (\\d+)").matcher(out);
    Matcher tps = Pattern.compile("tps = ([0-9.]+)").matcher(out);
    if (!processed.find() || !tps.find()) {
      return null;
    }
    Matcher failed = Pattern.compile("number of failed transactions: (\\d+)").matcher(out);
    Matcher latency = Pattern.compile("latency average = ([0-9.]+) ms").matcher(out);
    long count = Long.parseLong(processed.group(1));
    double perSecond = Double.parseDouble(tps.group(1));
    return new Rate(
        count,
        perSecond > 0 ? count / perSecond : Double.NaN,
        latency.find() ? Double.parseDouble(latency.group(1)) : Double.NaN,
        Double.NaN,
        failed.find() ? Long.parseLong(failed.group(1)) : 0);
  }

  /** Removes the raw inserts' tenants (and with them their rows) so the services start clean. */
  static void dropRawTenants(String jdbcUrl, String owner, String password) throws Exception {
    try (Connection c = DriverManager.getConnection(jdbcUrl, owner, password);
        Statement s = c.createStatement()) {
      s.execute("DELETE FROM tenants WHERE whatsapp_phone_number_id LIKE 'raw-%'");
    }
  }
}
