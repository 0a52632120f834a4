package io.sahabot.bench;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import org.junit.jupiter.api.Test;

class ReportTest {

  @Test
  void everyFigureIsPrintedBesideItsLimitRatioAndTarget() {
    Report report = new Report();
    report.summary(
        new Report.Line(
            "2. Ingress", "signed webhooks 450/s", "bare endpoint 1,000/s", 0.45, "≥ 50%", false));
    report.section("2. Ingress").table(List.of("a", "b"), List.of(List.of("1", "2")));

    String md =
        report.markdown("title", List.of("preamble"), List.of(List.of("machine", "2 cores")));

    assertThat(md)
        .contains(
            "| 2. Ingress | signed webhooks 450/s | bare endpoint 1,000/s | 45% | ≥ 50% | **no** |")
        .contains("| machine | 2 cores |")
        .contains("## 2. Ingress\n\n| a | b |\n| --- | --- |\n| 1 | 2 |");
    assertThat(report.failures()).isEmpty();
  }

  @Test
  void aBrokenBenchmarkIsAFailureNamedInTheReport() {
    Report report = new Report();

    report.failed("4. End to end", "no webhook was answered");

    assertThat(report.failures()).containsExactly("4. End to end: no webhook was answered");
    assertThat(report.markdown("t", List.of(), List.of()))
        .contains("**Failed:** 4. End to end: no webhook was answered");
  }

  @Test
  void figuresAreRoundedForReading() {
    assertThat(Report.rate(1234.4)).isEqualTo("1,234/s");
    assertThat(Report.rate(12.34)).isEqualTo("12.3/s");
    assertThat(Report.ms(7.25)).isEqualTo("7.3 ms");
    assertThat(Report.ms(Double.NaN)).isEqualTo("–");
  }
}
