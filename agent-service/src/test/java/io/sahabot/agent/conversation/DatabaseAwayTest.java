package io.sahabot.agent.conversation;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.net.SocketTimeoutException;
import org.junit.jupiter.api.Test;
import org.springframework.dao.DataAccessResourceFailureException;
import org.springframework.dao.DataIntegrityViolationException;

/** Which failed turns run again in place (the database away) and which get the apology. */
class DatabaseAwayTest {

  @Test
  void aDatabaseThatCannotBeReachedIsRetriedInPlace() {
    assertThat(
            TurnHandler.databaseAway(
                new DataAccessResourceFailureException("Failed to obtain R2DBC Connection")))
        .isTrue();
    assertThat(
            TurnHandler.databaseAway(
                new IllegalStateException(
                    "memory",
                    new DataAccessResourceFailureException("closed", new IOException("reset")))))
        .isTrue();
  }

  @Test
  void theModelsOwnFailuresAndDataErrorsAreNot() {
    assertThat(TurnHandler.databaseAway(new RuntimeException(new SocketTimeoutException())))
        .isFalse();
    assertThat(TurnHandler.databaseAway(new IllegalStateException("the model said no"))).isFalse();
    assertThat(TurnHandler.databaseAway(new DataIntegrityViolationException("duplicate key")))
        .isFalse();
  }
}
