package io.sahabot.reservation;

import static io.sahabot.schemas.topics.Topics.RESERVATION_COMMANDS;
import static io.sahabot.schemas.topics.Topics.RESERVATION_EVENTS;
import static io.sahabot.schemas.topics.Topics.TENANT_CHANGELOG;
import static org.assertj.core.api.Assertions.assertThat;

import io.sahabot.schemas.topics.Topic;
import io.sahabot.testsupport.ActuatorProbe;
import io.sahabot.testsupport.IntegrationTest;
import io.sahabot.testsupport.KafkaTopicsProbe;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.springframework.boot.test.web.server.LocalServerPort;

@IntegrationTest
class ReservationApplicationIT {

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
        .contains("application=\"reservation-service\"");
  }

  @Test
  void createsTheTopicsItUsesFromTheCatalogue() {
    List<Topic<?>> uses = List.of(RESERVATION_EVENTS, RESERVATION_COMMANDS, TENANT_CHANGELOG);
    List<String> expected = new ArrayList<>(uses.stream().map(Topic::name).toList());
    List.of(RESERVATION_COMMANDS, TENANT_CHANGELOG).forEach(t -> expected.add(t.deadLetter()));

    Map<String, Integer> partitions = KafkaTopicsProbe.partitions(expected);

    assertThat(partitions).containsOnlyKeys(expected);
    uses.forEach(t -> assertThat(partitions.get(t.name())).as(t.name()).isEqualTo(t.partitions()));
  }
}
