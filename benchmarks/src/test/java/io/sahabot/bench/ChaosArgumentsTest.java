package io.sahabot.bench;

import static org.assertj.core.api.Assertions.assertThat;

import io.sahabot.local.Cli;
import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** {@code ./sahabot chaos}'s options: parsing them runs nothing. */
class ChaosArgumentsTest {

  private final ByteArrayOutputStream out = new ByteArrayOutputStream();
  private final ByteArrayOutputStream err = new ByteArrayOutputStream();
  private final ChaosRun.Arguments arguments = new ChaosRun.Arguments();

  private int parse(String... args) {
    return Cli.run(
        arguments,
        List.of(args),
        Map.of(),
        new PrintStream(out, true, StandardCharsets.UTF_8),
        new PrintStream(err, true, StandardCharsets.UTF_8));
  }

  @Test
  void someFaultsOnlyOnThreeBrokers() {
    assertThat(parse("--brokers", "3", "--faults", "broker,backup")).isZero();
    assertThat(arguments.parsed).isTrue();
    assertThat(arguments.brokers).isEqualTo(3);
    assertThat(arguments.faults).containsExactly("broker", "backup");
  }

  @Test
  void anUnknownFaultIsRefusedWithTheListOfFaults() {
    assertThat(parse("--faults", "broker,disk")).isEqualTo(2);
    assertThat(arguments.parsed).isFalse();
    assertThat(err.toString(StandardCharsets.UTF_8))
        .contains("unknown fault disk")
        .contains(String.join(", ", ChaosRun.FAULT_NAMES));
  }
}
