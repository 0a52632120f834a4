package io.sahabot.ingress.benchmark;

import io.sahabot.ingress.config.KafkaConfig;
import io.sahabot.platform.kafka.WireSerdes;
import io.sahabot.schemas.whatsapp.RawWebhookChange;
import io.sahabot.testsupport.IntegrationTest;
import io.sahabot.testsupport.MetaWebhooks;
import io.sahabot.testsupport.SahaBotInfrastructure;
import io.sahabot.testsupport.SharedFixtures;
import io.sahabot.testsupport.load.IngressLoad;
import java.lang.management.CompilationMXBean;
import java.lang.management.ManagementFactory;
import java.net.URI;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.Semaphore;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.AdminClientConfig;
import org.apache.kafka.clients.admin.NewTopic;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.serialization.ByteArraySerializer;
import org.apache.kafka.common.serialization.StringSerializer;
import org.junit.jupiter.api.Test;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.http.server.reactive.ReactorHttpHandlerAdapter;
import org.springframework.web.reactive.function.server.RequestPredicates;
import org.springframework.web.reactive.function.server.RouterFunctions;
import org.springframework.web.reactive.function.server.ServerResponse;
import reactor.netty.DisposableServer;
import reactor.netty.http.server.HttpServer;
import tools.jackson.databind.JsonNode;

/**
 * Load on the webhook with test-support's {@link IngressLoad} (signed POSTs at 64 keep-alive
 * connections), in the same JVM and the same run: (1) a bare WebFlux endpoint answering 200 without
 * work, (2) ingress-service's {@code POST /webhook} (verify, split, publish, wait for acks=all),
 * alternated for {@code bench.rounds} rounds so that both see the same machine, and (3) the raw
 * Kafka producer rate for records of the same size on the same broker. Prints a table, the ratio to
 * the targets and, when short of them, where the CPU went during the ingress phase (a JFR
 * recording). Never fails on time. Run it with the command in the module README.
 */
@IntegrationTest
class IngressBenchmark {

  static final int CONNECTIONS = Integer.getInteger("bench.connections", 64);
  static final Duration WARMUP = Duration.ofSeconds(Long.getLong("bench.warmup.seconds", 5));
  static final Duration WARMUP_MAX =
      Duration.ofSeconds(Long.getLong("bench.warmup.max.seconds", 60));
  static final Duration MEASURE = Duration.ofSeconds(Long.getLong("bench.seconds", 10));
  static final int ROUNDS = Integer.getInteger("bench.rounds", 2);
  static final int BUSINESSES = 50;
  static final String SECRET = "test-app-secret-1";
  static final String FIXTURE = "whatsapp/webhooks/text_tr.json";

  @LocalServerPort int port;

  record Row(
      String what, long ok, long failed, double perSecond, double p50, double p99, double p999) {
    static Row of(String what, IngressLoad.Result r) {
      return new Row(what, r.ok(), r.failed(), r.perSecond(), r.p50Ms(), r.p99Ms(), r.p999Ms());
    }
  }

