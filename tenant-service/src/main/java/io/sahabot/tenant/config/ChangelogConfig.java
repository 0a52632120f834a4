package io.sahabot.tenant.config;

import io.micrometer.core.instrument.MeterRegistry;
import io.sahabot.platform.db.TenantScope;
import io.sahabot.schemas.tenant.TenantChangelogRecord;
import io.sahabot.tenant.changelog.ChangelogRelay;
import io.sahabot.tenant.changelog.TenantOutbox;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.kafka.core.KafkaTemplate;

/** The relay of {@code tenant_outbox} to {@code tenant.changelog}. */
@Configuration(proxyBeanMethods = false)
class ChangelogConfig {

  @Bean
  ChangelogRelay changelogRelay(
      TenantOutbox outbox,
      TenantScope scope,
      KafkaTemplate<String, TenantChangelogRecord> template,
      TenantProperties properties,
      MeterRegistry meters) {
    return new ChangelogRelay(outbox, scope, template, properties.outbox(), meters);
  }
}
