package io.sahabot.reservation;

import static io.sahabot.schemas.topics.Topics.RESERVATION_COMMANDS;
import static io.sahabot.schemas.topics.Topics.RESERVATION_EVENTS;
import static io.sahabot.schemas.topics.Topics.TENANT_CHANGELOG;
import static org.assertj.core.api.Assertions.assertThat;

import io.sahabot.testsupport.ActuatorProbe;
import io.sahabot.testsupport.IntegrationTest;
import io.sahabot.testsupport.ServiceChecks;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.springframework.boot.test.web.server.LocalServerPort;
import tools.jackson.databind.json.JsonMapper;

@IntegrationTest
class ReservationApplicationIT {

  @LocalServerPort int port;

  @Test
  void reportsUpWithItsInfrastructure() {
    ServiceChecks.assertHealthy(port, "kafka", "r2dbc", "tenants", "commands");
  }

  @Test
  void isReadyOnceTenantsAreReadAndCommandsGoThrough() {
    var readiness = new ActuatorProbe(port).get("/actuator/health/readiness");
    assertThat(readiness.statusCode()).isEqualTo(200);
    var body = JsonMapper.builder().build().readTree(readiness.body());
    assertThat(body.path("status").asText()).isEqualTo("UP");
    assertThat(body.path("components").path("tenants").path("status").asText()).isEqualTo("UP");
    assertThat(body.path("components").path("tenants").path("details").path("topic").asText())
        .isEqualTo(TENANT_CHANGELOG.name());
    assertThat(body.path("components").path("commands").path("status").asText()).isEqualTo("UP");
  }

  @Test
  void exposesPrometheusMetrics() {
    ServiceChecks.assertPrometheus(port, "reservation-service");
  }

  @Test
  void createsTheTopicsItUsesFromTheCatalogue() {
    ServiceChecks.assertTopics(
        List.of(RESERVATION_EVENTS, RESERVATION_COMMANDS, TENANT_CHANGELOG),
        List.of(RESERVATION_COMMANDS, TENANT_CHANGELOG));
  }
}
