package io.sahabot.reservation.booking.domain;

import io.sahabot.schemas.tenant.Notifications;
import java.time.Duration;
import java.time.Instant;
import java.util.Optional;

/** When a reservation's customer is reminded of it, by the business's notification settings. */
public final class ReminderTimes {

  private ReminderTimes() {}

  /**
   * {@code start} less the business's {@code reminderMinutesBefore}; empty when the business has
   * reminders off, or when that time is not after {@code now} (a reservation booked or moved later
   * than its reminder would have been sent gets none).
   */
  public static Optional<Instant> dueAt(Notifications settings, Instant start, Instant now) {
    if (settings == null || !settings.reminders()) {
      return Optional.empty();
    }
    Instant due = start.minus(Duration.ofMinutes(settings.reminderMinutesBefore()));
    return due.isAfter(now) ? Optional.of(due) : Optional.empty();
  }
}
