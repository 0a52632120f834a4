package io.sahabot.ingress.benchmark;

import io.netty.buffer.Unpooled;
import io.sahabot.ingress.config.KafkaConfig;
import io.sahabot.ingress.fixtures.MetaWebhooks;
import io.sahabot.platform.kafka.WireSerdes;
import io.sahabot.schemas.whatsapp.RawWebhookChange;
import io.sahabot.testsupport.IntegrationTest;
import io.sahabot.testsupport.SahaBotInfrastructure;
import io.sahabot.testsupport.SharedFixtures;
import java.lang.management.ManagementFactory;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.ConcurrentLinkedQueue;
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
import reactor.core.publisher.Flux;
import reactor.core.publisher.Mono;
import reactor.netty.DisposableServer;
import reactor.netty.http.client.HttpClient;
import reactor.netty.http.server.HttpServer;
import reactor.netty.resources.ConnectionProvider;
import tools.jackson.databind.JsonNode;

/**
 * Load on the webhook: signed POSTs at 64 concurrent connections against (1) a bare WebFlux
 * endpoint answering 200 without work, (2) ingress-service's {@code POST /webhook} (verify, split,
 * publish, wait for acks=all), and (3) the raw Kafka producer rate for records of the same size on
 * the same broker. Prints a table; never fails on time. Run it with the command in the module
 * README.
 */
@IntegrationTest
class IngressBenchmark {

  static final int CONNECTIONS = 64;
  static final Duration WARMUP = Duration.ofSeconds(Long.getLong("bench.warmup.seconds", 3));
  static final Duration MEASURE = Duration.ofSeconds(Long.getLong("bench.seconds", 10));
  static final int BUSINESSES = 50;
  static final String SECRET = "test-app-secret-1";

  @LocalServerPort int port;

  record Result(String what, long ok, long failed, double perSecond, double p50, double p99) {}

  @Test
  void printsThroughputAndLatency() throws Exception {
    double loadBefore = ManagementFactory.getOperatingSystemMXBean().getSystemLoadAverage();
    List<byte[]> bodies = new ArrayList<>();
    List<String> signatures = new ArrayList<>();
    JsonNode fixture = MetaWebhooks.read(SharedFixtures.file("whatsapp/webhooks/text_tr.json"));
    for (int i = 0; i < BUSINESSES; i++) {
      byte[] body =
          MetaWebhooks.escaped(MetaWebhooks.withPhoneNumberId(fixture, "7000000000" + (10 + i)));
      bodies.add(body);
      signatures.add(MetaWebhooks.signature(body, SECRET));
    }

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
    List<Result> results = new ArrayList<>();
    try {
      String bareUrl = "http://127.0.0.1:" + bare.port() + "/bare";
      String ingressUrl = "http://127.0.0.1:" + port + "/webhook";
      load("warm-up bare", bareUrl, bodies, signatures, WARMUP);
      results.add(
          load("bare WebFlux endpoint, 200 without work", bareUrl, bodies, signatures, MEASURE));
      load("warm-up ingress", ingressUrl, bodies, signatures, WARMUP);
      results.add(
          load(
              "ingress POST /webhook (verified, acked by Kafka)",
              ingressUrl,
              bodies,
              signatures,
              MEASURE));
      results.addAll(rawProducer());
    } finally {
      bare.disposeNow();
    }
    print(results, bodies.get(0).length);
    System.out.printf(
        Locale.ROOT,
        "system load average %.1f before, %.1f after, on %d cores: above the core count, every"
            + " figure measures the machine's contention more than the service%n",
        loadBefore,
        ManagementFactory.getOperatingSystemMXBean().getSystemLoadAverage(),
        Runtime.getRuntime().availableProcessors());
  }

  private Result load(
      String what, String url, List<byte[]> bodies, List<String> signatures, Duration duration) {
    ConnectionProvider pool =
        ConnectionProvider.builder("bench")
            .maxConnections(CONNECTIONS)
            .pendingAcquireMaxCount(-1)
            .build();
    HttpClient client = HttpClient.create(pool).keepAlive(true);
    AtomicLong ok = new AtomicLong();
    AtomicLong failed = new AtomicLong();
    ConcurrentLinkedQueue<long[]> latencies = new ConcurrentLinkedQueue<>();
    long started = System.nanoTime();
    long deadline = started + duration.toNanos();
    Flux.range(0, CONNECTIONS)
        .flatMap(
            worker -> {
              long[] mine = new long[200_000];
              int[] count = {0};
              AtomicLong sequence = new AtomicLong(worker);
              return Mono.defer(
                      () -> {
                        int i = (int) (sequence.getAndAdd(CONNECTIONS) % bodies.size());
                        long t0 = System.nanoTime();
                        // one client configuration for all requests: headers set on each request
                        // (a per-request client.headers(...) would open a new pool every time)
                        return client
                            .post()
                            .uri(url)
                            .send(
                                (request, out) -> {
                                  request
                                      .header("Content-Type", "application/json")
                                      .header("X-Hub-Signature-256", signatures.get(i));
                                  return out.send(Mono.just(Unpooled.wrappedBuffer(bodies.get(i))));
                                })
                            .responseSingle(
                                (response, body) -> body.then(Mono.just(response.status().code())))
                            .doOnNext(
                                status -> {
                                  if (status == 200) {
                                    ok.incrementAndGet();
                                    if (count[0] < mine.length) {
                                      mine[count[0]++] = System.nanoTime() - t0;
                                    }
                                  } else {
                                    failed.incrementAndGet();
                                  }
                                })
                            .onErrorResume(
                                e -> {
                                  failed.incrementAndGet();
                                  return Mono.empty();
                                });
                      })
                  .repeat(() -> System.nanoTime() < deadline)
                  .then(Mono.fromRunnable(() -> latencies.add(Arrays.copyOf(mine, count[0]))));
            },
            CONNECTIONS)
        .blockLast(duration.plusSeconds(60));
    double seconds = (System.nanoTime() - started) / 1e9;
    pool.disposeLater().block(Duration.ofSeconds(5));
    long[] all = latencies.stream().flatMapToLong(Arrays::stream).sorted().toArray();
    return new Result(
        what,
        ok.get(),
        failed.get(),
        ok.get() / seconds,
        percentile(all, 0.50),
        percentile(all, 0.99));
  }

