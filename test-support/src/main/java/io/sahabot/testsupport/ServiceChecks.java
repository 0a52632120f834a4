package io.sahabot.testsupport;

import static org.assertj.core.api.Assertions.assertThat;

import io.sahabot.schemas.topics.Topic;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/** What every service must show once started: health, metrics, and the topics it created. */
public final class ServiceChecks {

  private ServiceChecks() {}

  /** {@code /actuator/health} is UP, and so is each named component (e.g. kafka, r2dbc). */
  public static void assertHealthy(int port, String... components) {
    ActuatorProbe probe = new ActuatorProbe(port);
    assertThat(probe.health().path("status").asText()).isEqualTo("UP");
    for (String component : components) {
      assertThat(probe.componentStatus(component)).as(component).isEqualTo("UP");
    }
  }

  /** {@code /actuator/prometheus} answers with JVM metrics tagged with the application's name. */
  public static void assertPrometheus(int port, String application) {
    var response = new ActuatorProbe(port).get("/actuator/prometheus");
    assertThat(response.statusCode()).isEqualTo(200);
    assertThat(response.body())
        .contains("jvm_memory_used_bytes")
        .contains("application=\"" + application + "\"");
  }

  /**
   * The broker has every topic the service uses, with the catalogue's partitions, and the
   * dead-letter topic of each one it consumes.
   */
  public static void assertTopics(List<Topic<?>> uses, List<Topic<?>> consumes) {
    List<String> expected = new ArrayList<>(uses.stream().map(Topic::name).toList());
    consumes.forEach(t -> expected.add(t.deadLetter()));

    Map<String, Integer> partitions = KafkaTopicsProbe.partitions(expected);

    assertThat(partitions).containsOnlyKeys(expected);
    uses.forEach(t -> assertThat(partitions.get(t.name())).as(t.name()).isEqualTo(t.partitions()));
  }
}
