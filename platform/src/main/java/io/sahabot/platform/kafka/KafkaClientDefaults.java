package io.sahabot.platform.kafka;

import java.util.LinkedHashMap;
import java.util.Map;
import org.apache.kafka.common.serialization.StringDeserializer;
import org.apache.kafka.common.serialization.StringSerializer;
import org.springframework.boot.EnvironmentPostProcessor;
import org.springframework.boot.SpringApplication;
import org.springframework.boot.context.config.ConfigDataEnvironmentPostProcessor;
import org.springframework.core.Ordered;
import org.springframework.core.env.ConfigurableEnvironment;
import org.springframework.core.env.MapPropertySource;

/**
 * The Kafka client settings every service shares, as {@code spring.kafka.*} properties below every
 * other property source (a service's {@code application.yml} or an environment variable wins):
 *
 * <ul>
 *   <li>producers: {@code acks=all}, idempotent, string keys, values by {@link
 *       WireOrBytesSerializer} (Spring Boot's own {@code kafkaProducerFactory} and {@code
 *       kafkaTemplate} are then the services' producer);
 *   <li>consumers: {@code read_committed} (tenant-service writes exactly-once), no auto-commit (the
 *       listener containers commit), from the earliest offset when a group has none, string keys.
 *       Values are read through the topic's own deserializer ({@link WireConsumers}).
 * </ul>
 */
public class KafkaClientDefaults implements EnvironmentPostProcessor, Ordered {

  /** The property source's name. */
  public static final String SOURCE = "sahabotKafkaClientDefaults";

  static final Map<String, Object> DEFAULTS = defaults();

  private static Map<String, Object> defaults() {
    Map<String, Object> p = new LinkedHashMap<>();
    p.put("spring.kafka.producer.acks", "all");
    p.put("spring.kafka.producer.properties.enable.idempotence", "true");
    p.put("spring.kafka.producer.key-serializer", StringSerializer.class.getName());
    p.put("spring.kafka.producer.value-serializer", WireOrBytesSerializer.class.getName());
    p.put("spring.kafka.consumer.isolation-level", "read-committed");
    p.put("spring.kafka.consumer.enable-auto-commit", "false");
    p.put("spring.kafka.consumer.auto-offset-reset", "earliest");
    p.put("spring.kafka.consumer.key-deserializer", StringDeserializer.class.getName());
    return Map.copyOf(p);
  }

  @Override
  public int getOrder() {
    return ConfigDataEnvironmentPostProcessor.ORDER + 10;
  }

  @Override
  public void postProcessEnvironment(
      ConfigurableEnvironment environment, SpringApplication application) {
    environment.getPropertySources().addLast(new MapPropertySource(SOURCE, DEFAULTS));
  }
}
