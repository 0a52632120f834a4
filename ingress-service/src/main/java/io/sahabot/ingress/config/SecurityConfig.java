package io.sahabot.ingress.config;

import io.sahabot.platform.security.RouteAccess;
import org.springframework.boot.autoconfigure.condition.ConditionalOnProperty;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.http.HttpMethod;

/**
 * Who may call ingress-service's WebFlux routes (platform's security denies every other). The
 * webhook itself is served by reactor-netty ahead of WebFlux and authenticated by Meta's signature
 * ({@code webhook/WebhookController}); no service calls ingress. In recording mode (the local run,
 * where nothing reaches WhatsApp) what would have been sent is readable without a credential.
 */
@Configuration(proxyBeanMethods = false)
class SecurityConfig {

  @Bean
  @ConditionalOnProperty(name = "sahabot.ingress.graph.recording", havingValue = "true")
  RouteAccess recordedRoutes() {
    return routes ->
        routes.pathMatchers(HttpMethod.GET, "/recorded", "/recorded/media/{id}").permitAll();
  }
}
