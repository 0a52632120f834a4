package io.sahabot.local.replay;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Instant;
import org.junit.jupiter.api.Test;

class TimeRangeTest {

  private static final Instant NOW = Instant.parse("2026-11-27T12:00:00Z");

  @Test
  void readsDurationsAgoInstantsAndOffsetDateTimes() {
    assertThat(TimeRange.instant("from", "90s", NOW)).isEqualTo("2026-11-27T11:58:30Z");
    assertThat(TimeRange.instant("from", "15m", NOW)).isEqualTo("2026-11-27T11:45:00Z");
    assertThat(TimeRange.instant("from", "2h", NOW)).isEqualTo("2026-11-27T10:00:00Z");
    assertThat(TimeRange.instant("from", "1d", NOW)).isEqualTo("2026-11-26T12:00:00Z");
    assertThat(TimeRange.instant("from", "PT30M", NOW)).isEqualTo("2026-11-27T11:30:00Z");
    assertThat(TimeRange.instant("from", "2026-11-27T09:00:00Z", NOW))
        .isEqualTo("2026-11-27T09:00:00Z");
    assertThat(TimeRange.instant("from", "2026-11-27T12:00:00+03:00", NOW))
        .isEqualTo("2026-11-27T09:00:00Z");
  }

  @Test
  void refusesWhatIsNeitherAndARangeBackwards() {
    assertThatThrownBy(() -> TimeRange.instant("from", "yesterday", NOW))
        .hasMessageStartingWith("--from 'yesterday' is neither an ISO instant");
    assertThatThrownBy(() -> TimeRange.instant("to", "2026-13-01T00:00:00Z", NOW))
        .hasMessageStartingWith("--to '2026-13-01T00:00:00Z' is neither");
    assertThatThrownBy(() -> TimeRange.parse("1h", "2h", NOW))
        .hasMessageContaining("is after --to");
  }
}
