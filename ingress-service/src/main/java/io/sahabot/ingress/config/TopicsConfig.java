package io.sahabot.ingress.config;

import io.sahabot.platform.kafka.KafkaTopicProperties;
import io.sahabot.platform.kafka.TopicDeclarations;
import io.sahabot.schemas.topics.KafkaAccess;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.kafka.core.KafkaAdmin;

/**
 * The topics this service reads and writes ({@link KafkaAccess#INGRESS}), created at startup from
 * the catalogue.
 */
@Configuration(proxyBeanMethods = false)
class TopicsConfig {

  @Bean
  KafkaAdmin.NewTopics topics(KafkaTopicProperties replication) {
    return TopicDeclarations.declare(replication, KafkaAccess.INGRESS);
  }
}
