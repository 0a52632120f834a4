package io.sahabot.platform.kafka;

import static org.assertj.core.api.Assertions.assertThat;

import io.r2dbc.spi.R2dbcDataIntegrityViolationException;
import io.r2dbc.spi.R2dbcNonTransientResourceException;
import io.r2dbc.spi.R2dbcTransientResourceException;
import java.net.ConnectException;
import java.util.concurrent.TimeoutException;
import org.junit.jupiter.api.Test;
import org.springframework.kafka.listener.BatchListenerFailedException;
import org.springframework.transaction.CannotCreateTransactionException;

class TransientFailuresTest {

  @Test
  void theDatabaseOrBrokerAwayIsTransientWhereverItIsInTheCauseChain() {
    // what reservation-service sees while its database refuses connections
    var noConnection =
        new CannotCreateTransactionException(
            "Could not open R2DBC Connection for transaction",
            new R2dbcNonTransientResourceException("database is not accepting connections"));
    assertThat(TransientFailures.isTransient(noConnection)).isTrue();
    assertThat(
            TransientFailures.isTransient(
                new BatchListenerFailedException("failed", noConnection, 0)))
        .isTrue();
    assertThat(TransientFailures.isTransient(new R2dbcTransientResourceException("busy"))).isTrue();
    assertThat(TransientFailures.isTransient(new IllegalStateException(new ConnectException())))
        .isTrue();
    assertThat(TransientFailures.isTransient(new TimeoutException("30s"))).isTrue();
    assertThat(
            TransientFailures.isTransient(
                new org.apache.kafka.common.errors.TimeoutException("no ack")))
        .isTrue();
    // work held back on purpose until a repair is done
    assertThat(
            TransientFailures.isTransient(
                new BatchListenerFailedException(
                    "waits", new TransientFailures.NotYet("reconciling"), 0)))
        .isTrue();
  }

  @Test
  void badDataAndBugsAreNot() {
    assertThat(TransientFailures.isTransient(new IllegalArgumentException("no commandId")))
        .isFalse();
    assertThat(TransientFailures.isTransient(new R2dbcDataIntegrityViolationException("23505")))
        .isFalse();
    assertThat(TransientFailures.isTransient(new IllegalStateException("a bug"))).isFalse();
  }
}
