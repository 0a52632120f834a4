package io.sahabot.tenant.config;

import io.sahabot.platform.kafka.WireSerdes;
import io.sahabot.schemas.tenant.TenantChangelogRecord;
import java.util.Map;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.common.serialization.StringSerializer;
import org.springframework.boot.kafka.autoconfigure.KafkaProperties;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.kafka.core.DefaultKafkaProducerFactory;
import org.springframework.kafka.core.KafkaTemplate;

/** The producer of the tenant API's snapshots: acks=all, idempotent, wire JSON values. */
@Configuration(proxyBeanMethods = false)
class KafkaProducerConfig {

  @Bean
  KafkaTemplate<String, TenantChangelogRecord> changelogTemplate(KafkaProperties kafka) {
    Map<String, Object> props = kafka.buildProducerProperties();
    props.put(ProducerConfig.ACKS_CONFIG, "all");
    props.put(ProducerConfig.ENABLE_IDEMPOTENCE_CONFIG, true);
    props.put(ProducerConfig.CLIENT_ID_CONFIG, "tenant-service-changelog");
    return new KafkaTemplate<>(
        new DefaultKafkaProducerFactory<>(
            props, new StringSerializer(), WireSerdes.<TenantChangelogRecord>valueSerializer()));
  }
}
