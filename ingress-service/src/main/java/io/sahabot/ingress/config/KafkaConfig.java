package io.sahabot.ingress.config;

import io.sahabot.schemas.topics.Topics;
import java.util.HashMap;
import java.util.Map;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.springframework.boot.kafka.autoconfigure.DefaultKafkaProducerFactoryCustomizer;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

/**
 * The one producer of the service is Spring Boot's, set up by platform (acks=all, idempotent, wire
 * JSON values and raw bytes for dead-lettered records that could not be read; linger and metadata
 * idle time in {@code spring.kafka.producer.properties}); here its delivery is bounded by the
 * webhook's publish timeout, so a POST never waits longer than it may, and its largest request is
 * the catalogue's {@link Topics#WEBHOOK_RECORD_MAX_BYTES} (the raw and rejected topics' {@code
 * max.message.bytes}, above the webhook body limit), so that any change of an accepted webhook can
 * be published.
 */
@Configuration(proxyBeanMethods = false)
public class KafkaConfig {

  /** Kafka's own default {@code linger.ms} (4.x), when none is configured. */
  private static final long DEFAULT_LINGER_MS = 5;

  @Bean
  DefaultKafkaProducerFactoryCustomizer boundedDelivery(IngressProperties props) {
    long timeoutMs = props.webhook().publishTimeout().toMillis();
    return factory ->
        factory.updateConfigs(deliveryBounds(factory.getConfigurationProperties(), timeoutMs));
  }

  /**
   * {@code base} with its request, delivery and blocking times bounded by {@code timeoutMs}: what a
   * webhook may wait for its records to be acknowledged.
   */
  public static Map<String, Object> producerConfig(Map<String, Object> base, long timeoutMs) {
    Map<String, Object> config = new HashMap<>(base);
    config.putAll(deliveryBounds(base, timeoutMs));
    return config;
  }

  private static Map<String, Object> deliveryBounds(Map<String, Object> base, long timeoutMs) {
    Map<String, Object> bounds = new HashMap<>();
    long request = Math.max(500, timeoutMs / 2);
    Object linger = base.get(ProducerConfig.LINGER_MS_CONFIG);
    long lingerMs = linger == null ? DEFAULT_LINGER_MS : toLong(linger);
    bounds.put(ProducerConfig.REQUEST_TIMEOUT_MS_CONFIG, (int) request);
    bounds.put(
        ProducerConfig.DELIVERY_TIMEOUT_MS_CONFIG,
        (int) Math.max(timeoutMs, request + 1 + lingerMs));
    bounds.put(ProducerConfig.MAX_BLOCK_MS_CONFIG, request);
    bounds.put(ProducerConfig.MAX_REQUEST_SIZE_CONFIG, Topics.WEBHOOK_RECORD_MAX_BYTES);
    return bounds;
  }

  private static long toLong(Object value) {
    return value instanceof Number n ? n.longValue() : Long.parseLong(String.valueOf(value));
  }
}
