package io.sahabot.reservation.booking.domain;

import static org.assertj.core.api.Assertions.assertThat;

import io.sahabot.schemas.tenant.Notifications;
import java.time.Instant;
import org.junit.jupiter.api.Test;

class ReminderTimesTest {

  static final Instant START = Instant.parse("2026-03-02T18:00:00Z");

  static Notifications minutesBefore(int minutes) {
    return new Notifications(true, minutes, null, null, null, null);
  }

  @Test
  void dueTheBusinessesMinutesBeforeTheStart() {
    Instant now = Instant.parse("2026-03-01T12:00:00Z");

    assertThat(ReminderTimes.dueAt(Notifications.defaults(), START, now))
        .contains(Instant.parse("2026-03-02T15:00:00Z"));
    assertThat(ReminderTimes.dueAt(minutesBefore(30), START, now))
        .contains(Instant.parse("2026-03-02T17:30:00Z"));
  }

  @Test
  void noneWhenRemindersAreOff() {
    assertThat(ReminderTimes.dueAt(minutesBefore(0), START, Instant.parse("2026-03-01T12:00:00Z")))
        .isEmpty();
  }

  @Test
  void noneWhenTheDueTimeHasAlreadyPassed() {
    assertThat(ReminderTimes.dueAt(Notifications.defaults(), START, START.minusSeconds(3 * 3600)))
        .isEmpty();
    assertThat(
            ReminderTimes.dueAt(Notifications.defaults(), START, START.minusSeconds(3 * 3600 + 1)))
        .contains(START.minusSeconds(3 * 3600));
  }
}
