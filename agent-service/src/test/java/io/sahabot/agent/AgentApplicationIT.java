package io.sahabot.agent;

import static io.sahabot.schemas.topics.Topics.RESERVATION_COMMANDS;
import static io.sahabot.schemas.topics.Topics.RESERVATION_EVENTS;
import static io.sahabot.schemas.topics.Topics.TENANT_CHANGELOG;
import static io.sahabot.schemas.topics.Topics.WHATSAPP_INBOUND_MESSAGES;
import static io.sahabot.schemas.topics.Topics.WHATSAPP_OUTBOUND;

import io.sahabot.testsupport.IntegrationTest;
import io.sahabot.testsupport.ServiceChecks;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.test.annotation.DirtiesContext;

@IntegrationTest
// every context of this module consumes in the same groups (agent-service, the notifier's): closed
// after its class, so that the next class's context gets every partition
@DirtiesContext
class AgentApplicationIT {

  @LocalServerPort int port;

  @Test
  void reportsUpWithItsInfrastructure() {
    ServiceChecks.assertHealthy(port, "kafka", "r2dbc", "tenants");
  }

  @Test
  void exposesPrometheusMetrics() {
    ServiceChecks.assertPrometheus(port, "agent-service");
  }

  @Test
  void createsTheTopicsItUsesFromTheCatalogue() {
    ServiceChecks.assertTopics(
        List.of(
            RESERVATION_COMMANDS,
            WHATSAPP_OUTBOUND,
            WHATSAPP_INBOUND_MESSAGES,
            RESERVATION_EVENTS,
            TENANT_CHANGELOG),
        List.of(WHATSAPP_INBOUND_MESSAGES, RESERVATION_EVENTS, TENANT_CHANGELOG));
  }
}