  /** The broker's own ceiling: records of the same size, same producer settings, pipelined. */
  private List<Result> rawProducer() throws Exception {
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
        MetaWebhooks.read(SharedFixtures.file("whatsapp/webhooks/text_tr.json"))
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
            Map.of(ProducerConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrap), 10_000);
    List<Result> results = new ArrayList<>();
    try (var producer =
        new KafkaProducer<>(config, new StringSerializer(), new ByteArraySerializer())) {
      for (int i = 0; i < 10_000; i++) { // warm-up
        producer.send(new ProducerRecord<>(topic, "700000000" + (i % BUSINESSES), record));
      }
      producer.flush();

      // (a) 64 senders each waiting for its acknowledgement, as the webhook does
      AtomicLong acked = new AtomicLong();
      AtomicLong failed = new AtomicLong();
      ConcurrentLinkedQueue<long[]> latencies = new ConcurrentLinkedQueue<>();
      long started = System.nanoTime();
      long awaitedDeadline = started + MEASURE.toNanos() / 2;
      Flux.range(0, CONNECTIONS)
          .flatMap(
              worker -> {
                long[] mine = new long[200_000];
                int[] count = {0};
                AtomicLong sequence = new AtomicLong(worker);
                return Mono.<Long>create(
                        sink -> {
                          long t0 = System.nanoTime();
                          String key = "700000000" + (sequence.getAndAdd(CONNECTIONS) % BUSINESSES);
                          producer.send(
                              new ProducerRecord<>(topic, key, record),
                              (metadata, e) -> {
                                if (e == null) {
                                  sink.success(System.nanoTime() - t0);
                                } else {
                                  sink.error(e);
                                }
                              });
                        })
                    .doOnNext(
                        nanos -> {
                          acked.incrementAndGet();
                          if (count[0] < mine.length) {
                            mine[count[0]++] = nanos;
                          }
                        })
                    .onErrorResume(
                        e -> {
                          failed.incrementAndGet();
                          return Mono.empty();
                        })
                    .repeat(() -> System.nanoTime() < awaitedDeadline)
                    .then(Mono.fromRunnable(() -> latencies.add(Arrays.copyOf(mine, count[0]))));
              },
              CONNECTIONS)
          .blockLast(Duration.ofMinutes(1));
      long[] all = latencies.stream().flatMapToLong(Arrays::stream).sorted().toArray();
      results.add(
          new Result(
              "raw Kafka producer, " + record.length + " B records, 64 in flight, each awaited",
              acked.get(),
              failed.get(),
              acked.get() / ((System.nanoTime() - started) / 1e9),
              percentile(all, 0.50),
              percentile(all, 0.99)));

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
      results.add(
          new Result(
              "raw Kafka producer, " + record.length + " B records, pipelined (ceiling)",
              pipelined.get(),
              pipelinedFailed.get(),
              pipelined.get() / ((System.nanoTime() - started) / 1e9),
              Double.NaN,
              Double.NaN));
    }
    return results;
  }

  private static double percentile(long[] sorted, double p) {
    if (sorted.length == 0) {
      return Double.NaN;
    }
    int index = (int) Math.min(sorted.length - 1, Math.ceil(p * sorted.length) - 1);
    return sorted[Math.max(0, index)] / 1e6;
  }

  private static void print(List<Result> results, int bodyBytes) {
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
            "%-72s %10s %7s %12s %9s %9s%n",
            "what",
            "ok",
            "failed",
            "per second",
            "p50 ms",
            "p99 ms"));
    for (Result r : results) {
      out.append(
          String.format(
              Locale.ROOT,
              "%-72s %10d %7d %12.0f %9.2f %9.2f%n",
              r.what(),
              r.ok(),
              r.failed(),
              r.perSecond(),
              r.p50(),
              r.p99()));
    }
    Result bare = results.get(0);
    Result ingress = results.get(1);
    Result raw = results.get(2);
    Result ceiling = results.get(3);
    var heap = ManagementFactory.getMemoryMXBean().getHeapMemoryUsage();
    out.append(
        String.format(
            Locale.ROOT,
            "ingress / bare endpoint = %.0f%% (target >= 50%%); ingress p99 = %.1f ms (target <= 50 ms);"
                + " ingress / raw producer (64 awaited) = %.0f%%; / pipelined ceiling = %.0f%%%n",
            100 * ingress.perSecond() / bare.perSecond(),
            ingress.p99(),
            100 * ingress.perSecond() / raw.perSecond(),
            100 * ingress.perSecond() / ceiling.perSecond()));
    out.append(
        String.format(
            Locale.ROOT,
            "heap used %d MB of %d MB max (whole test JVM: broker, service and load generator)%n",
            heap.getUsed() >> 20,
            heap.getMax() >> 20));
    System.out.println(out);
  }
}