  @Test
  void printsThroughputAndLatency() throws Exception {
    double loadBefore = ManagementFactory.getOperatingSystemMXBean().getSystemLoadAverage();
    List<MetaWebhooks.Signed> webhooks =
        MetaWebhooks.signedForBusinesses(FIXTURE, BUSINESSES, 700000000010L, SECRET);
    DisposableServer bare =
        HttpServer.create()
            .host("127.0.0.1")
            .port(0)
            .handle(
                new ReactorHttpHandlerAdapter(
                    RouterFunctions.toHttpHandler(
                        RouterFunctions.route(
                            RequestPredicates.POST("/bare"),
                            request ->
                                request
                                    .bodyToMono(byte[].class)
                                    .then(ServerResponse.ok().build())))))
            .bindNow();
    List<Row> rows = new ArrayList<>();
    List<double[]> rounds = new ArrayList<>(); // rate ratio, CPU ratio, ingress p99
    String cpu = null;
    String samples = null;
    try {
      URI bareUri = URI.create("http://127.0.0.1:" + bare.port() + "/bare");
      URI ingressUri = URI.create("http://127.0.0.1:" + port + "/webhook");
      warmUp(
          () -> IngressLoad.run(bareUri, CONNECTIONS, WARMUP, webhooks),
          () -> IngressLoad.run(ingressUri, CONNECTIONS, WARMUP, webhooks));
      for (int round = 1; round <= ROUNDS; round++) {
        WhereTimeGoes.Profiled<IngressLoad.Result> bareProfiled =
            WhereTimeGoes.profile(() -> IngressLoad.run(bareUri, CONNECTIONS, MEASURE, webhooks));
        IngressLoad.Result b = bareProfiled.result();
        long jitBefore = JIT.getTotalCompilationTime();
        WhereTimeGoes.Profiled<IngressLoad.Result> profiled =
            WhereTimeGoes.profile(
                () -> IngressLoad.run(ingressUri, CONNECTIONS, MEASURE, webhooks));
        long jitMs = JIT.getTotalCompilationTime() - jitBefore;
        IngressLoad.Result i = profiled.result();
        rows.add(Row.of("round " + round + ": bare WebFlux endpoint, 200 without work", b));
        rows.add(Row.of("round " + round + ": ingress POST /webhook (verified, acked)", i));
        rounds.add(
            new double[] {
              i.perSecond() / b.perSecond(),
              bareProfiled.cpuMicrosPerRequest() / profiled.cpuMicrosPerRequest(),
              i.p99Ms(),
              jitMs
            });
        cpu =
            "bare endpoint, last round:\n"
                + bareProfiled.cpu()
                + "ingress, last round:\n"
                + profiled.cpu();
        samples = profiled.samples();
      }
      rows.addAll(rawProducer());
    } finally {
      bare.disposeNow();
    }
    print(rows, webhooks.get(0).body().length);
    double ratio = rounds.stream().mapToDouble(r -> r[0]).average().orElse(Double.NaN);
    double lowest = rounds.stream().mapToDouble(r -> r[0]).min().orElse(Double.NaN);
    double cpuRatio = rounds.stream().mapToDouble(r -> r[1]).average().orElse(Double.NaN);
    double p99 = rounds.stream().mapToDouble(r -> r[2]).max().orElse(Double.NaN);
    StringBuilder out = new StringBuilder();
    for (int r = 0; r < rounds.size(); r++) {
      out.append(
          String.format(
              Locale.ROOT,
              "round %d: ingress / bare = %.0f%% by rate, %.0f%% by CPU per request; ingress p99 ="
                  + " %.1f ms; JIT compiling for %.0f ms during the ingress phase%n",
              r + 1,
              100 * rounds.get(r)[0],
              100 * rounds.get(r)[1],
              rounds.get(r)[2],
              rounds.get(r)[3]));
    }
    out.append(
        String.format(
            Locale.ROOT,
            "ingress / bare endpoint = %.0f%% (mean of rounds, lowest %.0f%%; target >= 50%%): %s;"
                + " ingress p99 = %.1f ms (worst round; target <= 50 ms): %s%n"
                + "ingress / bare by CPU per request = %.0f%% (what the rate ratio tends to when the"
                + " JVM has the cores to itself and is CPU-bound)%n",
            100 * ratio,
            100 * lowest,
            ratio >= 0.5 ? "reached" : "SHORT",
            p99,
            p99 <= 50 ? "reached" : "SHORT",
            100 * cpuRatio));
    out.append("where the CPU went (thread CPU clocks, whole test JVM), per request:\n")
        .append(cpu);
    if (ratio < 0.5 || p99 > 50 || Boolean.getBoolean("bench.profile")) {
      out.append("ingress, last round, JFR:\n").append(samples);
    }
    out.append(
        String.format(
            Locale.ROOT,
            "system load average %.1f before, %.1f after, on %d cores: above the core count, every"
                + " figure measures the machine's contention more than the service%n",
            loadBefore,
            ManagementFactory.getOperatingSystemMXBean().getSystemLoadAverage(),
            Runtime.getRuntime().availableProcessors()));
    System.out.println(out);
  }

