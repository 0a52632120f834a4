package io.sahabot.agent.config;

import static io.sahabot.schemas.topics.Topics.RESERVATION_COMMANDS;
import static io.sahabot.schemas.topics.Topics.RESERVATION_EVENTS;
import static io.sahabot.schemas.topics.Topics.TENANT_CHANGELOG;
import static io.sahabot.schemas.topics.Topics.WHATSAPP_INBOUND_MESSAGES;
import static io.sahabot.schemas.topics.Topics.WHATSAPP_INBOUND_STATUSES;
import static io.sahabot.schemas.topics.Topics.WHATSAPP_OUTBOUND;

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
        List.of(RESERVATION_COMMANDS, WHATSAPP_OUTBOUND),
        List.of(
            WHATSAPP_INBOUND_MESSAGES,
            WHATSAPP_INBOUND_STATUSES,
            RESERVATION_EVENTS,
            TENANT_CHANGELOG));
  }
}
