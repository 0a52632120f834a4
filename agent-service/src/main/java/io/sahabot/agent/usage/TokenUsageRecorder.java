package io.sahabot.agent.usage;

import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.Timer;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import io.sahabot.agent.config.Stages;
import io.sahabot.platform.db.TenantScope;
import java.math.BigDecimal;
import java.time.Clock;
import java.time.Duration;
import java.time.OffsetDateTime;
import java.time.YearMonth;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Queue;
import java.util.UUID;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.beans.factory.DisposableBean;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.stereotype.Component;
import reactor.core.publisher.Flux;
import reactor.core.publisher.Mono;

/**
 * Records every model call's tokens and cost in {@code token_usage}, and sums them per tenant and
 * month. Months are calendar months in UTC. Every query runs under the tenant's row-level security.
 *
 * <p>Recording does not wait for the database: calls are queued and written every {@link
 * UsageProperties#flushInterval()}, each tenant's rows in one statement (one transaction under its
 * row-level security), several tenants at once. What is queued is written when the service stops
 * normally; a crash loses at most the last interval's rows. A budget check counts the queued tokens
 * too.
 */
@Component
public class TokenUsageRecorder implements TokenUsageSink, DisposableBean {

  private static final Logger log = LoggerFactory.getLogger(TokenUsageRecorder.class);

  /** How often queued usage is written (the service's setting; tests may choose another). */
  private final TenantScope tenantScope;

  private final UsageProperties properties;
  private final Clock clock;
  private final Timer flushes;
  private final Queue<Row> queue = new ConcurrentLinkedQueue<>();
  private final Map<UUID, AtomicLong> queuedTokens = new ConcurrentHashMap<>();
  private final ScheduledExecutorService writer;
  private volatile boolean closed;

  @Autowired
  public TokenUsageRecorder(
      TenantScope tenantScope, UsageProperties properties, Clock clock, MeterRegistry meters) {
    this(tenantScope, properties, clock, meters, properties.flushInterval());
  }

  public TokenUsageRecorder(TenantScope tenantScope, UsageProperties properties) {
    this(tenantScope, properties, Clock.systemUTC());
  }

  public TokenUsageRecorder(TenantScope tenantScope, UsageProperties properties, Clock clock) {
    this(tenantScope, properties, clock, new SimpleMeterRegistry(), properties.flushInterval());
  }

  TokenUsageRecorder(
      TenantScope tenantScope,
      UsageProperties properties,
      Clock clock,
      MeterRegistry meters,
      Duration flushInterval) {
    this.tenantScope = tenantScope;
    this.properties = properties;
    this.clock = clock;
    this.flushes = Stages.timer(meters, "usage.flush");
    this.writer =
        Executors.newSingleThreadScheduledExecutor(
            r -> {
              Thread t = new Thread(r, "usage-writer");
              t.setDaemon(true);
              return t;
            });
    long every = flushInterval.toMillis();
    writer.scheduleWithFixedDelay(this::flushQuietly, every, every, TimeUnit.MILLISECONDS);
  }

  /** One call's usage, queued. */
  private record Row(
      UUID tenantId,
      String userId,
      String messageId,
      String model,
      int inputTokens,
      int outputTokens,
      BigDecimal cost,
      CompletableFuture<Void> written) {}

  /**
   * Queues one call's usage with its cost from {@code sahabot.agent.usage.prices}; the Mono
   * completes when the row is written (or fails with the write's error). {@code userId} and {@code
   * messageId} may be null.
   */
  @Override
  public Mono<Void> record(
      UUID tenantId,
      String userId,
      String messageId,
      String model,
      int inputTokens,
      int outputTokens) {
    Objects.requireNonNull(tenantId, "tenantId");
    Objects.requireNonNull(model, "model");
    if (inputTokens < 0 || outputTokens < 0) {
      return Mono.error(new IllegalArgumentException("token counts must not be negative"));
    }
    BigDecimal cost = properties.cost(model, inputTokens, outputTokens);
    return Mono.defer(
        () -> {
          Row row =
              new Row(
                  tenantId,
                  userId,
                  messageId,
                  model,
                  inputTokens,
                  outputTokens,
                  cost,
                  new CompletableFuture<>());
          queuedTokens
              .computeIfAbsent(tenantId, t -> new AtomicLong())
              .addAndGet((long) inputTokens + outputTokens);
          queue.add(row);
          if (closed) {
            flush(); // stopping: nothing waits for the writer any more
          }
          return Mono.fromFuture(row.written(), true);
        });
  }

  private void flushQuietly() {
    try {
      flush();
    } catch (RuntimeException e) {
      log.warn("Writing token usage failed", e);
    }
  }

