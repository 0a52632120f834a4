package io.sahabot.tenant;

import static io.sahabot.schemas.topics.Topics.TENANT_CHANGELOG;
import static io.sahabot.schemas.topics.Topics.WHATSAPP_INBOUND_MESSAGES;
import static io.sahabot.schemas.topics.Topics.WHATSAPP_INBOUND_RAW;
import static io.sahabot.schemas.topics.Topics.WHATSAPP_INBOUND_REJECTED;
import static io.sahabot.schemas.topics.Topics.WHATSAPP_INBOUND_STATUSES;
import static org.assertj.core.api.Assertions.assertThat;

import io.sahabot.testsupport.IntegrationTest;
import io.sahabot.testsupport.ServiceChecks;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.r2dbc.core.DatabaseClient;

@IntegrationTest
class TenantApplicationIT {

  @LocalServerPort int port;

  @Autowired DatabaseClient db;

  @Test
  void connectsAsItsOwnRoleTheOnlyOneThatWritesTenants() {
    String user =
        db.sql("SELECT current_user AS u").map(r -> r.get("u", String.class)).one().block();

    assertThat(user).isEqualTo("sahabot_tenant_app");
  }

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
