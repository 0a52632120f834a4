package io.sahabot.bench;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import org.junit.jupiter.api.Test;

/** The figures of the scale runs: the raw producer's sweep and the exactly-once line. */
class ScaleFiguresTest {

  private static Limits.Rate rate(long count) {
    return new Limits.Rate(count, 1.0, 1.0, 2.0, 0);
  }

  @Test
  void theRawProducersLimitIsTheBestAwaitedLevelNotThePipelinedOne() {
    Limits.RawKafka sweep =
        new Limits.RawKafka(
            List.of(64, 256, 1024), List.of(rate(9_000), rate(21_000), rate(18_000)), rate(90_000));
    assertThat(sweep.bestLevel()).isEqualTo(256);
    assertThat(sweep.best().perSecond()).isEqualTo(21_000);
  }

  @Test
  void exactlyOnceOnlyWhenEveryAcceptedMessageHasOneReply() {
    assertThat(new EndToEnd.Correctness(100, 100, 0, 0).exact()).isTrue();
    assertThat(new EndToEnd.Correctness(100, 99, 1, 0).exact()).isFalse();
    assertThat(new EndToEnd.Correctness(100, 99, 0, 1).exact()).isFalse();
    assertThat(new EndToEnd.Correctness(100, 99, 1, 0).line())
        .contains("100 messages accepted: 99 answered exactly once, 1 lost, 0 answered twice")
        .contains("not exact");
    assertThat(new EndToEnd.Correctness(1_000, 1_000, 0, 0).line()).doesNotContain("not exact");
  }

  @Test
  void theRawInsertsLimitIsTheBestLevelThatWasMeasured() {
    assertThat(BenchmarkSuite.better(rate(3_000), null)).isTrue();
    assertThat(BenchmarkSuite.better(rate(3_000), rate(2_000))).isTrue();
    assertThat(BenchmarkSuite.better(rate(1_000), rate(2_000))).isFalse();
    // a level that failed (a shared server out of connection slots) is not a limit
    assertThat(BenchmarkSuite.better(null, rate(2_000))).isFalse();
    assertThat(BenchmarkSuite.better(null, null)).isFalse();
  }
}
