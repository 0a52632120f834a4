package io.sahabot.platform;

import io.sahabot.platform.db.TenantScope;
import io.sahabot.platform.kafka.DeadLetterHook;
import io.sahabot.platform.kafka.DeadLetterProperties;
import io.sahabot.platform.kafka.DeadLetters;
import io.sahabot.platform.kafka.KafkaHealthIndicator;
import io.sahabot.platform.kafka.KafkaTopicProperties;
import io.sahabot.platform.security.SecretsGuard;
import java.time.Duration;
import org.springframework.beans.factory.ObjectProvider;
import org.springframework.boot.autoconfigure.AutoConfiguration;
import org.springframework.boot.autoconfigure.condition.ConditionalOnBean;
import org.springframework.boot.autoconfigure.condition.ConditionalOnClass;
import org.springframework.boot.autoconfigure.condition.ConditionalOnMissingBean;
import org.springframework.boot.context.properties.EnableConfigurationProperties;
import org.springframework.boot.kafka.autoconfigure.KafkaAutoConfiguration;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.kafka.core.KafkaAdmin;
import org.springframework.kafka.core.KafkaTemplate;
import org.springframework.r2dbc.core.DatabaseClient;
import org.springframework.transaction.ReactiveTransactionManager;
import org.springframework.transaction.reactive.TransactionalOperator;

/**
 * What every SahaBot service gets: the secrets guard, Kafka health, the replication of the topics
 * it creates ({@link KafkaTopicProperties}), dead-letter publishing ({@link DeadLetters}), and the
 * tenant scope where there is a database.
 */
@AutoConfiguration(
    after = KafkaAutoConfiguration.class,
    afterName = {
      "org.springframework.boot.r2dbc.autoconfigure.R2dbcAutoConfiguration",
      "org.springframework.boot.r2dbc.autoconfigure.R2dbcTransactionManagerAutoConfiguration",
      "org.springframework.boot.data.r2dbc.autoconfigure.DataR2dbcAutoConfiguration"
    })
@EnableConfigurationProperties({KafkaTopicProperties.class, DeadLetterProperties.class})
public class PlatformAutoConfiguration {

  /** Outside the local run, no service starts with a secret missing or at its local value. */
  @Bean
  static SecretsGuard sahabotSecretsGuard() {
    return new SecretsGuard();
  }

  @Bean(name = "kafkaHealthIndicator")
  @ConditionalOnBean(KafkaAdmin.class)
  @ConditionalOnMissingBean(name = "kafkaHealthIndicator")
  KafkaHealthIndicator kafkaHealthIndicator(KafkaAdmin kafkaAdmin) {
    return new KafkaHealthIndicator(kafkaAdmin, Duration.ofSeconds(3));
  }

  /** Dead letters through the service's template (Spring Boot's, or its own). */
  @Bean
  @ConditionalOnBean(KafkaTemplate.class)
  @ConditionalOnMissingBean
  DeadLetters deadLetters(
      KafkaTemplate<?, ?> template,
      DeadLetterProperties properties,
      ObjectProvider<DeadLetterHook> hooks) {
    return new DeadLetters(template, properties, hooks.orderedStream().toList());
  }

  @Configuration(proxyBeanMethods = false)
  @ConditionalOnClass(DatabaseClient.class)
  static class Database {

    @Bean
    @ConditionalOnBean({DatabaseClient.class, ReactiveTransactionManager.class})
    @ConditionalOnMissingBean
    TenantScope tenantScope(DatabaseClient db, ReactiveTransactionManager transactionManager) {
      return new TenantScope(db, TransactionalOperator.create(transactionManager));
    }
  }
}
