package io.sahabot.reservation.booking;

import static io.sahabot.schemas.topics.Topics.RESERVATION_COMMANDS;

import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.MeterRegistry;
import io.sahabot.platform.kafka.TransientFailures;
import io.sahabot.reservation.booking.CommandWatermarks.Handled;
import io.sahabot.reservation.booking.CommandWatermarks.Mark;
import io.sahabot.reservation.config.CommandTracking;
import io.sahabot.reservation.config.ReservationProperties;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Collection;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.common.TopicPartition;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.beans.factory.DisposableBean;
import org.springframework.stereotype.Component;

/**
 * Keeps the command listener from deciding commands on a database that is behind what Kafka says
 * was already decided: one restored from an older backup while Kafka kept its data, which would
 * sell again slots that customers were told are theirs.
 *
 * <p>After each poll, once its outcomes are committed and published and before its offsets are
 * committed to Kafka, {@link #handled} writes per partition the offset after the last record
 * handled ({@link CommandWatermarks}, one statement); a dead-lettered record moves it on too
 * ({@link #deadLettered}). Before deciding a poll, {@link #check} reads the rows of its partitions
 * (one statement): every record before the first of the poll was handled (that is why Kafka hands
 * out that one), so a row below it means that the database lost what was handled since. Then no
 * command of the poll is decided: the partition's detection is logged at ERROR once and counted
 * ({@code sahabot.reservation.restore.partitions.behind}), a run of {@link OutcomeReconciler} is
 * started in the background, from the restored row's time less {@code restore-margin} (the
 * configured window when there is no row), and the poll fails with {@link DatabaseBehind}, a
 * transient failure: retried with the listener's transient back-off, the consumer paused in
 * between, {@link CommandHealth} DOWN saying why. The first retry after a run that started after
 * the detection and reconciled every tenant (but those not on {@code tenant.changelog} or without
 * their {@code tenants} row, which have nothing to be put back into and whose commands cannot be
 * decided either: logged at ERROR) moves the rows on and decides the poll; a run that failed
 * (broker away, database errors) is started again by the next retry. Gauge {@code
 * sahabot.reservation.restore.waiting}: the partitions waiting now.
 *
 * <p>A row is only moved on where it still says that everything before the poll was handled, so a
 * database restored while a poll was being decided is seen by the next poll. A partition that has
 * no row yet (a first start with this table, or an empty database) counts as behind only when
 * Kafka's position is past its first offset 0.
 */
@Component
public class RestoreGuard implements CommandTracking, DisposableBean {

  static final String TOPIC = RESERVATION_COMMANDS.name();

  /** The poll waits: the database is behind {@code reservation.commands} and being reconciled. */
  static final class DatabaseBehind extends TransientFailures.NotYet {
    DatabaseBehind(String message) {
      super(message);
    }
  }

  /** A partition found behind: when, and from when its reconciliation reads the outcomes. */
  private record Behind(Instant detectedAt, Instant since, boolean hadRow) {}

  private static final Logger log = LoggerFactory.getLogger(RestoreGuard.class);

  private final CommandWatermarks watermarks;
  private final OutcomeReconciler reconciler;
  private final ReconcileProperties properties;
  private final Duration timeout;
  private final Clock clock;
  private final Map<Integer, Behind> behind = new ConcurrentHashMap<>();
  private final Counter detected;
  private final Counter reconciled;
  private final Counter failedRuns;
  private final ExecutorService runner =
      Executors.newSingleThreadExecutor(
          r -> {
            Thread t = new Thread(r, "restore-reconcile");
            t.setDaemon(true);
            return t;
          });

  // the last run, guarded by this
  private Future<?> run;
  private volatile Instant lastSuccessStartedAt = Instant.MIN;

