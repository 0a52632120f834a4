package io.sahabot.reservation.waitlist;

import io.sahabot.platform.tenants.TenantSnapshots;
import io.sahabot.reservation.config.ReservationProperties;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.context.SmartLifecycle;
import org.springframework.stereotype.Component;

/**
 * Runs {@link WaitlistPublisher} every {@code sahabot.reservation.waitlist.interval} (the first
 * pass as soon as the service has started and has read {@code tenant.changelog}), and again at once
 * while a pass handled a full batch. The state is in PostgreSQL, not here: a restart, a crash or a
 * second instance neither skips nor repeats an offer (see {@link WaitlistPublisher}). Off when
 * {@code sahabot.reservation.waitlist.enabled} is false.
 */
@Component
class WaitlistScheduler implements SmartLifecycle {

  private static final Logger log = LoggerFactory.getLogger(WaitlistScheduler.class);

  private final WaitlistPublisher publisher;
  private final TenantSnapshots snapshots;
  private final WaitlistProperties settings;
  private final ReservationProperties properties;
  private ScheduledExecutorService executor;
  private volatile boolean running;

  WaitlistScheduler(
      WaitlistPublisher publisher,
      TenantSnapshots snapshots,
      ReservationProperties properties,
      WaitlistProperties settings) {
    this.publisher = publisher;
    this.snapshots = snapshots;
    this.settings = settings;
    this.properties = properties;
  }

  @Override
  public synchronized void start() {
    if (running || !settings.enabled()) {
      return;
    }
    executor =
        Executors.newSingleThreadScheduledExecutor(
            r -> {
              Thread t = new Thread(r, "waitlist");
              t.setDaemon(true);
              return t;
            });
    running = true;
    executor.scheduleWithFixedDelay(
        this::pass, 0, settings.interval().toMillis(), TimeUnit.MILLISECONDS);
    log.info(
        "waitlist scheduler started: every {}, {} per batch",
        settings.interval(),
        settings.batchSize());
  }

  private void pass() {
    if (!snapshots.caughtUp()) {
      return;
    }
    try {
      Integer handled;
      do {
        handled = publisher.pass().block(properties.commandTimeout().multipliedBy(2));
      } while (running && handled != null && handled >= settings.batchSize());
    } catch (RuntimeException e) {
      // nothing was marked: the next pass claims the same entries again
      log.warn("waitlist pass failed, tried again in {}", settings.interval(), e);
    }
  }

  @Override
  public synchronized void stop() {
    if (!running) {
      return;
    }
    running = false;
    executor.shutdown();
    try {
      if (!executor.awaitTermination(
          properties.commandTimeout().toMillis(), TimeUnit.MILLISECONDS)) {
        executor.shutdownNow();
      }
    } catch (InterruptedException e) {
      executor.shutdownNow();
      Thread.currentThread().interrupt();
    }
  }

  @Override
  public boolean isRunning() {
    return running;
  }
}
