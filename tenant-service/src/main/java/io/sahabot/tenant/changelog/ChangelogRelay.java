package io.sahabot.tenant.changelog;

import static io.sahabot.schemas.topics.Topics.TENANT_CHANGELOG;

import io.micrometer.core.instrument.MeterRegistry;
import io.sahabot.platform.db.TenantScope;
import io.sahabot.schemas.tenant.TenantChangelogRecord;
import io.sahabot.schemas.tenant.TenantSnapshot;
import java.time.Duration;
import java.util.UUID;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.atomic.AtomicReference;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.context.SmartLifecycle;
import org.springframework.kafka.core.KafkaTemplate;
import reactor.core.Disposable;
import reactor.core.publisher.Flux;
import reactor.core.publisher.Mono;
import reactor.core.scheduler.Scheduler;
import reactor.core.scheduler.Schedulers;

/**
 * Publishes {@code tenant_outbox} to {@code tenant.changelog}: per tenant, the unpublished versions
 * in version order (key: the tenant id; the producer is idempotent with acks=all, so a record is
 * acknowledged once and the records of a tenant stay in order on its partition), then marks them
 * published in the same transaction that read them.
 *
 * <p>It runs a pass over every tenant with unpublished versions when it starts (so whatever a crash
 * or an outage left is published first), then every {@code poll-interval}; a change made through
 * this instance is published at once ({@link #publish(UUID)}). A tenant is published under a
 * transaction-scoped advisory lock, so two instances of the service never publish one tenant's
 * versions concurrently (nor out of order). A send that fails stops that tenant's pass: the
 * versions acknowledged before it are marked, the rest wait for the next pass. A crash between
 * Kafka's acknowledgement and the mark's commit publishes that version again: the same event id and
 * version, which every consumer of the changelog ignores as not newer.
 */
public class ChangelogRelay implements SmartLifecycle {

  private static final Logger log = LoggerFactory.getLogger(ChangelogRelay.class);

  private final TenantOutbox outbox;
  private final TenantScope scope;
  private final KafkaTemplate<String, TenantChangelogRecord> template;
  private final OutboxSettings settings;
  private final MeterRegistry meters;
  private final Scheduler scheduler =
      Schedulers.newBoundedElastic(4, 10_000, "changelog-relay", 60, true);
  private final AtomicReference<Disposable> polling = new AtomicReference<>();

  public ChangelogRelay(
      TenantOutbox outbox,
      TenantScope scope,
      KafkaTemplate<String, TenantChangelogRecord> template,
      OutboxSettings settings,
      MeterRegistry meters) {
    this.outbox = outbox;
    this.scope = scope;
    this.template = template;
    this.settings = settings;
    this.meters = meters;
  }

  /** Starts the passes: one at once, then one every poll interval. */
  @Override
  public void start() {
    Disposable loop =
        Flux.interval(Duration.ZERO, settings.pollInterval(), scheduler)
            .onBackpressureDrop()
            .concatMap(tick -> publishAll().onErrorResume(this::passFailed), 1)
            .subscribe();
    Disposable previous = polling.getAndSet(loop);
    if (previous != null) {
      previous.dispose();
    }
  }

  @Override
  public void stop() {
    Disposable loop = polling.getAndSet(null);
    if (loop != null) {
      loop.dispose();
    }
  }

  @Override
  public boolean isRunning() {
    return polling.get() != null;
  }

  /**
   * One pass: every tenant with unpublished versions (up to {@code batch} of them), a few tenants
   * at a time; completes with the number of versions published.
   */
  public Mono<Long> publishAll() {
    return outbox
        .tenantsWithUnpublished(settings.batch())
        .flatMap(tenant -> publishTenant(tenant).onErrorResume(e -> tenantFailed(tenant, e)), 4)
        .reduce(0L, Long::sum);
  }

  /**
   * Publishes the tenant's unpublished versions now, on the relay's own threads: the returned Mono
   * may be given up (a timeout) without cancelling the publication. Nothing happens while the relay
   * is stopped.
   */
  public Mono<Long> publish(UUID tenantId) {
    if (!isRunning()) {
      return Mono.just(0L);
    }
    CompletableFuture<Long> done = publishTenant(tenantId).subscribeOn(scheduler).toFuture();
    return Mono.fromFuture(done, true);
  }

  /**
   * The tenant's unpublished versions, in order, in one transaction under its row-level-security
   * context and its relay lock: each sent and acknowledged before the next, the acknowledged ones
   * marked; a failed send ends the pass for this tenant and is reported once they are marked.
   */
  Mono<Long> publishTenant(UUID tenantId) {
    return scope
        .one(
            tenantId,
            db ->
                outbox
                    .lock(tenantId)
                    .flatMap(
                        locked -> locked ? sendAndMark(tenantId) : Mono.just(new Pass(0, 0, null))))
        .flatMap(
            pass -> {
              if (pass.published() > 0) {
                meters.counter("sahabot.tenant.changelog.published").increment(pass.published());
                log.debug("Published {} version(s) of tenant {}", pass.published(), tenantId);
              }
              return pass.failure() == null
                  ? Mono.just((long) pass.published())
                  : Mono.error(pass.failure());
            });
  }

  private Mono<Pass> sendAndMark(UUID tenantId) {
    AtomicReference<Throwable> failure = new AtomicReference<>();
    return outbox
        .unpublished(tenantId)
        .concatMap(
            // after a failed send nothing more is sent: a later version never overtakes it
            snapshot ->
                Mono.defer(
                        () -> failure.get() != null ? Mono.<TenantSnapshot>empty() : send(snapshot))
                    .onErrorResume(
                        e -> {
                          failure.set(e);
                          return Mono.empty();
                        }),
            1)
        .collectList()
        .flatMap(
            sent -> {
              if (sent.isEmpty()) {
                return Mono.just(new Pass(0, 0, failure.get()));
              }
              long last = sent.get(sent.size() - 1).version();
              return outbox
                  .markPublished(tenantId, last, settings.retention())
                  .map(marked -> new Pass(sent.size(), last, failure.get()));
            });
  }

  /**
   * Completes once Kafka acknowledged the snapshot, or fails after {@code send-timeout}: the pass's
   * transaction is not held open on a broker that is away. A version sent but not acknowledged in
   * time is sent again by a later pass (the same version, which consumers ignore as not newer).
   */
  private Mono<TenantSnapshot> send(TenantSnapshot snapshot) {
    return Mono.fromFuture(
            () -> template.send(TENANT_CHANGELOG.name(), snapshot.key(), snapshot), true)
        .subscribeOn(scheduler)
        .timeout(settings.sendTimeout(), scheduler)
        .thenReturn(snapshot);
  }

  private Mono<Long> tenantFailed(UUID tenantId, Throwable e) {
    meters.counter("sahabot.tenant.changelog.publish.failures").increment();
    log.warn(
        "Publishing tenant {}'s changes to {} failed, retrying in {}: {}",
        tenantId,
        TENANT_CHANGELOG.name(),
        settings.pollInterval(),
        e.toString());
    return Mono.just(0L);
  }

  private Mono<Long> passFailed(Throwable e) {
    meters.counter("sahabot.tenant.changelog.publish.failures").increment();
    log.warn(
        "Publishing tenant changes to {} failed, retrying in {}: {}",
        TENANT_CHANGELOG.name(),
        settings.pollInterval(),
        e.toString());
    return Mono.just(0L);
  }

  /** What one tenant's pass did: versions published, the last one, and why it stopped early. */
  private record Pass(int published, long lastVersion, Throwable failure) {}
}
