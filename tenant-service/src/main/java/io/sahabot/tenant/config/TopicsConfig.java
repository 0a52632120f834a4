package io.sahabot.tenant.config;

import static io.sahabot.schemas.topics.Topics.TENANT_CHANGELOG;
import static io.sahabot.schemas.topics.Topics.WHATSAPP_INBOUND_MESSAGES;
import static io.sahabot.schemas.topics.Topics.WHATSAPP_INBOUND_RAW;
import static io.sahabot.schemas.topics.Topics.WHATSAPP_INBOUND_REJECTED;
import static io.sahabot.schemas.topics.Topics.WHATSAPP_INBOUND_STATUSES;

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
        List.of(
            WHATSAPP_INBOUND_MESSAGES,
            WHATSAPP_INBOUND_STATUSES,
            WHATSAPP_INBOUND_REJECTED,
            TENANT_CHANGELOG),
        List.of(WHATSAPP_INBOUND_RAW, TENANT_CHANGELOG));
  }
}
