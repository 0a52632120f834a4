package io.sahabot.platform.kafka;

import java.io.IOException;
import java.util.IdentityHashMap;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.TimeoutException;

/**
 * Which failures are transient: the database or the broker is unreachable, restarting, overloaded
 * or slow, so the same work will succeed once it is back. Such a failure is retried for as long as
 * it lasts and never makes a record a dead letter; a deterministic one (bad data) never becomes
 * good by waiting.
 *
 * <p>Matched anywhere in the cause chain, by class name where the class belongs to an optional
 * library (R2DBC, Spring's data access), so that a service without a database loads this class too:
 *
 * <ul>
 *   <li>R2DBC's {@code R2dbcTransientException} (transient resource, timeout, rollback) and {@code
 *       R2dbcNonTransientResourceException} (the connection: refused, closed, terminated; its
 *       "non-transient" means the statement, not the server);
 *   <li>Spring's {@code TransientDataAccessException}, {@code DataAccessResourceFailureException}
 *       and {@code RecoverableDataAccessException};
 *   <li>an {@link IOException} (connection refused or closed), a {@link TimeoutException} (an
 *       operation's own timeout);
 *   <li>Kafka's {@code RetriableException} (its timeouts, a leader not available, …) and
 *       spring-kafka's {@code KafkaProducerException} (a send the broker did not acknowledge);
 *   <li>{@link NotYet}: work a service holds back on purpose until something running beside it is
 *       done (e.g. a repair of its database).
 * </ul>
 */
public final class TransientFailures {

  private static final Set<String> TRANSIENT =
      Set.of(
          "io.r2dbc.spi.R2dbcTransientException",
          "io.r2dbc.spi.R2dbcNonTransientResourceException",
          "org.springframework.dao.TransientDataAccessException",
          "org.springframework.dao.DataAccessResourceFailureException",
          "org.springframework.dao.RecoverableDataAccessException",
          "org.apache.kafka.common.errors.RetriableException",
          "org.springframework.kafka.core.KafkaProducerException",
          IOException.class.getName(),
          TimeoutException.class.getName(),
          NotYet.class.getName());

  private TransientFailures() {}

  /**
   * Work that must not be done yet and will be done once something else has happened (a repair
   * running in the background, say): transient by definition, so it is retried like a database that
   * is away, never dead-lettered.
   */
  public static class NotYet extends RuntimeException {
    public NotYet(String message) {
      super(message);
    }
  }

  /** Whether {@code failure}, or anything in its cause chain, is transient. */
  public static boolean isTransient(Throwable failure) {
    return transientCause(failure) != null;
  }

  /** The first throwable of the cause chain that is transient, or {@code null}. */
  public static Throwable transientCause(Throwable failure) {
    Map<Throwable, Boolean> seen = new IdentityHashMap<>();
    for (Throwable t = failure; t != null && seen.put(t, true) == null; t = t.getCause()) {
      for (Class<?> c = t.getClass(); c != null && c != Object.class; c = c.getSuperclass()) {
        if (TRANSIENT.contains(c.getName())) {
          return t;
        }
      }
    }
    return null;
  }
}
