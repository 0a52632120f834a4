package io.sahabot.ingress.config;

import io.micrometer.core.instrument.MeterRegistry;
import io.sahabot.ingress.webhook.ServerLimits;
import io.sahabot.ingress.webhook.WebhookController;
import io.sahabot.ingress.webhook.WebhookMetrics;
import io.sahabot.ingress.webhook.WebhookPublisher;
import io.sahabot.ingress.webhook.domain.SignatureVerifier;
import io.sahabot.ingress.webhook.domain.WebhookSplitter;
import io.sahabot.schemas.Json;
import java.time.Clock;
import java.util.UUID;
import java.util.concurrent.ThreadLocalRandom;
import org.springframework.beans.factory.ObjectProvider;
import org.springframework.boot.reactor.netty.NettyReactiveWebServerFactory;
import org.springframework.boot.web.server.WebServerFactoryCustomizer;
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

  /**
   * {@code /webhook} on reactor-netty's own routes, ahead of WebFlux on the same server (which
   * serves everything else). It has its own latency timer ({@code sahabot.ingress.webhook.latency},
   * by outcome) in place of {@code http.server.requests}. The controller is looked up when the
   * server starts, not when its factory is made, so it and the producer are not created early.
   */
  @Bean
  WebServerFactoryCustomizer<NettyReactiveWebServerFactory> webhookRoutes(
      ObjectProvider<WebhookController> controller) {
    return factory -> factory.addRouteProviders(routes -> controller.getObject().routes(routes));
  }

  /**
   * Read and idle timeouts and a connection cap on the server (the webhook's routes and WebFlux
   * alike). Applied after Boot's own customizer, so {@code sahabot.ingress.webhook.idle-timeout}
   * wins over {@code server.netty.idle-timeout}.
   */
  @Bean
  ServerLimits serverLimits(IngressProperties props, MeterRegistry registry) {
    IngressProperties.Webhook webhook = props.webhook();
    return new ServerLimits(
        webhook.readTimeout(), webhook.idleTimeout(), webhook.maxConnections(), registry);
  }

  @Bean
  WebServerFactoryCustomizer<NettyReactiveWebServerFactory> serverLimitsCustomizer(
      ServerLimits limits) {
    return factory -> factory.addServerCustomizers(limits::apply);
  }

  @Bean
  WebhookController webhookController(
      WebhookPublisher publisher, WebhookMetrics metrics, IngressProperties props, Clock clock) {
    return new WebhookController(
        new SignatureVerifier(props.webhook().appSecrets()),
        new WebhookSplitter(
            Json.mapper(), WebhookConfig::deliveryId, (int) props.webhook().maxChange().toBytes()),
        publisher,
        metrics,
        props.webhook().verifyToken(),
        (int) props.webhook().maxBody().toBytes(),
        clock);
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
