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
 */
@ConfigurationProperties("sahabot.reservation.reconcile")
public record ReconcileProperties(
    @DefaultValue("1h") Duration window, @DefaultValue("2m") Duration startTimeout) {

  public ReconcileProperties {
    if (window == null || window.isNegative()) {
      throw new IllegalArgumentException("sahabot.reservation.reconcile.window: must be 0 or more");
    }
    if (startTimeout == null || startTimeout.isNegative() || startTimeout.isZero()) {
      throw new IllegalArgumentException(
          "sahabot.reservation.reconcile.start-timeout: must be positive");
    }
  }
}
