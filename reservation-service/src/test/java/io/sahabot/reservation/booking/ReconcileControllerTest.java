package io.sahabot.reservation.booking;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.sahabot.reservation.booking.domain.Restorations;
import java.time.Instant;
import org.junit.jupiter.api.Test;

class ReconcileControllerTest {

  static final Instant NOW = Instant.parse("2026-12-07T22:00:00Z");

  @Test
  void sinceIsADurationBackFromNowOrAnInstant() {
    assertThat(ReconcileController.since("2h", NOW))
        .isEqualTo(Instant.parse("2026-12-07T20:00:00Z"));
    assertThat(ReconcileController.since("90s", NOW))
        .isEqualTo(Instant.parse("2026-12-07T21:58:30Z"));
    assertThat(ReconcileController.since("PT1H", NOW))
        .isEqualTo(Instant.parse("2026-12-07T21:00:00Z"));
    assertThat(ReconcileController.since("2026-12-07T21:10:00Z", NOW))
        .isEqualTo(Instant.parse("2026-12-07T21:10:00Z"));
    assertThatThrownBy(() -> ReconcileController.since("yesterday", NOW))
        .isInstanceOf(IllegalArgumentException.class);
    assertThatThrownBy(() -> ReconcileController.since("0s", NOW))
        .isInstanceOf(IllegalArgumentException.class);
  }

  @Test
  void theErasedCustomersRefusalIsAnAnswerNeverStored() {
    assertThat(Restorations.NEVER_STORED).contains(BookingService.ERASED_CUSTOMER);
  }
}
