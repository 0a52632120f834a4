package io.sahabot.ingress.sender.domain;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.util.concurrent.atomic.AtomicLong;
import org.junit.jupiter.api.Test;

class NumberRateLimitsTest {

  private final AtomicLong clock = new AtomicLong(1_000_000_000L);
  private final NumberRateLimits limits = new NumberRateLimits(3, Duration.ZERO, clock::get);

  private void at(long millis) {
    clock.set(1_000_000_000L + millis * 1_000_000);
  }

  @Test
  void aNumberGetsItsCountAndNoMoreUntilTheOldestSendWasAnsweredASecondAgo() {
    NumberRateLimits.Permit first = limits.acquire("n1");
    assertThat(limits.acquire("n1")).isNotNull();
    assertThat(limits.acquire("n1")).isNotNull();
    assertThat(limits.acquire("n1")).isNull();
    // another number has its own count
    assertThat(limits.acquire("n2")).isNotNull();

    at(400);
    first.done(limits.now()); // answered at 400 ms: counts until 1400 ms
    at(1399);
    assertThat(limits.acquire("n1")).isNull();
    at(1400);
    assertThat(limits.acquire("n1")).isNotNull();
    assertThat(limits.acquire("n1")).isNull();
  }

  @Test
  void aSendNotAnsweredYetStillCounts() {
    limits.acquire("n1");
    limits.acquire("n1");
    limits.acquire("n1");

    at(10_000);

    assertThat(limits.acquire("n1")).isNull();
  }
}
