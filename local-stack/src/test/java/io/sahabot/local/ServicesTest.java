package io.sahabot.local;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Path;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** A second instance of a service: the same jar and consumer groups, its own port and id. */
class ServicesTest {

  private final Services.Service tenant =
      Services.on(
              new Services.Ports(9001, 9002, 9003, 9004),
              "localhost:9092",
              "r2dbc:postgresql://localhost/db",
              Services.Logins.LOCAL,
              Path.of("/data"))
          .stream()
          .filter(s -> s.name().equals("tenant-service"))
          .findFirst()
          .orElseThrow();

  @Test
  void theFirstInstanceGoesByItsName() {
    assertThat(tenant.id()).isEqualTo("tenant-service");
    assertThat(tenant.with(Map.of("X", "1")).id()).isEqualTo("tenant-service");
  }

  @Test
  void aSecondInstanceHasItsOwnPortIdAndStateButTheSameKafka() {
    Services.Service second =
        tenant.instance(2, 9102, Map.of("SAHABOT_TENANT_STATE_DIR", "/data/tenant-streams-2"));
    assertThat(second.name()).isEqualTo("tenant-service");
    assertThat(second.id()).isEqualTo("tenant-service-2");
    assertThat(second.port()).isEqualTo(9102);
    assertThat(second.env())
        .containsEntry("PORT", "9102")
        .containsEntry("SAHABOT_TENANT_STATE_DIR", "/data/tenant-streams-2")
        .containsEntry("KAFKA_BOOTSTRAP_SERVERS", "localhost:9092");
    assertThat(tenant.env()).containsEntry("PORT", "9002");
    assertThat(second.with(Map.of("X", "1")).id()).isEqualTo("tenant-service-2");
  }
}
