package io.sahabot.local;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.PrintStream;
import java.net.ServerSocket;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * The command line's parsing, for every command: help, unknown options, missing values, the
 * environment's fallbacks. Nothing here starts Kafka, PostgreSQL or a service.
 */
class SahaBotLocalTest {

  private final ByteArrayOutputStream out = new ByteArrayOutputStream();
  private final ByteArrayOutputStream err = new ByteArrayOutputStream();

  private int run(Map<String, String> env, String... args) {
    return SahaBotLocal.run(List.of(args), env, print(out), print(err));
  }

  private int run(String... args) {
    return run(Map.of(), args);
  }

  private String out() {
    return out.toString(StandardCharsets.UTF_8);
  }

  private String err() {
    return err.toString(StandardCharsets.UTF_8);
  }

  @ParameterizedTest
  @ValueSource(strings = {"--help", "-h", "help"})
  void theTopLevelHelpListsEveryCommand(String help) {
    assertThat(run(help)).isZero();
    assertThat(out())
        .startsWith("Usage: ./sahabot [-h] COMMAND")
        .contains("run ", "migrate ", "infra ", "explain ", "replay ", "kafka-acls ");
    assertThat(err()).isEmpty();
  }

  @Test
  void noCommandPrintsTheUsageWithExitCodeTwo() {
    assertThat(run()).isEqualTo(2);
    assertThat(out()).startsWith("Usage: ./sahabot [-h] COMMAND");
  }

  @Test
  void anUnknownCommandIsNamed() {
    assertThat(run("serve")).isEqualTo(2);
    assertThat(err())
        .startsWith("unknown command 'serve'")
        .contains("Usage: ./sahabot [-h] COMMAND")
        .contains("Try './sahabot --help'");
    assertThat(out()).isEmpty();
  }

  @ParameterizedTest
  @ValueSource(strings = {"run", "migrate", "infra", "explain", "replay", "kafka-acls"})
  void everyCommandHasItsHelp(String command) {
    for (String help : List.of("--help", "-h")) {
      out.reset();
      assertThat(run(command, help)).as(command + " " + help).isZero();
      assertThat(out()).contains("Usage: ./sahabot " + command + " [-h]").contains("--help");
    }
    out.reset();
    assertThat(run("help", command)).isZero();
    assertThat(out()).contains("Usage: ./sahabot " + command + " [-h]");
    assertThat(err()).isEmpty();
  }

  @ParameterizedTest
  @ValueSource(strings = {"run", "migrate", "infra", "explain", "replay", "kafka-acls"})
  void anUnknownOptionIsAnErrorWithTheUsageLine(String command) {
    List<String> args = new ArrayList<>(List.of(command));
    if (command.equals("explain")) {
      args.add("merhaba");
    }
    if (command.equals("replay")) {
      args.addAll(List.of("--tenant", "699317973274146"));
    }
    args.add("--bogus");

    assertThat(run(args.toArray(String[]::new))).isEqualTo(2);
    assertThat(err())
        .startsWith(command + ": Unknown option: '--bogus'")
        .contains("Usage: ./sahabot " + command + " [-h]")
        .contains("Try './sahabot " + command + " --help' for more information.");
    assertThat(out()).isEmpty();
  }

  @ParameterizedTest
  @CsvSource({
    "run, --data-dir",
    "run, --console-port",
    "infra, --kafka-port",
    "infra, --pg-port",
    "migrate, --url",
    "migrate, --tenant-app-password",
    "explain, --role",
    "replay, --from",
    "replay, --tenant"
  })
  void anOptionWithoutItsValueIsAnError(String command, String option) {
    List<String> args = new ArrayList<>(List.of(command));
    if (command.equals("explain")) {
      args.add("merhaba");
    }
    if (command.equals("replay") && !option.equals("--tenant")) {
      args.addAll(List.of("--tenant", "699317973274146"));
    }
    args.add(option);

    assertThat(run(args.toArray(String[]::new))).isEqualTo(2);
    assertThat(err())
        .startsWith(command + ": Missing required parameter for option '" + option + "'")
        .contains("Usage: ./sahabot " + command + " [-h]");
    assertThat(out()).isEmpty();
  }

  @Test
  void aValueOfTheWrongTypeIsAnError() {
    assertThat(run("infra", "--kafka-port", "ninety")).isEqualTo(2);
    assertThat(err())
        .startsWith("infra: Invalid value for option '--kafka-port': 'ninety' is not an int");
  }

  @Test
  void replayNeedsATenantAndKafkaAclsTakesNoArguments() {
    assertThat(run("replay", "--from", "2h")).isEqualTo(2);
    assertThat(err()).startsWith("replay: Missing required option: '--tenant=ID'");
    err.reset();
    assertThat(run("kafka-acls", "deploy/kafka/acls.sh")).isEqualTo(2);
    assertThat(err()).startsWith("kafka-acls: Unmatched argument");
  }

  @Test
  void migrateFallsBackToTheEnvironmentAndABlankValueMeansTheDefault() {
    Map<String, String> env =
        Map.of(
            "DATABASE_JDBC_URL", "jdbc:postgresql://127.0.0.1:1/nowhere",
            "DATABASE_OWNER_USER", "owner");
    assertThat(run(env, "migrate")).isEqualTo(1);
    assertThat(out()).startsWith("Migrating jdbc:postgresql://127.0.0.1:1/nowhere as owner");
    assertThat(err()).startsWith("Migration failed: ");

    out.reset();
    assertThat(run(env, "migrate", "--user", "")).isEqualTo(1);
    assertThat(out()).startsWith("Migrating jdbc:postgresql://127.0.0.1:1/nowhere as postgres");

    out.reset();
    assertThat(run(env, "migrate", "--url=jdbc:postgresql://127.0.0.1:1/other", "--user=me"))
        .isEqualTo(1);
    assertThat(out()).startsWith("Migrating jdbc:postgresql://127.0.0.1:1/other as me");
  }

  @Test
  void explainFallsBackToTheEnvironment() throws IOException {
    int port;
    try (ServerSocket s = new ServerSocket(0)) {
      port = s.getLocalPort();
    }
    assertThat(run(Map.of("SAHABOT_AGENT_URL", "http://localhost:" + port), "explain", "merhaba"))
        .isEqualTo(1);
    assertThat(err()).startsWith("explain: agent-service at http://localhost:" + port);
  }

  @Test
  void kafkaAclsPrintsTheScript() {
    assertThat(run("kafka-acls")).isZero();
    assertThat(out()).isEqualTo(io.sahabot.local.kafka.KafkaAcls.script());
  }

  private static PrintStream print(ByteArrayOutputStream bytes) {
    return new PrintStream(bytes, true, StandardCharsets.UTF_8);
  }
}
