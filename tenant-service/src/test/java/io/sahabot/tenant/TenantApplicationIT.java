package io.sahabot.tenant;

import static io.sahabot.schemas.topics.Topics.TENANT_CHANGELOG;
import static io.sahabot.schemas.topics.Topics.WHATSAPP_INBOUND_MESSAGES;
import static io.sahabot.schemas.topics.Topics.WHATSAPP_INBOUND_RAW;
import static io.sahabot.schemas.topics.Topics.WHATSAPP_INBOUND_REJECTED;
import static io.sahabot.schemas.topics.Topics.WHATSAPP_INBOUND_STATUSES;

import io.sahabot.testsupport.IntegrationTest;
import io.sahabot.testsupport.ServiceChecks;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.springframework.boot.test.web.server.LocalServerPort;

@IntegrationTest
class TenantApplicationIT {

  @LocalServerPort int port;

  @Test
  void reportsUpWithItsInfrastructure() {
    ServiceChecks.assertHealthy(port, "kafka", "r2dbc");
  }

  @Test
  void exposesPrometheusMetrics() {
    ServiceChecks.assertPrometheus(port, "tenant-service");
  }

  @Test
  void createsTheTopicsItUsesFromTheCatalogue() {
    ServiceChecks.assertTopics(
        List.of(
            WHATSAPP_INBOUND_RAW,
            WHATSAPP_INBOUND_MESSAGES,
            WHATSAPP_INBOUND_STATUSES,
            WHATSAPP_INBOUND_REJECTED,
            TENANT_CHANGELOG),
        List.of(WHATSAPP_INBOUND_RAW, TENANT_CHANGELOG));
  }
}
