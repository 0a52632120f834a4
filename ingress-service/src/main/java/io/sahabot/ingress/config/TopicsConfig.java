package io.sahabot.ingress.config;

import static io.sahabot.schemas.topics.Topics.WHATSAPP_INBOUND_RAW;
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
        replicationFactor, List.of(WHATSAPP_INBOUND_RAW), List.of(WHATSAPP_OUTBOUND));
  }
}
