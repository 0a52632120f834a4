package io.sahabot.tenant.config;

import io.micrometer.core.instrument.MeterRegistry;
import io.sahabot.schemas.topics.Topics;
import io.sahabot.tenant.enrichment.DirectoryProvisioner;
import io.sahabot.tenant.enrichment.EnrichmentTopology;
import io.sahabot.tenant.provisioning.TenantDirectory;
import java.time.Clock;
import org.apache.kafka.streams.StreamsBuilder;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.kafka.annotation.EnableKafkaStreams;

/**
 * Runs the enrichment topology in the application's Kafka Streams instance ({@code
 * spring.kafka.streams.*}, exactly-once v2).
 */
@Configuration(proxyBeanMethods = false)
@EnableKafkaStreams
class StreamsConfig {

  @Bean
  Clock clock() {
    return Clock.systemUTC();
  }

  @Bean
  EnrichmentTopology enrichmentTopology(
      StreamsBuilder builder,
      TenantDirectory directory,
      TenantProperties properties,
      Clock clock,
      MeterRegistry meters) {
    EnrichmentTopology topology =
        new EnrichmentTopology(
            new DirectoryProvisioner(directory, properties.provisioningTimeout()),
            clock,
            meters,
            Topics.WHATSAPP_INBOUND_RAW.partitions());
    topology.build(builder);
    return topology;
  }
}