  RestoreGuard(
      CommandWatermarks watermarks,
      OutcomeReconciler reconciler,
      ReconcileProperties properties,
      ReservationProperties reservation,
      Clock clock,
      MeterRegistry meters) {
    this.watermarks = watermarks;
    this.reconciler = reconciler;
    this.properties = properties;
    this.timeout = reservation.commandTimeout();
    this.clock = clock;
    this.detected =
        Counter.builder("sahabot.reservation.restore.partitions.behind")
            .description(
                "partitions of reservation.commands found handled further than the database knows"
                    + " (a database restored from an older backup): their commands waited for a"
                    + " reconciliation")
            .register(meters);
    this.reconciled =
        Counter.builder("sahabot.reservation.restore.reconciles")
            .tag("outcome", "ok")
            .description("reconciliations run because the database was behind reservation.commands")
            .register(meters);
    this.failedRuns =
        Counter.builder("sahabot.reservation.restore.reconciles")
            .tag("outcome", "failed")
            .description("reconciliations run because the database was behind reservation.commands")
            .register(meters);
    Gauge.builder("sahabot.reservation.restore.waiting", behind, Map::size)
        .description("partitions of reservation.commands waiting for the database to be reconciled")
        .register(meters);
  }

  /**
   * Before any command of {@code records} is decided: returns when the database has seen every
   * record before them handled, else throws {@link DatabaseBehind} (a reconciliation running).
   */
  void check(List<? extends ConsumerRecord<?, ?>> records) {
    if (!properties.detectRestore()) {
      return;
    }
    Map<Integer, Handled> polled = offsets(records, records.size());
    if (polled.isEmpty()) {
      return;
    }
    Map<Integer, Mark> marks = watermarks.read(TOPIC, polled.keySet()).block(timeout);
    Instant now = clock.instant();
    Map<Integer, Handled> stale = new LinkedHashMap<>();
    for (Map.Entry<Integer, Handled> e : polled.entrySet()) {
      int partition = e.getKey();
      long first = e.getValue().from();
      Mark mark = marks.get(partition);
      if (mark == null ? first > 0 : mark.nextOffset() < first) {
        stale.put(partition, e.getValue());
        behind.computeIfAbsent(partition, p -> detect(p, mark, first, now));
      } else {
        behind.remove(partition);
      }
    }
    if (stale.isEmpty()) {
      return;
    }
    Instant required = Instant.MIN;
    for (Integer p : stale.keySet()) {
      Behind b = behind.get(p);
      Instant at = b == null ? now : b.detectedAt();
      required = at.isAfter(required) ? at : required;
    }
    if (!lastSuccessStartedAt.isBefore(required)) {
      // reconciled since: the rows say so, and the poll is decided
      Map<Integer, Handled> rebase = new LinkedHashMap<>();
      stale.forEach((p, h) -> rebase.put(p, new Handled(Long.MIN_VALUE, h.from())));
      watermarks.advance(TOPIC, rebase).block(timeout);
      stale.keySet().forEach(behind::remove);
      log.warn(
          "{} partitions {}: the database is reconciled with reservation.events; deciding their"
              + " commands again",
          TOPIC,
          stale.keySet());
      return;
    }
    startRun();
    throw new DatabaseBehind(
        "the database is behind "
            + TOPIC
            + " (restored from an older backup?) on partitions "
            + stale.keySet()
            + "; commands wait until reservation.events is reconciled into it");
  }

  /** After the records before {@code upTo} were handled: the rows move on past them. */
  void handled(List<? extends ConsumerRecord<?, ?>> records, int upTo) {
    watermarks.advance(TOPIC, offsets(records, upTo)).block(timeout);
  }

  /**
   * Partitions this instance no longer has: their waiting is the next owner's to see (the gauge
   * counts only this instance's).
   */
  @Override
  public void forget(Collection<TopicPartition> partitions) {
    for (TopicPartition p : partitions) {
      if (TOPIC.equals(p.topic())) {
        behind.remove(p.partition());
      }
    }
  }

  /** A record of {@code reservation.commands} was dead-lettered: handled too. */
  @Override
  public void deadLettered(ConsumerRecord<?, ?> record) {
    if (!TOPIC.equals(record.topic())) {
      return;
    }
    try {
      watermarks
          .advance(
              TOPIC, Map.of(record.partition(), new Handled(record.offset(), record.offset() + 1)))
          .block(timeout);
    } catch (RuntimeException e) {
      // the next poll of the partition moves it on; only a restart before it would reconcile once
      log.warn(
          "{}-{}@{} dead-lettered, but its watermark was not written ({})",
          TOPIC,
          record.partition(),
          record.offset(),
          e.toString());
    }
  }

