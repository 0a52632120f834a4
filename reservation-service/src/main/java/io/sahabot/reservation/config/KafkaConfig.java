package io.sahabot.reservation.config;

import static io.sahabot.schemas.topics.Topics.RESERVATION_COMMANDS;

import io.sahabot.platform.kafka.WireSerdes;
import io.sahabot.schemas.reservation.ReservationCommand;
import java.time.Clock;
import java.util.HashMap;
import java.util.Map;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.serialization.Serializer;
import org.apache.kafka.common.serialization.StringDeserializer;
import org.apache.kafka.common.serialization.StringSerializer;
import org.springframework.boot.kafka.autoconfigure.KafkaProperties;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.kafka.config.ConcurrentKafkaListenerContainerFactory;
import org.springframework.kafka.core.DefaultKafkaConsumerFactory;
import org.springframework.kafka.core.DefaultKafkaProducerFactory;
import org.springframework.kafka.core.KafkaTemplate;
import org.springframework.kafka.core.ProducerFactory;
import org.springframework.kafka.listener.ContainerProperties;
import org.springframework.kafka.listener.DeadLetterPublishingRecoverer;
import org.springframework.kafka.listener.DefaultErrorHandler;
import org.springframework.util.backoff.ExponentialBackOff;

/**
 * Kafka wiring: the wire serdes, an idempotent producer with acks=all, and the command listener's
 * container with a bounded retry and a dead-letter topic. Validation and deserialization errors go
 * to the dead-letter topic at once.
 */
@Configuration(proxyBeanMethods = false)
class KafkaConfig {

  /** The command listener's group (its listener id: the group deployments have always had). */
  static final String GROUP = "reservation-commands";

  @Bean
  Clock clock() {
    return Clock.systemUTC();
  }

  @Bean
  ProducerFactory<String, Object> producerFactory(KafkaProperties kafka) {
    Map<String, Object> config = new HashMap<>(kafka.buildProducerProperties());
    config.put(ProducerConfig.ACKS_CONFIG, "all");
    config.put(ProducerConfig.ENABLE_IDEMPOTENCE_CONFIG, true);
    config.put(ProducerConfig.LINGER_MS_CONFIG, 1);
    return new DefaultKafkaProducerFactory<>(config, new StringSerializer(), wireOrBytes());
  }

  /** Wire JSON, except for the raw bytes of a record that could not be read (dead letters). */
  private static Serializer<Object> wireOrBytes() {
    Serializer<Object> json = WireSerdes.valueSerializer();
    return new Serializer<>() {
      @Override
      public byte[] serialize(String topic, Object data) {
        return data instanceof byte[] bytes ? bytes : json.serialize(topic, data);
      }

      @Override
      public void close() {
        json.close();
      }
    };
  }

  @Bean
  KafkaTemplate<String, Object> kafkaTemplate(ProducerFactory<String, Object> producerFactory) {
    return new KafkaTemplate<>(producerFactory);
  }

  @Bean
  ConcurrentKafkaListenerContainerFactory<String, ReservationCommand> commandListenerFactory(
      KafkaProperties kafka, KafkaTemplate<String, Object> template) {
    Map<String, Object> config = new HashMap<>(kafka.buildConsumerProperties());
    config.putIfAbsent(ConsumerConfig.GROUP_ID_CONFIG, GROUP);
    config.put(ConsumerConfig.AUTO_OFFSET_RESET_CONFIG, "earliest");
    config.put(ConsumerConfig.ENABLE_AUTO_COMMIT_CONFIG, false);
    var consumers =
        new DefaultKafkaConsumerFactory<>(
            config,
            new StringDeserializer(),
            WireSerdes.safeValueDeserializer(RESERVATION_COMMANDS));
    var factory = new ConcurrentKafkaListenerContainerFactory<String, ReservationCommand>();
    factory.setConsumerFactory(consumers);
    factory.setBatchListener(true);
    factory.getContainerProperties().setAckMode(ContainerProperties.AckMode.BATCH);
    var recoverer =
        new DeadLetterPublishingRecoverer(
            template,
            (record, e) -> new TopicPartition(record.topic() + ".dlt", record.partition()));
    ExponentialBackOff backOff = new ExponentialBackOff(200, 2.0);
    backOff.setMaxElapsedTime(5_000);
    var errors = new DefaultErrorHandler(recoverer, backOff);
    errors.addNotRetryableExceptions(IllegalArgumentException.class, NullPointerException.class);
    factory.setCommonErrorHandler(errors);
    return factory;
  }
}
