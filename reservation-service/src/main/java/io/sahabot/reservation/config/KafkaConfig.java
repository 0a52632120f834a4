package io.sahabot.reservation.config;

import static io.sahabot.schemas.topics.Topics.RESERVATION_COMMANDS;

import io.sahabot.platform.kafka.DeadLetters;
import io.sahabot.platform.kafka.WireConsumers;
import io.sahabot.platform.tenants.TenantSnapshots;
import io.sahabot.schemas.reservation.ReservationCommand;
import java.time.Clock;
import org.springframework.boot.kafka.autoconfigure.KafkaProperties;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.kafka.config.ConcurrentKafkaListenerContainerFactory;
import org.springframework.kafka.listener.ContainerProperties;

/**
 * The command listener's container: batches, platform's consumer of reservation.commands and its
 * dead letters ({@link DeadLetters}: bounded retry from {@code sahabot.kafka.retry.*}, validation
 * and deserialization errors to the dead-letter topic at once). The producer is Spring Boot's, set
 * up by platform ({@code spring.kafka.producer.*}).
 */
@Configuration(proxyBeanMethods = false)
class KafkaConfig {

  @Bean
  Clock clock() {
    return Clock.systemUTC();
  }

  /**
   * Every tenant's latest snapshot, read from tenant.changelog with no group; it starts before the
   * command listener.
   */
  @Bean
  TenantSnapshots tenantSnapshots(KafkaProperties kafka) {
    return new TenantSnapshots(kafka.buildConsumerProperties(), "reservation-tenant-changelog");
  }

  @Bean
  ConcurrentKafkaListenerContainerFactory<String, ReservationCommand> commandListenerFactory(
      KafkaProperties kafka, DeadLetters deadLetters) {
    var factory =
        WireConsumers.listenerFactory(kafka, RESERVATION_COMMANDS, deadLetters.errorHandler());
    factory.setBatchListener(true);
    factory.getContainerProperties().setAckMode(ContainerProperties.AckMode.BATCH);
    return factory;
  }
}