  /**
   * Per partition, the first offset of the records before {@code upTo} and the one after the last.
   */
  private static Map<Integer, Handled> offsets(
      List<? extends ConsumerRecord<?, ?>> records, int upTo) {
    Map<Integer, Handled> handled = new LinkedHashMap<>();
    for (int i = 0; i < upTo; i++) {
      ConsumerRecord<?, ?> r = records.get(i);
      handled.merge(
          r.partition(),
          new Handled(r.offset(), r.offset() + 1),
          (a, b) -> new Handled(Math.min(a.from(), b.from()), Math.max(a.next(), b.next())));
    }
    return handled;
  }

  private Behind detect(int partition, Mark mark, long first, Instant now) {
    detected.increment();
    if (mark == null) {
      log.warn(
          "{}-{}: the database has no watermark but Kafka's position is {} (a first start with"
              + " command_watermarks, or an empty database); its commands wait for a"
              + " reconciliation of the last {}",
          TOPIC,
          partition,
          first,
          properties.window());
      return new Behind(now, now.minus(properties.window()), false);
    }
    log.error(
        "{}-{}: Kafka's position is {} but the database has seen only the records before {}"
            + " handled (written {}): it was restored from an older backup or lost data. Its"
            + " commands are not decided until reservation.events is reconciled into it from {}",
        TOPIC,
        partition,
        first,
        mark.nextOffset(),
        mark.at(),
        mark.at().minus(properties.restoreMargin()));
    return new Behind(now, mark.at().minus(properties.restoreMargin()), true);
  }

  /** Starts a reconciliation unless one is running; its start is after every detection so far. */
  private synchronized void startRun() {
    if (run != null && !run.isDone()) {
      return;
    }
    List<Behind> waiting = new ArrayList<>(behind.values());
    if (waiting.isEmpty()) {
      return;
    }
    // any restored row was written before the backup was taken, so the newest of them bounds
    // what the database still holds; without one (no row), the configured window
    Instant since = null;
    for (Behind b : waiting) {
      if (b.hadRow() && (since == null || b.since().isAfter(since))) {
        since = b.since();
      }
    }
    if (since == null) {
      since = waiting.stream().map(Behind::since).min(Instant::compareTo).orElseThrow();
    }
    Instant startedAt = clock.instant();
    Instant from = since;
    run = runner.submit(() -> reconcile(startedAt, from));
  }

  private void reconcile(Instant startedAt, Instant since) {
    try {
      OutcomeReconciler.Result result = reconciler.reconcile(since);
      // a tenant not on tenant.changelog has nothing to be put back into, and its commands are
      // refused as not known; one without its tenants row can have no command decided until
      // tenant-service restores the row: waiting for them would stop every other tenant's
      int unrepairable = result.unknownTenants().size() + result.tenantsWithoutRow().size();
      if (result.failures().size() == unrepairable) {
        if (unrepairable > 0) {
          log.error(
              "database behind {}: tenants {} are not on tenant.changelog and tenants {} have no"
                  + " row in tenants: not reconciled (run POST /internal/reconcile?since={} once"
                  + " their rows are back); the other tenants' commands go on",
              TOPIC,
              result.unknownTenants(),
              result.tenantsWithoutRow(),
              since);
        }
        lastSuccessStartedAt = startedAt;
        reconciled.increment();
        log.warn(
            "database behind {}: reconciled from reservation.events since {}: {} outcomes"
                + " restored, {} already there, {} conflicts (slots sold again meanwhile, each"
                + " logged); commands are decided again",
            TOPIC,
            since,
            result.restored(),
            result.present(),
            result.conflicts().size());
      } else {
        failedRuns.increment();
        log.error(
            "database behind {}: the reconciliation since {} failed for {} tenants ({}); commands"
                + " keep waiting, and it is run again",
            TOPIC,
            since,
            result.failures().size(),
            result.failures());
      }
    } catch (RuntimeException e) {
      failedRuns.increment();
      log.error(
          "database behind {}: the reconciliation since {} failed; commands keep waiting, and it"
              + " is run again",
          TOPIC,
          since,
          e);
    }
  }

  @Override
  public void destroy() {
    runner.shutdownNow();
  }
}
