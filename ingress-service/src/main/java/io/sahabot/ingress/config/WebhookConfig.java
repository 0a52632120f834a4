package io.sahabot.ingress.config;

import io.micrometer.core.instrument.MeterRegistry;
import io.sahabot.ingress.webhook.WebhookController;
import io.sahabot.ingress.webhook.WebhookMetrics;
import io.sahabot.ingress.webhook.WebhookPublisher;
import io.sahabot.ingress.webhook.domain.SignatureVerifier;
import io.sahabot.ingress.webhook.domain.WebhookSplitter;
import io.sahabot.schemas.Json;
import java.time.Clock;
import java.util.UUID;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.kafka.core.KafkaTemplate;

/** The webhook endpoint and what it needs. */
@Configuration(proxyBeanMethods = false)
class WebhookConfig {

  @Bean
  WebhookMetrics webhookMetrics(MeterRegistry registry) {
    return new WebhookMetrics(registry);
  }

  @Bean
  WebhookPublisher webhookPublisher(KafkaTemplate<String, Object> kafka, IngressProperties props) {
    return new WebhookPublisher(kafka, props.webhook().publishTimeout());
  }

  @Bean
  WebhookController webhookController(
      WebhookPublisher publisher, WebhookMetrics metrics, IngressProperties props) {
    return new WebhookController(
        new SignatureVerifier(props.webhook().appSecrets()),
        new WebhookSplitter(Json.mapper(), () -> UUID.randomUUID().toString()),
        publisher,
        metrics,
        props.webhook().verifyToken(),
        (int) props.webhook().maxBody().toBytes(),
        Clock.systemUTC());
  }
}
