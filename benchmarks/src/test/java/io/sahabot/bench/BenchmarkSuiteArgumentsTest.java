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
  void onlyTheLimitsReservationAndEndToEnd() {
    assertThat(parse("--quick", "--e2e", "--instances", "2")).isZero();
    assertThat(arguments.parsed).isTrue();
    assertThat(arguments.e2eOnly).isTrue();
    assertThat(arguments.ingressOnly).isFalse();

    BenchmarkSuite.Arguments both = new BenchmarkSuite.Arguments();
    assertThat(
            Cli.run(
                both,
                List.of("--e2e", "--ingress"),
                Map.of(),
                new PrintStream(out, true, StandardCharsets.UTF_8),
                new PrintStream(err, true, StandardCharsets.UTF_8)))
        .isEqualTo(2);
    assertThat(both.parsed).isFalse();
    assertThat(err.toString(StandardCharsets.UTF_8))
        .startsWith("bench: --ingress and --e2e run different parts");
  }

  @Test
  void theRunsDatabaseMayBeNamed() {
    assertThat(BenchmarkSuite.database(null)).isEqualTo("sahabot_bench");
    assertThat(BenchmarkSuite.database(" ")).isEqualTo("sahabot_bench");
    assertThat(BenchmarkSuite.database("sahabot_bench_h2")).isEqualTo("sahabot_bench_h2");
    org.assertj.core.api.Assertions.assertThatThrownBy(
            () -> BenchmarkSuite.database("x; DROP DATABASE postgres"))
        .isInstanceOf(IllegalArgumentException.class);
  }

  @Test
  void noFlagsIsTheFullSuite() {
    assertThat(parse()).isZero();
    assertThat(arguments.parsed).isTrue();
    assertThat(arguments.quick).isFalse();
    assertThat(arguments.ingressOnly).isFalse();
    assertThat(arguments.e2eOnly).isFalse();
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
  void theTenantsOfTheProvisioning() {
    assertThat(parse("--quick", "--tenants", "1000")).isZero();
    assertThat(arguments.tenants).isEqualTo(1000);
    assertThat(Plan.quick().withTenants(arguments.tenants).tenants()).isEqualTo(1000);
    assertThat(Plan.quick().withTenants(null).tenants()).isEqualTo(100);
    assertThat(Plan.full().tenants()).isEqualTo(10_000);
  }

  @Test
  void otherCountsAreRefused() {
    for (List<String> args :
        List.of(
            List.of("--instances", "3"),
            List.of("--brokers", "2"),
            List.of("--instances", "two"),
            List.of("--tenants", "10"))) {
      BenchmarkSuite.Arguments fresh = new BenchmarkSuite.Arguments();
      err.reset();
      assertThat(
              Cli.run(
                  fresh,
                  args,
                  Map.of(),
                  new PrintStream(out, true, StandardCharsets.UTF_8),
                  new PrintStream(err, true, StandardCharsets.UTF_8)))
          .as("%s", args)
          .isEqualTo(2);
      assertThat(fresh.parsed).isFalse();
      assertThat(err.toString(StandardCharsets.UTF_8)).startsWith("bench: ");
    }
    assertThat(err.toString(StandardCharsets.UTF_8))
        .startsWith("bench: --tenants is 50 to 100000, not 10");
    assertThat(parse("--brokers", "2")).isEqualTo(2);
    assertThat(err.toString(StandardCharsets.UTF_8)).contains("bench: --brokers is 1 or 3, not 2");
    err.reset();
    BenchmarkSuite.Arguments other = new BenchmarkSuite.Arguments();
    Cli.run(
        other,
        List.of("--instances", "3"),
        Map.of(),
        new PrintStream(out, true, StandardCharsets.UTF_8),
        new PrintStream(err, true, StandardCharsets.UTF_8));
    assertThat(err.toString(StandardCharsets.UTF_8))
        .startsWith("bench: --instances is 1 or 2, not 3");
  }

  @Test
  void helpRunsNothing() {
    for (String help : List.of("--help", "-h")) {
      out.reset();
      assertThat(parse(help)).isZero();
      assertThat(arguments.parsed).isFalse();
      assertThat(out.toString(StandardCharsets.UTF_8))
          .contains("Usage: ./sahabot bench [-h] [--e2e] [--ingress] [--quick]")
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
