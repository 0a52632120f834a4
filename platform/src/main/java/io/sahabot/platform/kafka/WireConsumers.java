package io.sahabot.platform.kafka;

import io.sahabot.schemas.topics.Topic;
import org.apache.kafka.common.serialization.StringDeserializer;
import org.springframework.boot.kafka.autoconfigure.KafkaProperties;
import org.springframework.kafka.config.ConcurrentKafkaListenerContainerFactory;
import org.springframework.kafka.core.DefaultKafkaConsumerFactory;
import org.springframework.kafka.listener.CommonErrorHandler;

/**
 * Consumers of one topic of the catalogue: the client settings of {@code spring.kafka.consumer.*}
 * ({@link KafkaClientDefaults}: {@code read_committed}, no auto-commit, earliest), string keys, and
 * values through the topic's sealed interface, wrapped so an unreadable record reaches the error
 * handler ({@link WireSerdes#safeValueDeserializer}).
 */
public final class WireConsumers {

  private WireConsumers() {}

  public static <V> DefaultKafkaConsumerFactory<String, V> consumerFactory(
      KafkaProperties kafka, Topic<V> topic) {
    return new DefaultKafkaConsumerFactory<>(
        kafka.buildConsumerProperties(),
        new StringDeserializer(),
        WireSerdes.safeValueDeserializer(topic));
  }

  /** A listener container factory for {@code topic}, its errors to {@code errors}. */
  public static <V> ConcurrentKafkaListenerContainerFactory<String, V> listenerFactory(
      KafkaProperties kafka, Topic<V> topic, CommonErrorHandler errors) {
    var factory = new ConcurrentKafkaListenerContainerFactory<String, V>();
    factory.setConsumerFactory(consumerFactory(kafka, topic));
    factory.setCommonErrorHandler(errors);
    return factory;
  }
}
