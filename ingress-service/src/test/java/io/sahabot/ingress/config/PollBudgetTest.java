package io.sahabot.ingress.config;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Duration;
import org.junit.jupiter.api.Test;

class PollBudgetTest {

  private static final Duration MAX_POLL_INTERVAL = Duration.ofMinutes(5);

  @Test
  void theDefaultsKeepAPollUnderMaxPollIntervalEvenWhenEveryCallTimesOut() {
    PollBudget defaults = new PollBudget(Duration.ofSeconds(10), Duration.ofSeconds(5), 3);

    assertThat(defaults.perRecord()).isEqualTo(Duration.ofSeconds(90));
    assertThat(defaults.perPoll()).isEqualTo(Duration.ofSeconds(270));
    defaults.check(MAX_POLL_INTERVAL);
  }

  @Test
  void aGraphApiAnsweringInFiveSecondsHoldsAPollForNinetySecondsAtMost() {
    PollBudget slowGraph = new PollBudget(Duration.ofSeconds(5), Duration.ofSeconds(5), 3);

    // 4 calls of 5 s each (at most 2 × 5 s with connect and read), 2 rate-limiter waits
    assertThat(slowGraph.perPoll()).isLessThan(MAX_POLL_INTERVAL);
  }

  @Test
  void tooManyRecordsPerPollAreRefusedAtStartup() {
    PollBudget before = new PollBudget(Duration.ofSeconds(10), Duration.ofSeconds(5), 50);

    assertThatThrownBy(() -> before.check(MAX_POLL_INTERVAL))
        .isInstanceOf(IllegalStateException.class)
        .hasMessageContaining("max-poll-records");
  }
}
