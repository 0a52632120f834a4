package io.sahabot.reservation.booking;

import java.time.Duration;
import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;

/**
 * The reconciliation of the database with {@code reservation.events} ({@link OutcomeReconciler}),
 * prefix {@code sahabot.reservation.reconcile}.
 *
 * @param window how far back the run at start reads the topic; 0 turns it off
 * @param startTimeout how long the start waits for that run before the command listener starts
 *     anyway (the run goes on failing loudly, and the operator's route remains)
 * @param detectRestore whether the command listener checks, before each poll, that the database has
 *     seen every command Kafka says was handled, and reconciles first when it has not ({@link
 *     RestoreGuard}); off, commands are decided on whatever the database holds
 * @param restoreMargin how far before the restored database's newest watermark that reconciliation
 *     reads {@code reservation.events} (the database's and the producers' clocks may differ)
 */
@ConfigurationProperties("sahabot.reservation.reconcile")
public record ReconcileProperties(
    @DefaultValue("1h") Duration window,
    @DefaultValue("2m") Duration startTimeout,
    @DefaultValue("true") boolean detectRestore,
    @DefaultValue("1m") Duration restoreMargin) {

  public ReconcileProperties {
    if (window == null || window.isNegative()) {
      throw new IllegalArgumentException("sahabot.reservation.reconcile.window: must be 0 or more");
    }
    if (startTimeout == null || startTimeout.isNegative() || startTimeout.isZero()) {
      throw new IllegalArgumentException(
          "sahabot.reservation.reconcile.start-timeout: must be positive");
    }
    if (restoreMargin == null || restoreMargin.isNegative()) {
      throw new IllegalArgumentException(
          "sahabot.reservation.reconcile.restore-margin: must be 0 or more");
    }
  }
}
