package io.sahabot.reservation.config;

import java.time.Duration;
import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;
import org.springframework.util.backoff.BackOff;
import org.springframework.util.backoff.ExponentialBackOff;

/**
 * Settings of reservation-service, prefix {@code sahabot.reservation}.
 *
 * @param maxLength the longest reservation a command may ask for
 * @param tenantWait how long a command for a tenant not yet seen on {@code tenant.changelog} waits
 *     for its snapshot before it is rejected
 * @param queryTenantWait how long a query for a tenant not yet seen waits for its snapshot before
 *     it is answered 404
 * @param listenerConcurrency consumer threads for {@code reservation.commands}
 * @param batchParallelism tenants' commands decided at once per consumer thread (the R2DBC pool is
 *     20)
 * @param alternatives free slots offered on the same field, and again on the other fields, when a
 *     slot is taken
 * @param reminders the reminder scheduler ({@code sahabot.reservation.reminders.*})
 * @param commandTimeout how long one command may take in the database
 * @param tableCacheSize reservation-table images kept in memory
 * @param transientRetryInterval the pause before the first retry of a command that failed for a
 *     transient reason (the database or the broker away); each next pause is twice as long
 * @param transientRetryMaxInterval the longest pause between such retries; they never end
 */
@ConfigurationProperties("sahabot.reservation")
public record ReservationProperties(
    @DefaultValue("4h") Duration maxLength,
    @DefaultValue("5s") Duration tenantWait,
    @DefaultValue("2s") Duration queryTenantWait,
    @DefaultValue("4") int listenerConcurrency,
    @DefaultValue("32") int batchParallelism,
    @DefaultValue("3") int alternatives,
    @DefaultValue Reminders reminders,
    @DefaultValue("30s") Duration commandTimeout,
    @DefaultValue("64") int tableCacheSize,
    @DefaultValue("100ms") Duration transientRetryInterval,
    @DefaultValue("5s") Duration transientRetryMaxInterval) {

  public ReservationProperties {
    positive(maxLength, "max-length");
    if (reminders == null) {
      reminders = new Reminders(true, Duration.ofSeconds(10), 100);
    }
    if (tenantWait == null || tenantWait.isNegative()) {
      throw new IllegalArgumentException("sahabot.reservation.tenant-wait: must be 0 or more");
    }
    if (queryTenantWait == null || queryTenantWait.isNegative()) {
      throw new IllegalArgumentException(
          "sahabot.reservation.query-tenant-wait: must be 0 or more");
    }
    positive(commandTimeout, "command-timeout");
    positive(transientRetryInterval, "transient-retry-interval");
    positive(transientRetryMaxInterval, "transient-retry-max-interval");
    if (transientRetryMaxInterval.compareTo(transientRetryInterval) < 0) {
      throw new IllegalArgumentException(
          "sahabot.reservation.transient-retry-max-interval: must be at least"
              + " transient-retry-interval");
    }
    if (batchParallelism < 1) {
      throw new IllegalArgumentException("sahabot.reservation.batch-parallelism must be positive");
    }
    if (listenerConcurrency < 1 || alternatives < 0 || tableCacheSize < 1) {
      throw new IllegalArgumentException(
          "sahabot.reservation: listener-concurrency and table-cache-size must be positive,"
              + " alternatives at least 0");
    }
  }

  /**
   * The back-off of a command that failed for a transient reason: {@code transient-retry-interval}
   * doubling up to {@code transient-retry-max-interval}, without end.
   */
  public BackOff transientBackOff() {
    ExponentialBackOff backOff = new ExponentialBackOff(transientRetryInterval.toMillis(), 2.0);
    backOff.setMaxInterval(transientRetryMaxInterval.toMillis());
    backOff.setMaxElapsedTime(Long.MAX_VALUE);
    backOff.setMaxAttempts(Integer.MAX_VALUE);
    return backOff;
  }

  private static void positive(Duration d, String name) {
    if (d == null || d.isNegative() || d.isZero()) {
      throw new IllegalArgumentException("sahabot.reservation." + name + ": must be positive");
    }
  }

  /**
   * The reminder scheduler: every {@code interval} (the first pass at startup) it claims up to
   * {@code batchSize} due reminders at a time, publishes them and marks them sent.
   *
   * @param enabled whether this instance runs the scheduler (off in a test that drives it itself);
   *     reminder rows are written whether or not it runs
   * @param interval the pause between two passes
   * @param batchSize reminders claimed, published and marked in one transaction (1 to 1000)
   */
  public record Reminders(
      @DefaultValue("true") boolean enabled,
      @DefaultValue("10s") Duration interval,
      @DefaultValue("100") int batchSize) {

    public Reminders {
      positive(interval, "reminders.interval");
      if (batchSize < 1 || batchSize > 1000) {
        throw new IllegalArgumentException(
            "sahabot.reservation.reminders.batch-size: must be between 1 and 1000");
      }
    }
  }
}
