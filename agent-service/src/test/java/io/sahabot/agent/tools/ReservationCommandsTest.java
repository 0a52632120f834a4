package io.sahabot.agent.tools;

import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.sahabot.agent.fixtures.AgentSettings;
import io.sahabot.schemas.reservation.Actor;
import io.sahabot.schemas.reservation.CancelReservation;
import io.sahabot.schemas.reservation.CustomerRef;
import io.sahabot.schemas.reservation.RequestReservation;
import java.time.Instant;
import java.util.UUID;
import org.junit.jupiter.api.Test;

/**
 * The one way the agent writes reservation.commands never carries an operator's command, nor the
 * business's through its tenant API (tenant-service sends those).
 */
class ReservationCommandsTest {

  static final Actor OPERATOR = new Actor(Actor.Role.OPERATOR, "905551112233");

  // no Kafka: an operator's command must be refused before anything is sent
  private final ReservationCommands commands =
      new ReservationCommands(null, AgentSettings.forUnitTests());

  @Test
  void anOperatorsCommandIsNeverSent() {
    Instant start = Instant.parse("2026-11-30T17:00:00Z");
    var booking =
        new RequestReservation(
            "cmd-1",
            Instant.now(),
            UUID.randomUUID(),
            "wamid.1",
            OPERATOR,
            new CustomerRef("Ahmet", "905454031918", "905454031918"),
            null,
            start,
            start.plusSeconds(3600));
    var cancel =
        new CancelReservation(
            "cmd-2", Instant.now(), UUID.randomUUID(), "wamid.2", OPERATOR, 7L, null);

    assertThatThrownBy(() -> commands.send(booking))
        .isInstanceOf(IllegalStateException.class)
        .hasMessageContaining("not OPERATOR's");
    assertThatThrownBy(() -> commands.send(cancel)).isInstanceOf(IllegalStateException.class);
  }

  @Test
  void theBusinessesApiCommandIsNeverSentByTheAgent() {
    var cancel =
        new CancelReservation(
            "cmd-3",
            Instant.now(),
            UUID.randomUUID(),
            "wamid.3",
            Actor.businessOperator(),
            7L,
            null);

    assertThatThrownBy(() -> commands.send(cancel))
        .isInstanceOf(IllegalStateException.class)
        .hasMessageContaining("not BUSINESS's");
  }
}
