package io.sahabot.ingress;

import static io.sahabot.schemas.topics.Topics.WHATSAPP_INBOUND_RAW;
import static io.sahabot.schemas.topics.Topics.WHATSAPP_OUTBOUND;

import io.sahabot.testsupport.IntegrationTest;
import io.sahabot.testsupport.ServiceChecks;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.springframework.boot.test.web.server.LocalServerPort;

@IntegrationTest
class IngressApplicationIT {

  @LocalServerPort int port;

  @Test
  void reportsUpWithItsInfrastructure() {
    ServiceChecks.assertHealthy(port, "kafka");
  }

  @Test
  void exposesPrometheusMetrics() {
    ServiceChecks.assertPrometheus(port, "ingress-service");
  }

  @Test
  void createsTheTopicsItUsesFromTheCatalogue() {
    ServiceChecks.assertTopics(
        List.of(WHATSAPP_INBOUND_RAW, WHATSAPP_OUTBOUND), List.of(WHATSAPP_OUTBOUND));
  }
}
