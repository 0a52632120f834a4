package io.sahabot.reservation.booking;

import java.time.Clock;
import java.time.Instant;
import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.atomic.AtomicReference;
import org.springframework.boot.health.contributor.Health;
import org.springframework.boot.health.contributor.HealthIndicator;
import org.springframework.stereotype.Component;

/**
 * The {@code commands} health component (in the readiness group): DOWN while commands fail for a
 * transient reason (the database or the broker away) and are being retried, with the last error's
 * class, since when and how many attempts failed; UP again once a poll of commands went through.
 * Commands are never dead-lettered for such a failure, so a DOWN here is the one sign of an outage
 * apart from the outcomes arriving late. While commands wait for a restored database to be
 * reconciled ({@link RestoreGuard}), its {@code state} says so.
 */
@Component("commandsHealthIndicator")
public class CommandHealth implements HealthIndicator {

  private record Outage(Instant since, String error, String state, long failedAttempts) {}

  private static final String RETRIED =
      "commands fail transiently and are retried; none is dead-lettered";

  private final Clock clock;
  private final AtomicReference<Outage> outage = new AtomicReference<>();
  private final AtomicLong outages = new AtomicLong();

  public CommandHealth(Clock clock) {
    this.clock = clock;
  }

  /** A poll of commands failed for a transient reason; it will be retried. */
  void failing(Throwable cause) {
    Instant now = clock.instant();
    // a poll held back on purpose says why (its message names no customer)
    String state = cause instanceof RestoreGuard.DatabaseBehind ? cause.getMessage() : RETRIED;
    Outage before =
        outage.getAndUpdate(
            o ->
                o == null
                    ? new Outage(now, cause.getClass().getName(), state, 1)
                    : new Outage(
                        o.since(), cause.getClass().getName(), state, o.failedAttempts() + 1));
    if (before == null) {
      outages.incrementAndGet();
    }
  }

  /** A poll of commands went through: whatever failed before works again. */
  void recovered() {
    outage.set(null);
  }

  /** Whether commands are failing for a transient reason now. */
  public boolean failing() {
    return outage.get() != null;
  }

  @Override
  public Health health() {
    Outage current = outage.get();
    if (current == null) {
      return Health.up().withDetail("outagesSinceStart", outages.get()).build();
    }
    return Health.down()
        .withDetail("state", current.state())
        .withDetail("error", current.error())
        .withDetail("since", current.since().toString())
        .withDetail("failedAttempts", current.failedAttempts())
        .build();
  }
}
