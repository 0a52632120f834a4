package io.sahabot.platform.kafka;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.sahabot.schemas.reservation.Actor;
import io.sahabot.schemas.reservation.CancelReservation;
import io.sahabot.schemas.reservation.ReservationCommand;
import io.sahabot.schemas.topics.Topics;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.UUID;
import org.apache.kafka.common.header.internals.RecordHeaders;
import org.junit.jupiter.api.Test;

class WireSerdesTest {

  private final CancelReservation cancel =
      new CancelReservation(
          "cmd-1",
          Instant.parse("2026-11-27T07:00:00Z"),
          UUID.fromString("00000000-0000-0000-0000-00000000000a"),
          "wamid.1",
          new Actor(Actor.Role.CUSTOMER, "905454031918"),
          42L,
          null);

  @Test
  void writesTheTypeAsAPropertyAndNoJavaClassHeader() {
    RecordHeaders headers = new RecordHeaders();

    byte[] bytes =
        WireSerdes.<ReservationCommand>valueSerializer()
            .serialize(Topics.RESERVATION_COMMANDS.name(), headers, cancel);

    assertThat(new String(bytes, StandardCharsets.UTF_8))
        .contains("\"type\":\"CancelReservation\"");
    assertThat(headers.toArray()).isEmpty();
  }

  @Test
  void readsTheConcreteTypeThroughTheTopicsSealedInterface() {
    byte[] bytes =
        WireSerdes.<ReservationCommand>valueSerializer()
            .serialize(Topics.RESERVATION_COMMANDS.name(), cancel);

    ReservationCommand read =
        WireSerdes.valueDeserializer(Topics.RESERVATION_COMMANDS)
            .deserialize(Topics.RESERVATION_COMMANDS.name(), new RecordHeaders(), bytes);

    assertThat(read).isEqualTo(cancel);
  }

  @Test
  void refusesAnUnknownType() {
    byte[] bytes = "{\"type\":\"DropTable\"}".getBytes(StandardCharsets.UTF_8);

    assertThatThrownBy(
            () ->
                WireSerdes.valueDeserializer(Topics.RESERVATION_COMMANDS)
                    .deserialize(Topics.RESERVATION_COMMANDS.name(), new RecordHeaders(), bytes))
        .isInstanceOf(RuntimeException.class);
  }
}
