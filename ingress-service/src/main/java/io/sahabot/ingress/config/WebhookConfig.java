package io.sahabot.ingress.config;

import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.observation.ObservationPredicate;
import io.sahabot.ingress.webhook.WebhookController;
import io.sahabot.ingress.webhook.WebhookMetrics;
import io.sahabot.ingress.webhook.WebhookPublisher;
import io.sahabot.ingress.webhook.domain.SignatureVerifier;
import io.sahabot.ingress.webhook.domain.WebhookSplitter;
import io.sahabot.schemas.Json;
import java.time.Clock;
import java.util.UUID;
import java.util.concurrent.ThreadLocalRandom;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.http.server.reactive.observation.ServerRequestObservationContext;
import org.springframework.kafka.core.KafkaTemplate;
import org.springframework.web.reactive.function.server.RouterFunction;
import org.springframework.web.reactive.function.server.ServerResponse;

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
  RouterFunction<ServerResponse> webhookRoutes(WebhookController controller) {
    return controller.routes();
  }

  /**
   * No {@code http.server.requests} observation for the webhook: it has its own latency timer
   * ({@code sahabot.ingress.webhook.latency}, by outcome), and the observation's tags, timer and
   * context cost on every POST of the hot path.
   */
  @Bean
  ObservationPredicate noHttpObservationOfWebhooks() {
    return (name, context) ->
        !(context instanceof ServerRequestObservationContext server
            && WebhookController.PATH.equals(server.getCarrier().getPath().value()));
  }

  @Bean
  WebhookController webhookController(
      WebhookPublisher publisher, WebhookMetrics metrics, IngressProperties props) {
    return new WebhookController(
        new SignatureVerifier(props.webhook().appSecrets()),
        new WebhookSplitter(Json.mapper(), WebhookConfig::deliveryId),
        publisher,
        metrics,
        props.webhook().verifyToken(),
        (int) props.webhook().maxBody().toBytes(),
        Clock.systemUTC());
  }

  /**
   * A random (version 4) UUID from {@link ThreadLocalRandom}: a delivery id must be unique, not
   * unguessable, and {@link UUID#randomUUID()} takes a lock on a shared {@code SecureRandom} for
   * every record.
   */
  static String deliveryId() {
    ThreadLocalRandom random = ThreadLocalRandom.current();
    long high = (random.nextLong() & ~0xF000L) | 0x4000L;
    long low = (random.nextLong() & ~(0xC000_0000_0000_0000L)) | 0x8000_0000_0000_0000L;
    return new UUID(high, low).toString();
  }
}
