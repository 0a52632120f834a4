package io.sahabot.platform.kafka;

import java.util.ArrayList;
import java.util.List;
import java.util.function.BiConsumer;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.header.Header;
import org.apache.kafka.common.header.Headers;
import org.apache.kafka.common.header.internals.RecordHeaders;
import org.springframework.kafka.core.KafkaOperations;
import org.springframework.kafka.listener.BackOffHandler;
import org.springframework.kafka.listener.ConsumerRecordRecoverer;
import org.springframework.kafka.listener.DeadLetterPublishingRecoverer;
import org.springframework.kafka.listener.DefaultErrorHandler;
import org.springframework.util.backoff.BackOff;

/**
 * Dead-letter publishing, the same in every service: a failed record goes to {@code <topic>.dlt},
 * same partition, same key, its value as it was read (the raw bytes when it could not be read),
 * with spring-kafka's {@code kafka_dlt-*} headers (original topic, partition, offset, timestamp,
 * exception class, message and stack trace) and whatever the service's {@link DeadLetterHook}s add.
 * The send is awaited: a dead letter that the broker did not take fails the recovery, so the record
 * is tried again rather than lost.
 *
 * <p>{@link #errorHandler()} retries with the bounded back-off of {@link DeadLetterProperties};
 * deserialization errors (spring-kafka's defaults), validation errors ({@link
 * IllegalArgumentException}, {@link NullPointerException}: what the records' compact constructors
 * throw) and the hooks' exceptions go to the dead-letter topic at once. {@link
 * #errorHandler(BackOff, BackOffHandler)} also retries {@link TransientFailures transient} failures
 * (the database or broker away) for as long as they last.
 */
public final class DeadLetters {

  /** The dead-letter topic of {@code topic}. */
  public static String topicOf(String topic) {
    return topic + ".dlt";
  }

  private final DeadLetterPublishingRecoverer recoverer;
  private final DeadLetterProperties properties;
  private final List<Class<? extends Exception>> notRetryable = new ArrayList<>();

  public DeadLetters(
      KafkaOperations<?, ?> template, DeadLetterProperties properties, List<DeadLetterHook> hooks) {
    this.properties = properties;
    this.recoverer =
        new DeadLetterPublishingRecoverer(
            template,
            (record, e) -> new TopicPartition(topicOf(record.topic()), record.partition()));
    recoverer.setFailIfSendResultIsError(true);
    if (!hooks.isEmpty()) {
      recoverer.setHeadersFunction((record, e) -> headers(hooks, record, e));
    }
    notRetryable.add(IllegalArgumentException.class);
    notRetryable.add(NullPointerException.class);
    hooks.forEach(h -> notRetryable.addAll(h.notRetryable()));
  }

  private static Headers headers(
      List<DeadLetterHook> hooks, ConsumerRecord<?, ?> record, Exception e) {
    Headers all = new RecordHeaders();
    for (DeadLetterHook hook : hooks) {
      for (Header header : hook.headers(record, e)) {
        all.add(header);
      }
    }
    return all;
  }

  /** The recoverer, for a container that needs its own error handler. */
  public DeadLetterPublishingRecoverer recoverer() {
    return recoverer;
  }

  /**
   * Publishes {@code record}'s dead letter now, outside an error handler (e.g. a turn that failed
   * on another thread), and waits for the broker to take it.
   */
  public void publish(ConsumerRecord<?, ?> record, Exception exception) {
    recoverer.accept(record, null, exception);
  }

  /** A new error handler: bounded retries, then the dead-letter topic. */
  public DefaultErrorHandler errorHandler() {
    return errorHandler(null);
  }

  /**
   * A new error handler like {@link #errorHandler()}, whose back-offs are taken by {@code
   * backOffHandler} (e.g. one that pauses a partition instead of sleeping); {@code null}: sleep.
   */
  @SuppressWarnings("unchecked")
  public DefaultErrorHandler errorHandler(BackOffHandler backOffHandler) {
    DefaultErrorHandler handler =
        backOffHandler == null
            ? new DefaultErrorHandler(recoverer, properties.backOff())
            : new DefaultErrorHandler(recoverer, properties.backOff(), backOffHandler);
    handler.addNotRetryableExceptions(notRetryable.toArray(Class[]::new));
    return handler;
  }

  /**
   * A new error handler that never gives up on a {@link TransientFailures transient} failure: it is
   * retried with {@code whileTransient} (a back-off that should never end, e.g. an {@code
   * ExponentialBackOff} with a maximum interval and no maximum elapsed time), waiting as {@code
   * waiting} says (spring-kafka's {@code ContainerPausingBackOffHandler} pauses the consumer
   * instead of sleeping on its thread, so it keeps polling and stays in its group). Deterministic
   * failures (validation, deserialization, the hooks' exceptions) go to the dead-letter topic at
   * once, as with {@link #errorHandler()}; any other failure gets the bounded back-off of {@link
   * DeadLetterProperties}, then the dead-letter topic.
   */
  public DefaultErrorHandler errorHandler(BackOff whileTransient, BackOffHandler waiting) {
    return errorHandler(whileTransient, waiting, (record, e) -> {});
  }

  /**
   * {@link #errorHandler(BackOff, BackOffHandler)}, and {@code deadLettered} is told of each record
   * once the broker has taken its dead letter (before its offset is committed), e.g. to record in
   * the service's database that the record was handled.
   */
  @SuppressWarnings("unchecked")
  public DefaultErrorHandler errorHandler(
      BackOff whileTransient,
      BackOffHandler waiting,
      BiConsumer<ConsumerRecord<?, ?>, Exception> deadLettered) {
    ConsumerRecordRecoverer recover =
        (record, e) -> {
          recoverer.accept(record, e);
          deadLettered.accept(record, e);
        };
    DefaultErrorHandler handler = new DefaultErrorHandler(recover, properties.backOff(), waiting);
    handler.addNotRetryableExceptions(notRetryable.toArray(Class[]::new));
    handler.setBackOffFunction(
        (record, e) -> TransientFailures.isTransient(e) ? whileTransient : null);
    return handler;
  }
}
