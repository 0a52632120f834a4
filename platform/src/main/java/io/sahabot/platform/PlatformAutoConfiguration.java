package io.sahabot.platform;

import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.Metrics;
import io.sahabot.platform.db.TenantScope;
import io.sahabot.platform.kafka.DeadLetterDepth;
import io.sahabot.platform.kafka.DeadLetterDepthProperties;
import io.sahabot.platform.kafka.DeadLetterHook;
import io.sahabot.platform.kafka.DeadLetterProperties;
import io.sahabot.platform.kafka.DeadLetters;
import io.sahabot.platform.kafka.KafkaHealthIndicator;
import io.sahabot.platform.kafka.KafkaTopicProperties;
import io.sahabot.platform.security.SecretsGuard;
import io.sahabot.platform.tenants.TenantSnapshots;
import io.sahabot.platform.tenants.TenantSnapshotsHealthIndicator;
import io.sahabot.schemas.topics.KafkaAccess;
import io.sahabot.schemas.topics.Topic;
import java.time.Duration;
import org.springframework.beans.factory.ObjectProvider;
import org.springframework.boot.autoconfigure.AutoConfiguration;
import org.springframework.boot.autoconfigure.condition.ConditionalOnBean;
import org.springframework.boot.autoconfigure.condition.ConditionalOnClass;
import org.springframework.boot.autoconfigure.condition.ConditionalOnMissingBean;
import org.springframework.boot.autoconfigure.condition.ConditionalOnProperty;
import org.springframework.boot.context.properties.EnableConfigurationProperties;
import org.springframework.boot.kafka.autoconfigure.KafkaAutoConfiguration;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.core.env.Environment;
import org.springframework.kafka.core.KafkaAdmin;
import org.springframework.kafka.core.KafkaTemplate;
import org.springframework.r2dbc.core.DatabaseClient;
import org.springframework.transaction.ReactiveTransactionManager;
import org.springframework.transaction.reactive.TransactionalOperator;

/**
 * What every SahaBot service gets: the secrets guard, Kafka health, the replication of the topics
 * it creates ({@link KafkaTopicProperties}), dead-letter publishing ({@link DeadLetters}) and the
 * depth of its dead-letter topics ({@link DeadLetterDepth}), the {@code tenants} health component
 * where it reads {@code tenant.changelog} ({@link TenantSnapshotsHealthIndicator}), and the tenant
 * scope where there is a database.
 */
@AutoConfiguration(
    after = KafkaAutoConfiguration.class,
    afterName = {
      "org.springframework.boot.r2dbc.autoconfigure.R2dbcAutoConfiguration",
      "org.springframework.boot.r2dbc.autoconfigure.R2dbcTransactionManagerAutoConfiguration",
      "org.springframework.boot.data.r2dbc.autoconfigure.DataR2dbcAutoConfiguration"
    })
@EnableConfigurationProperties({
  KafkaTopicProperties.class,
  DeadLetterProperties.class,
  DeadLetterDepthProperties.class
})
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

  /**
   * The {@code tenants} health component, where the service keeps a {@link TenantSnapshots}: DOWN
   * until tenant.changelog has been read (the service puts it in its readiness group).
   */
  @Bean(name = "tenantsHealthIndicator")
  @ConditionalOnBean(TenantSnapshots.class)
  @ConditionalOnMissingBean(name = "tenantsHealthIndicator")
  TenantSnapshotsHealthIndicator tenantsHealthIndicator(TenantSnapshots tenants) {
    return new TenantSnapshotsHealthIndicator(tenants);
  }

  /**
   * Gauge {@code sahabot.dlt.depth} of each dead-letter topic the service writes, by its entry of
   * the access catalogue ({@link KafkaAccess}, found by {@code spring.application.name}); none for
   * a service that is not in the catalogue.
   */
  @Bean
  @ConditionalOnBean(KafkaAdmin.class)
  @ConditionalOnMissingBean
  @ConditionalOnProperty(
      prefix = "sahabot.kafka.dlt-depth",
      name = "enabled",
      havingValue = "true",
      matchIfMissing = true)
  DeadLetterDepth deadLetterDepth(
      KafkaAdmin kafkaAdmin,
      DeadLetterDepthProperties properties,
      Environment environment,
      ObjectProvider<MeterRegistry> registry) {
    String service = environment.getProperty("spring.application.name", "");
    var topics =
        KafkaAccess.all().stream()
            .filter(access -> access.service().equals(service))
            .flatMap(access -> access.deadLetters().stream())
            .map(Topic::deadLetter)
            .toList();
    return new DeadLetterDepth(
        kafkaAdmin.getConfigurationProperties(),
        topics,
        properties,
        registry.getIfAvailable(() -> Metrics.globalRegistry));
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