  private static final CompilationMXBean JIT = ManagementFactory.getCompilationMXBean();

  /**
   * Warm-up slices of both loads until the JIT has (nearly) settled: its compilations took less
   * than 5 % of a slice's time, or {@link #WARMUP_MAX}. On a busy machine the compiler threads get
   * little CPU (and the compilation time, elapsed, counts their waiting too), and a fixed warm-up
   * would leave them compiling through the measured phases.
   */
  private static void warmUp(Runnable... loads) {
    long deadline = System.nanoTime() + WARMUP_MAX.toNanos();
    int slices = 0;
    long jitMs;
    do {
      long before = JIT.getTotalCompilationTime();
      for (Runnable load : loads) {
        load.run();
      }
      slices++;
      jitMs = JIT.getTotalCompilationTime() - before;
    } while (jitMs > 0.05 * loads.length * WARMUP.toMillis() && System.nanoTime() < deadline);
    System.out.printf(
        Locale.ROOT,
        "warm-up: %d slice(s) of %d s per endpoint; the JIT compiled for %d ms in the last%n",
        slices,
        WARMUP.toSeconds(),
        jitMs);
  }

  /**
   * The broker's own rate for records of the same size with the service's producer settings: 64
   * sends in flight each awaited (as 64 webhook connections do), and pipelined (the ceiling).
   */
  private List<Row> rawProducer() throws Exception {
    String topic = "bench.raw." + UUID.randomUUID().toString().substring(0, 8);
    String bootstrap = SahaBotInfrastructure.get().kafkaBootstrapServers();
    try (Admin admin =
        Admin.create(Map.of(AdminClientConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrap))) {
      admin
          .createTopics(List.of(new NewTopic(topic, 12, (short) 1)))
          .all()
          .get(30, TimeUnit.SECONDS);
    }
    JsonNode value =
        MetaWebhooks.read(SharedFixtures.file(FIXTURE))
            .path("entry")
            .path(0)
            .path("changes")
            .path(0)
            .path("value");
    byte[] record =
        WireSerdes.<Object>valueSerializer()
            .serialize(
                topic,
                new RawWebhookChange(
                    UUID.randomUUID().toString(),
                    Instant.now(),
                    "700000000010",
                    "messages",
                    value));
    var config =
        KafkaConfig.producerConfig(
            Map.of(
                ProducerConfig.BOOTSTRAP_SERVERS_CONFIG,
                bootstrap,
                ProducerConfig.LINGER_MS_CONFIG,
                1), // ingress's spring.kafka.producer.properties.linger.ms
            10_000);
    List<Row> rows = new ArrayList<>();
    try (var producer =
        new KafkaProducer<>(config, new StringSerializer(), new ByteArraySerializer())) {
      // one acknowledged send first, so the new topic's leaders are known before the warm-up
      producer.send(new ProducerRecord<>(topic, "700000000", record)).get(30, TimeUnit.SECONDS);
      for (int i = 0; i < 10_000; i++) { // warm-up
        producer.send(new ProducerRecord<>(topic, "700000000" + (i % BUSINESSES), record));
      }
      producer.flush();

      // (a) CONNECTIONS senders, each waiting for its acknowledgement before the next send
      AtomicLong sequence = new AtomicLong();
      long[][] latencies = new long[CONNECTIONS][];
      long[] counts = new long[CONNECTIONS];
      long started = System.nanoTime();
      long awaitedDeadline = started + MEASURE.toNanos() / 2;
      CompletableFuture<?>[] senders = new CompletableFuture<?>[CONNECTIONS];
      for (int w = 0; w < CONNECTIONS; w++) {
        int worker = w;
        latencies[w] = new long[1 << 16];
        CompletableFuture<Void> done = new CompletableFuture<>();
        senders[w] = done;
        new Object() {
          void next() {
            if (System.nanoTime() >= awaitedDeadline) {
              done.complete(null);
              return;
            }
            long t0 = System.nanoTime();
            String key = "700000000" + (sequence.getAndIncrement() % BUSINESSES);
            producer.send(
                new ProducerRecord<>(topic, key, record),
                (metadata, e) -> {
                  if (e != null) {
                    done.completeExceptionally(e);
                    return;
                  }
                  if (counts[worker] == latencies[worker].length) {
                    latencies[worker] =
                        Arrays.copyOf(latencies[worker], latencies[worker].length * 2);
                  }
                  latencies[worker][(int) counts[worker]++] = System.nanoTime() - t0;
                  next();
                });
          }
        }.next();
      }
      CompletableFuture.allOf(senders).get(1, TimeUnit.MINUTES);
      double seconds = (System.nanoTime() - started) / 1e9;
      long[] all = new long[(int) Arrays.stream(counts).sum()];
      int at = 0;
      for (int w = 0; w < CONNECTIONS; w++) {
        System.arraycopy(latencies[w], 0, all, at, (int) counts[w]);
        at += (int) counts[w];
      }
      Arrays.sort(all);
      rows.add(
          new Row(
              "raw Kafka producer, " + record.length + " B records, " + CONNECTIONS + " awaited",
              all.length,
              0,
              all.length / seconds,
              percentile(all, 0.50),
              percentile(all, 0.99),
              percentile(all, 0.999)));

      // (b) pipelined: as fast as the producer and broker go
      AtomicLong pipelined = new AtomicLong();
      AtomicLong pipelinedFailed = new AtomicLong();
      started = System.nanoTime();
      long deadline = started + MEASURE.toNanos() / 2;
      Semaphore inFlight = new Semaphore(20_000);
      for (long i = 0; System.nanoTime() < deadline; i++) {
        inFlight.acquire();
        producer.send(
            new ProducerRecord<>(topic, "700000000" + (i % BUSINESSES), record),
            (metadata, e) -> {
              inFlight.release();
              (e == null ? pipelined : pipelinedFailed).incrementAndGet();
            });
      }
      producer.flush();
      rows.add(
          new Row(
              "raw Kafka producer, " + record.length + " B records, pipelined (ceiling)",
              pipelined.get(),
              pipelinedFailed.get(),
              pipelined.get() / ((System.nanoTime() - started) / 1e9),
              Double.NaN,
              Double.NaN,
              Double.NaN));
    }
    return rows;
  }

