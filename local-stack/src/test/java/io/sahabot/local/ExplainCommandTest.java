package io.sahabot.local;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.PrintStream;
import java.net.ServerSocket;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** The explain command's input errors and an agent that does not answer (no agent needed). */
class ExplainCommandTest {

  private final ByteArrayOutputStream out = new ByteArrayOutputStream();
  private final ByteArrayOutputStream err = new ByteArrayOutputStream();

  private int run(String... args) {
    return SahaBotLocal.run(
        List.of(args), Map.of(), new PrintStream(out, true), new PrintStream(err, true));
  }

  @Test
  void theTextIsRequired() {
    assertThat(run("explain", "--role", "owner")).isEqualTo(2);
    assertThat(err.toString())
        .startsWith("explain: Missing required parameter: 'TEXT'")
        .contains("Usage: ./sahabot explain");
  }

  @Test
  void theTextMayFollowTheOptions() throws IOException {
    int port;
    try (ServerSocket s = new ServerSocket(0)) {
      port = s.getLocalPort();
    }
    assertThat(run("explain", "--agent-url", "http://localhost:" + port, "merhaba")).isEqualTo(1);
    assertThat(err.toString()).startsWith("explain: agent-service at http://localhost:" + port);
  }

  @Test
  void aBadRoleTimeOrTenantIsNamed() {
    assertThat(run("explain", "merhaba", "--role", "admin")).isEqualTo(2);
    assertThat(err.toString()).contains("--role must be customer or owner");
    assertThat(run("explain", "merhaba", "--at", "tomorrow")).isEqualTo(2);
    assertThat(err.toString()).contains("--at must be ISO-8601");
    assertThat(run("explain", "merhaba", "--tenant", "acme")).isEqualTo(2);
    assertThat(err.toString()).contains("--tenant must be a tenant id");
  }

  @Test
  void anAgentThatDoesNotAnswerIsSaidInOneLine() throws IOException {
    int port;
    try (ServerSocket s = new ServerSocket(0)) {
      port = s.getLocalPort();
    }
    assertThat(run("explain", "merhaba", "--agent-url", "http://localhost:" + port)).isEqualTo(1);
    assertThat(err.toString()).startsWith("explain: agent-service at http://localhost:" + port);
    assertThat(out.toString()).isEmpty();
  }
}
