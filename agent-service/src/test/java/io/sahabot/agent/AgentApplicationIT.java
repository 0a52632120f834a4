package io.sahabot.agent;

import static org.assertj.core.api.Assertions.assertThat;

import io.sahabot.testsupport.ActuatorProbe;
import io.sahabot.testsupport.IntegrationTest;
import org.junit.jupiter.api.Test;
import org.springframework.boot.test.web.server.LocalServerPort;

@IntegrationTest
class AgentApplicationIT {

  @LocalServerPort int port;

  @Test
  void reportsUpWithItsInfrastructure() {
    ActuatorProbe probe = new ActuatorProbe(port);

    assertThat(probe.health().path("status").asText()).isEqualTo("UP");
    assertThat(probe.componentStatus("kafka")).as("kafka").isEqualTo("UP");
    assertThat(probe.componentStatus("r2dbc")).as("r2dbc").isEqualTo("UP");
  }

  @Test
  void exposesPrometheusMetrics() {
    var response = new ActuatorProbe(port).get("/actuator/prometheus");

    assertThat(response.statusCode()).isEqualTo(200);
    assertThat(response.body())
        .contains("jvm_memory_used_bytes")
        .contains("application=\"agent-service\"");
  }
}
