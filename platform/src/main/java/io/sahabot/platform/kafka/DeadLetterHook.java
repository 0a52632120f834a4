package io.sahabot.platform.kafka;

import java.util.List;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.common.header.Headers;
import org.apache.kafka.common.header.internals.RecordHeaders;

/**
 * What a service adds to the dead-letter publishing of {@link DeadLetters}: a bean of this type
 * contributes headers beyond spring-kafka's {@code kafka_dlt-*} ones, and exceptions that are final
 * at once (not retried).
 */
public interface DeadLetterHook {

  /** Headers added to the dead letter of {@code record}, failed with {@code exception}. */
  default Headers headers(ConsumerRecord<?, ?> record, Exception exception) {
    return new RecordHeaders();
  }

  /** Exceptions (and their subclasses, anywhere in the cause chain) that are not retried. */
  default List<Class<? extends Exception>> notRetryable() {
    return List.of();
  }
}
