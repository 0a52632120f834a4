package io.sahabot.bench;

import static org.assertj.core.api.Assertions.assertThat;

import io.sahabot.local.Cli;
import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** {@code ./sahabot bench}'s options: parsing them runs nothing. */
class BenchmarkSuiteArgumentsTest {

  private final ByteArrayOutputStream out = new ByteArrayOutputStream();
  private final ByteArrayOutputStream err = new ByteArrayOutputStream();
  private final BenchmarkSuite.Arguments arguments = new BenchmarkSuite.Arguments();

  private int parse(String... args) {
    return Cli.run(
        arguments,
        List.of(args),
        Map.of(),
        new PrintStream(out, true, StandardCharsets.UTF_8),
        new PrintStream(err, true, StandardCharsets.UTF_8));
  }

  @Test
  void theFlags() {
    assertThat(parse("--quick", "--ingress")).isZero();
    assertThat(arguments.parsed).isTrue();
    assertThat(arguments.quick).isTrue();
    assertThat(arguments.ingressOnly).isTrue();
  }

  @Test
  void noFlagsIsTheFullSuite() {
    assertThat(parse()).isZero();
    assertThat(arguments.parsed).isTrue();
    assertThat(arguments.quick).isFalse();
    assertThat(arguments.ingressOnly).isFalse();
    assertThat(arguments.instances).isEqualTo(1);
    assertThat(arguments.brokers).isEqualTo(1);
  }

  @Test
  void twoInstancesAndThreeBrokers() {
    assertThat(parse("--quick", "--instances", "2", "--brokers=3")).isZero();
    assertThat(arguments.parsed).isTrue();
    assertThat(arguments.instances).isEqualTo(2);
    assertThat(arguments.brokers).isEqualTo(3);
  }

  @Test
  void otherCountsAreRefused() {
    assertThat(parse("--instances", "3")).isEqualTo(2);
    assertThat(arguments.parsed).isFalse();
    assertThat(err.toString(StandardCharsets.UTF_8))
        .startsWith("bench: --instances is 1 or 2, not 3");
    err.reset();
    assertThat(parse("--brokers", "2")).isEqualTo(2);
    assertThat(arguments.parsed).isFalse();
    assertThat(err.toString(StandardCharsets.UTF_8))
        .startsWith("bench: --brokers is 1 or 3, not 2");
    err.reset();
    assertThat(parse("--instances", "two")).isEqualTo(2);
    assertThat(arguments.parsed).isFalse();
  }

  @Test
  void helpRunsNothing() {
    for (String help : List.of("--help", "-h")) {
      out.reset();
      assertThat(parse(help)).isZero();
      assertThat(arguments.parsed).isFalse();
      assertThat(out.toString(StandardCharsets.UTF_8))
          .contains("Usage: ./sahabot bench [-h] [--ingress] [--quick]")
          .contains("--instances=N")
          .contains("--brokers=N")
          .contains("SAHABOT_BENCH_JVM_OPTIONS");
    }
  }

  @Test
  void anUnknownOptionIsAnErrorWithTheUsageLine() {
    assertThat(parse("--fast")).isEqualTo(2);
    assertThat(arguments.parsed).isFalse();
    assertThat(err.toString(StandardCharsets.UTF_8))
        .startsWith("bench: Unknown option: '--fast'")
        .contains("Usage: ./sahabot bench [-h]");
  }

  @Test
  void aFlagTakesNoValue() {
    assertThat(parse("--quick=yes")).isEqualTo(2);
    assertThat(arguments.parsed).isFalse();
  }
}
