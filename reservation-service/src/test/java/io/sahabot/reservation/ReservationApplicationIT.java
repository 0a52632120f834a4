package io.sahabot.reservation;

import static io.sahabot.schemas.topics.Topics.RESERVATION_COMMANDS;
import static io.sahabot.schemas.topics.Topics.RESERVATION_EVENTS;
import static io.sahabot.schemas.topics.Topics.TENANT_CHANGELOG;

import io.sahabot.testsupport.IntegrationTest;
import io.sahabot.testsupport.ServiceChecks;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.springframework.boot.test.web.server.LocalServerPort;

@IntegrationTest
class ReservationApplicationIT {

  @LocalServerPort int port;

  @Test
  void reportsUpWithItsInfrastructure() {
    ServiceChecks.assertHealthy(port, "kafka", "r2dbc");
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
