package io.sahabot.tenant.config;

import io.micrometer.core.instrument.MeterRegistry;
import io.sahabot.schemas.topics.Topics;
import io.sahabot.tenant.enrichment.DirectoryProvisioner;
import io.sahabot.tenant.enrichment.EnrichmentTopology;
import io.sahabot.tenant.provisioning.TenantDirectory;
import java.time.Clock;
import org.apache.kafka.streams.StreamsBuilder;
import org.apache.kafka.streams.errors.StreamsUncaughtExceptionHandler;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.context.ApplicationEventPublisher;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.kafka.annotation.EnableKafkaStreams;
import org.springframework.kafka.config.StreamsBuilderFactoryBeanConfigurer;

/**
 * Runs the enrichment topology in the application's Kafka Streams instance ({@code
 * spring.kafka.streams.*}, exactly-once v2).
 */
@Configuration(proxyBeanMethods = false)
@EnableKafkaStreams
class EnrichmentStreamsConfig {

  private static final Logger log = LoggerFactory.getLogger(EnrichmentStreamsConfig.class);

  /**
   * A stream thread that fails (e.g. the database is down while provisioning) is replaced; the
   * record is processed again from the last committed offset, nothing is lost or duplicated.
   */
  @Bean
  StreamsBuilderFactoryBeanConfigurer replaceFailedStreamThreads() {
    return factoryBean ->
        factoryBean.setStreamsUncaughtExceptionHandler(
            e -> {
              log.error("A stream thread failed and is replaced", e);
              return StreamsUncaughtExceptionHandler.StreamThreadExceptionResponse.REPLACE_THREAD;
            });
  }

  @Bean
  Clock clock() {
    return Clock.systemUTC();
  }

  @Bean
  EnrichmentTopology enrichmentTopology(
      StreamsBuilder builder,
      TenantDirectory directory,
      TenantProperties properties,
      ApplicationEventPublisher events,
      Clock clock,
      MeterRegistry meters) {
    EnrichmentTopology topology =
        new EnrichmentTopology(
            new DirectoryProvisioner(
                directory, properties.provisioningTimeout(), events::publishEvent),
            clock,
            meters,
            Topics.WHATSAPP_INBOUND_RAW.partitions());
    topology.build(builder);
    return topology;
  }
}