  /** Writes what is queued; each row's Mono completes with its write. */
  synchronized void flush() {
    List<Row> rows = new ArrayList<>();
    for (Row row = queue.poll(); row != null; row = queue.poll()) {
      rows.add(row);
    }
    if (rows.isEmpty()) {
      return;
    }
    long start = System.nanoTime();
    Map<UUID, List<Row>> byTenant = new LinkedHashMap<>();
    rows.forEach(r -> byTenant.computeIfAbsent(r.tenantId(), t -> new ArrayList<>()).add(r));
    List<List<Row>> statements = new ArrayList<>();
    byTenant
        .values()
        .forEach(
            ofTenant -> {
              for (int i = 0; i < ofTenant.size(); i += properties.rowsPerStatement()) {
                statements.add(
                    ofTenant.subList(
                        i, Math.min(ofTenant.size(), i + properties.rowsPerStatement())));
              }
            });
    try {
      Flux.fromIterable(statements)
          .flatMap(
              batch ->
                  insert(batch)
                      .doOnSuccess(ignored -> batch.forEach(row -> written(row, null)))
                      .onErrorResume(
                          e -> {
                            batch.forEach(row -> written(row, e));
                            return Mono.empty();
                          }),
              properties.tenantsAtOnce())
          .then()
          .block(properties.writeTimeout());
    } finally {
      IllegalStateException unwritten = new IllegalStateException("token usage not written");
      rows.forEach(row -> written(row, unwritten)); // only rows not written yet (a timeout)
      flushes.record(System.nanoTime() - start, TimeUnit.NANOSECONDS);
    }
  }

  /** Completes a row's write once; it no longer counts as queued. */
  private void written(Row row, Throwable error) {
    boolean completed =
        error == null ? row.written().complete(null) : row.written().completeExceptionally(error);
    if (completed) {
      queuedTokens.get(row.tenantId()).addAndGet(-((long) row.inputTokens() + row.outputTokens()));
    }
  }

  /** One statement inserting rows of one tenant. */
  private Mono<Long> insert(List<Row> rows) {
    UUID tenantId = rows.get(0).tenantId();
    StringBuilder sql =
        new StringBuilder(
            "INSERT INTO token_usage (tenant_id, user_id, message_id, model, input_tokens,"
                + " output_tokens, cost) VALUES ");
    for (int i = 0; i < rows.size(); i++) {
      sql.append(i == 0 ? "" : ", ")
          .append(
              String.format(
                  "(:tenant, :user%1$d, :message%1$d, :model%1$d, :input%1$d, :output%1$d,"
                      + " :cost%1$d)",
                  i));
    }
    return tenantScope.one(
        tenantId,
        db -> {
          var spec = db.sql(sql.toString()).bind("tenant", tenantId);
          for (int i = 0; i < rows.size(); i++) {
            Row row = rows.get(i);
            spec =
                spec.bind("model" + i, row.model())
                    .bind("input" + i, row.inputTokens())
                    .bind("output" + i, row.outputTokens())
                    .bind("cost" + i, row.cost());
            spec =
                row.userId() == null
                    ? spec.bindNull("user" + i, String.class)
                    : spec.bind("user" + i, row.userId());
            spec =
                row.messageId() == null
                    ? spec.bindNull("message" + i, String.class)
                    : spec.bind("message" + i, row.messageId());
          }
          return spec.fetch().rowsUpdated();
        });
  }

  /** Writes what is still queued; later calls are written as they come. */
  @Override
  public void destroy() throws InterruptedException {
    closed = true;
    writer.shutdown();
    writer.awaitTermination(properties.writeTimeout().toMillis(), TimeUnit.MILLISECONDS);
    flush();
  }

  /** The tenant's usage in {@code month} (UTC calendar month); zeros when nothing was recorded. */
  public Mono<MonthlyUsage> month(UUID tenantId, YearMonth month) {
    Objects.requireNonNull(tenantId, "tenantId");
    OffsetDateTime from = month.atDay(1).atStartOfDay().atOffset(ZoneOffset.UTC);
    OffsetDateTime to = from.plusMonths(1);
    return tenantScope.one(
        tenantId,
        db ->
            db.sql(
                    "SELECT COALESCE(SUM(input_tokens), 0) AS input,"
                        + " COALESCE(SUM(output_tokens), 0) AS output,"
                        + " COALESCE(SUM(cost), 0) AS cost"
                        + " FROM token_usage"
                        + " WHERE tenant_id = :tenant AND created_at >= :from AND created_at < :to")
                .bind("tenant", tenantId)
                .bind("from", from)
                .bind("to", to)
                .map(
                    row ->
                        new MonthlyUsage(
                            month.toString(),
                            row.get("input", Long.class),
                            row.get("output", Long.class),
                            row.get("cost", BigDecimal.class)))
                .one());
  }

  /** The current UTC month of {@link #month}. */
  public Mono<MonthlyUsage> currentMonth(UUID tenantId) {
    return month(tenantId, YearMonth.now(clock.withZone(ZoneOffset.UTC)));
  }

  /**
   * Whether the tenant's input plus output tokens of the current UTC month, with those queued,
   * reached {@code monthlyTokenBudget}; never over without a budget (null).
   */
  public Mono<Boolean> overBudget(UUID tenantId, Long monthlyTokenBudget) {
    if (monthlyTokenBudget == null) {
      return Mono.just(false);
    }
    return currentMonth(tenantId)
        .map(usage -> usage.totalTokens() + queuedTokens(tenantId) >= monthlyTokenBudget);
  }

  /** Tokens of the tenant's calls queued and not written yet. */
  long queuedTokens(UUID tenantId) {
    AtomicLong queued = queuedTokens.get(tenantId);
    return queued == null ? 0 : queued.get();
  }
}