  private static double percentile(long[] sorted, double p) {
    if (sorted.length == 0) {
      return Double.NaN;
    }
    int index = (int) Math.min(sorted.length - 1, Math.ceil(p * sorted.length) - 1);
    return sorted[Math.max(0, index)] / 1e6;
  }

  private static void print(List<Row> rows, int bodyBytes) {
    StringBuilder out = new StringBuilder();
    out.append(
        String.format(
            Locale.ROOT,
            "%n=== IngressBenchmark: %d connections, %d s per phase, webhook body %d B, %d cores ===%n",
            CONNECTIONS,
            MEASURE.toSeconds(),
            bodyBytes,
            Runtime.getRuntime().availableProcessors()));
    out.append(
        String.format(
            Locale.ROOT,
            "%-62s %9s %6s %10s %8s %8s %8s%n",
            "what",
            "ok",
            "failed",
            "per second",
            "p50 ms",
            "p99 ms",
            "p999 ms"));
    for (Row r : rows) {
      out.append(
          String.format(
              Locale.ROOT,
              "%-62s %9d %6d %10.0f %8.2f %8.2f %8.2f%n",
              r.what(),
              r.ok(),
              r.failed(),
              r.perSecond(),
              r.p50(),
              r.p99(),
              r.p999()));
    }
    var heap = ManagementFactory.getMemoryMXBean().getHeapMemoryUsage();
    out.append(
        String.format(
            Locale.ROOT,
            "heap used %d MB of %d MB max (whole test JVM: broker, service and load generator)",
            heap.getUsed() >> 20,
            heap.getMax() >> 20));
    System.out.print(out);
  }
}
