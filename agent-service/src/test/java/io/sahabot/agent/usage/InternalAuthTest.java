package io.sahabot.agent.usage;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.concurrent.atomic.AtomicBoolean;
import org.junit.jupiter.api.Test;
import org.springframework.http.HttpStatus;
import org.springframework.http.MediaType;
import org.springframework.mock.http.server.reactive.MockServerHttpRequest;
import org.springframework.mock.web.server.MockServerWebExchange;
import reactor.core.publisher.Mono;

class InternalAuthTest {

  private final InternalAuth auth = new InternalAuth("s3cret");

  private boolean passes(MockServerHttpRequest request) {
    AtomicBoolean reached = new AtomicBoolean();
    MockServerWebExchange exchange = MockServerWebExchange.from(request);
    auth.filter(exchange, e -> Mono.fromRunnable(() -> reached.set(true))).block();
    if (!reached.get()) {
      assertThat(exchange.getResponse().getStatusCode()).isEqualTo(HttpStatus.UNAUTHORIZED);
      assertThat(exchange.getResponse().getHeaders().getContentType())
          .isEqualTo(MediaType.APPLICATION_PROBLEM_JSON);
      assertThat(exchange.getResponse().getBodyAsString().block()).contains("\"status\":401");
    }
    return reached.get();
  }

  @Test
  void anInternalPathNeedsTheInternalToken() {
    String path = "/internal/tenants/7d3c1f0a-55b4-4f7e-9a51-3b1f2c6d8e90/usage";

    assertThat(
            passes(
                MockServerHttpRequest.get(path).header("Authorization", "Bearer s3cret").build()))
        .isTrue();
    assertThat(passes(MockServerHttpRequest.get(path).build())).isFalse();
    assertThat(
            passes(MockServerHttpRequest.get(path).header("Authorization", "Bearer wrong").build()))
        .isFalse();
    assertThat(passes(MockServerHttpRequest.get(path).header("Authorization", "s3cret").build()))
        .isFalse();
  }

  @Test
  void otherPathsAreNotItsBusiness() {
    assertThat(passes(MockServerHttpRequest.get("/actuator/health").build())).isTrue();
    assertThat(passes(MockServerHttpRequest.get("/internalish").build())).isTrue();
  }
}
