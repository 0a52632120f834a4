package io.sahabot.reservation.booking;

import java.time.Clock;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.context.SmartLifecycle;
import org.springframework.stereotype.Component;

/**
 * Reconciles the last {@code sahabot.reservation.reconcile.window} of {@code reservation.events}
 * when the service starts: after {@code tenant.changelog} is read (platform's {@code
 * TenantSnapshots}, an earlier phase) and <b>before</b> the command listener starts (the listener
 * containers' phase is later). Before, because a command decided on a database that lost the last
 * minutes could sell a slot a customer was already told is theirs; the reconciliation puts those
 * reservations back first. It waits at most {@code start-timeout}: a run that fails or takes longer
 * (the broker away) is logged at ERROR and the listener starts anyway (a service that never started
 * would take every booking down with it); the operator runs it again with {@code POST
 * /internal/reconcile}.
 */
@Component
class ReconcileAtStart implements SmartLifecycle {

  private static final Logger log = LoggerFactory.getLogger(ReconcileAtStart.class);

  private final OutcomeReconciler reconciler;
  private final ReconcileProperties properties;
  private final Clock clock;
  private volatile boolean running;

  ReconcileAtStart(OutcomeReconciler reconciler, ReconcileProperties properties, Clock clock) {
    this.reconciler = reconciler;
    this.properties = properties;
    this.clock = clock;
  }

  @Override
  public void start() {
    running = true;
    if (properties.window().isZero()) {
      return;
    }
    var since = clock.instant().minus(properties.window());
    var run = CompletableFuture.supplyAsync(() -> reconciler.reconcile(since));
    try {
      run.get(properties.startTimeout().toMillis(), TimeUnit.MILLISECONDS);
    } catch (TimeoutException e) {
      log.error(
          "reconcile at start: not done within {}; commands are decided meanwhile, the run goes on",
          properties.startTimeout());
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    } catch (Exception e) {
      log.error(
          "reconcile at start failed; run POST /internal/reconcile (./sahabot reconcile) once the"
              + " cause is fixed",
          e);
    }
  }

  @Override
  public void stop() {
    running = false;
  }

  @Override
  public boolean isRunning() {
    return running;
  }

  /** After TenantSnapshots (Integer.MIN_VALUE + 100), before the listener containers. */
  @Override
  public int getPhase() {
    return Integer.MIN_VALUE + 200;
  }
}
