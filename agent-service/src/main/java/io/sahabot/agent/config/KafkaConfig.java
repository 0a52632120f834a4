package io.sahabot.agent.config;

import io.sahabot.platform.kafka.WireSerdes;
import io.sahabot.schemas.topics.Topic;
import io.sahabot.schemas.topics.Topics;
import java.time.Duration;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.Map;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.serialization.ByteArraySerializer;
import org.apache.kafka.common.serialization.StringDeserializer;
import org.apache.kafka.common.serialization.StringSerializer;
import org.springframework.boot.kafka.autoconfigure.KafkaProperties;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.kafka.config.ConcurrentKafkaListenerContainerFactory;
import org.springframework.kafka.core.DefaultKafkaConsumerFactory;
import org.springframework.kafka.core.DefaultKafkaProducerFactory;
import org.springframework.kafka.core.KafkaOperations;
import org.springframework.kafka.core.KafkaTemplate;
import org.springframework.kafka.listener.ContainerProperties;
import org.springframework.kafka.listener.DeadLetterPublishingRecoverer;
import org.springframework.kafka.listener.DefaultErrorHandler;
import org.springframework.util.backoff.FixedBackOff;

/** Producers and consumers of agent-service, on the wire serdes. */
@Configuration(proxyBeanMethods = false)
class KafkaConfig {

  /**
   * How long a revoked partition's running turns get to finish before its offsets are committed (a
   * rebalance, or the service stopping); below the container's 10 s shutdown timeout.
   */
  static final Duration REVOKE_DRAIN_TIMEOUT = Duration.ofSeconds(8);

  /**
   * Acknowledgments from the turn threads are committed when the consumer next returns from poll:
   * at most this late when no records arrive.
   */
  static final Duration POLL_TIMEOUT = Duration.ofSeconds(1);

  @Bean
  KafkaTemplate<String, Object> kafkaTemplate(KafkaProperties kafka) {
    Map<String, Object> props = new HashMap<>(kafka.buildProducerProperties());
    props.put(ProducerConfig.ACKS_CONFIG, "all");
    props.put(ProducerConfig.ENABLE_IDEMPOTENCE_CONFIG, true);
    props.put(ProducerConfig.LINGER_MS_CONFIG, 5);
    return new KafkaTemplate<>(
        new DefaultKafkaProducerFactory<>(
            props, new StringSerializer(), WireSerdes.valueSerializer()));
  }

  /**
   * Publishes a record to its topic's dead-letter topic ({@code <topic>.dlt}, same partition):
   * unreadable records as the bytes they were, others as they were read.
   */
  @Bean
  DeadLetterPublishingRecoverer agentDeadLetters(
      KafkaProperties kafka, KafkaTemplate<String, Object> template) {
    Map<String, Object> props = new HashMap<>(kafka.buildProducerProperties());
    KafkaTemplate<String, byte[]> bytes =
        new KafkaTemplate<>(
            new DefaultKafkaProducerFactory<>(
                props, new StringSerializer(), new ByteArraySerializer()));
    Map<Class<?>, KafkaOperations<?, ?>> templates = new LinkedHashMap<>();
    templates.put(byte[].class, bytes);
    templates.put(Object.class, template);
    return new DeadLetterPublishingRecoverer(
        templates, (record, e) -> new TopicPartition(record.topic() + ".dlt", record.partition()));
  }

  /**
   * Unreadable records go to the dead-letter topic. The handler does not commit what it recovered:
   * offsets of whatsapp.inbound.messages are committed by {@link InboundOffsets} only (the next
   * finished record covers a dead-lettered one).
   */
  @Bean
  DefaultErrorHandler agentErrorHandler(DeadLetterPublishingRecoverer agentDeadLetters) {
    DefaultErrorHandler handler =
        new DefaultErrorHandler(agentDeadLetters, new FixedBackOff(500, 2));
    handler.addNotRetryableExceptions(IllegalArgumentException.class);
    handler.setAckAfterHandle(false);
    return handler;
  }

  /** Commits whatsapp.inbound.messages' offsets as turns finish, out of order. */
  @Bean
  InboundOffsets inboundOffsets() {
    return new InboundOffsets(REVOKE_DRAIN_TIMEOUT);
  }

  /**
   * whatsapp.inbound.messages: manual acknowledgments, committed by the container at its next poll;
   * the listener never waits for a turn, and {@link InboundOffsets} acknowledges only the
   * contiguous finished prefix of each partition.
   */
  @Bean
  ConcurrentKafkaListenerContainerFactory<String, Object> inboundMessagesFactory(
      KafkaProperties kafka,
      AgentProperties agent,
      DefaultErrorHandler agentErrorHandler,
      InboundOffsets inboundOffsets) {
    ConcurrentKafkaListenerContainerFactory<String, Object> factory =
        factory(kafka, Topics.WHATSAPP_INBOUND_MESSAGES, agentErrorHandler);
    ContainerProperties container = factory.getContainerProperties();
    container.setAckMode(ContainerProperties.AckMode.MANUAL);
    container.setConsumerRebalanceListener(inboundOffsets);
    container.setPollTimeout(POLL_TIMEOUT.toMillis());
    factory.setConcurrency(agent.listenerConcurrency());
    return factory;
  }

  @Bean
  ConcurrentKafkaListenerContainerFactory<String, Object> reservationEventsFactory(
      KafkaProperties kafka, DefaultErrorHandler agentErrorHandler) {
    return factory(
        kafka, Topics.RESERVATION_EVENTS, new DefaultErrorHandler(new FixedBackOff(0, 0)));
  }

  @Bean
  ConcurrentKafkaListenerContainerFactory<String, Object> tenantChangelogFactory(
      KafkaProperties kafka) {
    return factory(kafka, Topics.TENANT_CHANGELOG, new DefaultErrorHandler(new FixedBackOff(0, 0)));
  }

  @SuppressWarnings({"unchecked", "rawtypes"})
  private static ConcurrentKafkaListenerContainerFactory<String, Object> factory(
      KafkaProperties kafka, Topic<?> topic, DefaultErrorHandler errors) {
    Map<String, Object> props = new HashMap<>(kafka.buildConsumerProperties());
    props.put(ConsumerConfig.ENABLE_AUTO_COMMIT_CONFIG, false);
    props.putIfAbsent(ConsumerConfig.AUTO_OFFSET_RESET_CONFIG, "earliest");
    ConcurrentKafkaListenerContainerFactory<String, Object> factory =
        new ConcurrentKafkaListenerContainerFactory<>();
    factory.setConsumerFactory(
        new DefaultKafkaConsumerFactory(
            props, new StringDeserializer(), WireSerdes.safeValueDeserializer(topic)));
    factory.setCommonErrorHandler(errors);
    return factory;
  }
}
