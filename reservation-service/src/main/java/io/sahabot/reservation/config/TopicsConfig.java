package io.sahabot.reservation.config;

import static io.sahabot.schemas.topics.Topics.RESERVATION_COMMANDS;
import static io.sahabot.schemas.topics.Topics.RESERVATION_EVENTS;
import static io.sahabot.schemas.topics.Topics.TENANT_CHANGELOG;

import io.sahabot.platform.kafka.TopicDeclarations;
import java.util.List;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.kafka.core.KafkaAdmin;

/** The topics this service reads and writes, created at startup from the catalogue. */
@Configuration(proxyBeanMethods = false)
class TopicsConfig {

  @Bean
  KafkaAdmin.NewTopics topics(
      @Value("${sahabot.kafka.replication-factor:1}") int replicationFactor) {
    return TopicDeclarations.declare(
        replicationFactor,
        List.of(RESERVATION_EVENTS),
        List.of(RESERVATION_COMMANDS, TENANT_CHANGELOG));
  }
}
