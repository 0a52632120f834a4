package io.sahabot.reservation.reminders;

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
 * Runs {@link ReminderPublisher} every {@code sahabot.reservation.reminders.interval} (the first
 * pass as soon as the service has started and has read {@code tenant.changelog}), and again at once
 * while a pass handled a full batch. The state is in PostgreSQL, not here: a restart, a crash or a
 * second instance neither skips nor repeats a reminder (see {@link ReminderPublisher}). Off when
 * {@code sahabot.reservation.reminders.enabled} is false.
 */
@Component
class ReminderScheduler implements SmartLifecycle {

  private static final Logger log = LoggerFactory.getLogger(ReminderScheduler.class);

  private final ReminderPublisher publisher;
  private final TenantSnapshots snapshots;
  private final ReservationProperties.Reminders settings;
  private final ReservationProperties properties;
  private ScheduledExecutorService executor;
  private volatile boolean running;

  ReminderScheduler(
      ReminderPublisher publisher, TenantSnapshots snapshots, ReservationProperties properties) {
    this.publisher = publisher;
    this.snapshots = snapshots;
    this.settings = properties.reminders();
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
              Thread t = new Thread(r, "reminders");
              t.setDaemon(true);
              return t;
            });
    running = true;
    executor.scheduleWithFixedDelay(
        this::pass, 0, settings.interval().toMillis(), TimeUnit.MILLISECONDS);
    log.info(
        "reminder scheduler started: every {}, {} per batch",
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
        handled = publisher.publishDue().block(properties.commandTimeout().multipliedBy(2));
      } while (running && handled != null && handled >= settings.batchSize());
    } catch (RuntimeException e) {
      // nothing was marked: the next pass claims the same reminders again
      log.warn("reminder pass failed, tried again in {}", settings.interval(), e);
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
