package io.sahabot.bench;

import io.netty.buffer.Unpooled;
import java.time.Duration;
import java.util.concurrent.atomic.AtomicLong;
import java.util.function.LongFunction;
import java.util.function.Supplier;
import org.HdrHistogram.ConcurrentHistogram;
import org.HdrHistogram.Histogram;
import reactor.core.publisher.Flux;
import reactor.core.publisher.Mono;
import reactor.netty.http.client.HttpClient;
import reactor.netty.resources.ConnectionProvider;

/**
 * The HTTP load generator of the suite (reactor-netty, keep-alive): signed POSTs over a fixed
 * number of connections, each connection sending its next request when the previous is answered;
 * the same generator drives the bare endpoint and ingress, so their figures compare.
 */
final class HttpLoad implements AutoCloseable {

  /** What a closed-loop run measured; latencies in microseconds. */
  record Result(long ok, long failed, double seconds, Histogram latencyMicros) {
    double perSecond() {
      return ok / seconds;
    }

    double percentileMs(double p) {
      return Report.percentileMs(latencyMicros, p);
    }
  }

  private final ConnectionProvider pool;
  private final HttpClient client;
  private final int connections;

  HttpLoad(int connections) {
    this.connections = connections;
    this.pool =
        ConnectionProvider.builder("bench-" + connections)
            .maxConnections(connections)
            .pendingAcquireMaxCount(-1)
            .pendingAcquireTimeout(Duration.ofSeconds(60))
            .build();
    this.client = HttpClient.create(pool).keepAlive(true);
  }

  /** One signed POST; emits the status code (or an error). */
  Mono<Integer> post(String url, Webhooks.Signed request) {
    return client
        .post()
        .uri(url)
        .send(
            (req, out) -> {
              req.header("Content-Type", "application/json")
                  .header("X-Hub-Signature-256", request.signature());
              return out.send(Mono.just(Unpooled.wrappedBuffer(request.body())));
            })
        .responseSingle((response, body) -> body.then(Mono.just(response.status().code())));
  }

  /** Every connection sends, one request at a time, until the duration is over. */
  Result closedLoop(String url, LongFunction<Webhooks.Signed> requests, Duration duration) {
    AtomicLong sequence = new AtomicLong();
    return closedLoop(
        connections,
        duration,
        () -> post(url, requests.apply(sequence.getAndIncrement())).map(status -> status == 200));
  }

  /**
   * {@code workers} loops, each starting its next operation when its last one is over, until the
   * duration is over. An operation emits true when it succeeded (its latency is recorded), false or
   * an error when it failed.
   */
  static Result closedLoop(int workers, Duration duration, Supplier<Mono<Boolean>> operation) {
    AtomicLong ok = new AtomicLong();
    AtomicLong failed = new AtomicLong();
    Histogram latencies = new ConcurrentHistogram(3);
    long started = System.nanoTime();
    long deadline = started + duration.toNanos();
    Flux.range(0, workers)
        .flatMap(
            worker ->
                Mono.defer(
                        () -> {
                          long t0 = System.nanoTime();
                          return operation
                              .get()
                              .doOnNext(
                                  success -> {
                                    if (success) {
                                      ok.incrementAndGet();
                                      latencies.recordValue((System.nanoTime() - t0) / 1000);
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
                    .then(),
            workers)
        .blockLast(duration.plusSeconds(90));
    return new Result(ok.get(), failed.get(), (System.nanoTime() - started) / 1e9, latencies);
  }

  /** Posts every request over the connections; returns how many were answered 200. */
  long sendAll(String url, java.util.List<Webhooks.Signed> requests) {
    Long ok =
        Flux.fromIterable(requests)
            .flatMap(
                r -> post(url, r).onErrorResume(e -> Mono.just(0)).filter(status -> status == 200),
                connections)
            .count()
            .block(Duration.ofMinutes(5));
    return ok == null ? 0 : ok;
  }

  @Override
  public void close() {
    pool.disposeLater().block(Duration.ofSeconds(5));
  }
}
