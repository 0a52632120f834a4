package io.sahabot.agent.privacy;

import io.sahabot.agent.config.AgentProperties;
import io.sahabot.platform.security.ServiceSecurityProperties;
import io.sahabot.schemas.Json;
import io.sahabot.schemas.reservation.query.CustomerData;
import io.sahabot.schemas.reservation.query.CustomerErasure;
import java.time.Duration;
import java.util.Collection;
import java.util.UUID;
import org.springframework.http.HttpHeaders;
import org.springframework.http.codec.json.JacksonJsonDecoder;
import org.springframework.stereotype.Component;
import org.springframework.web.reactive.function.client.WebClient;
import org.springframework.web.util.UriBuilder;

/** reservation-service's side of a customer's data: what it holds, and its erasure. */
@Component
class CustomerDataClient {

  private final WebClient http;
  private final Duration timeout;

  CustomerDataClient(
      WebClient.Builder builder, AgentProperties properties, ServiceSecurityProperties security) {
    this.http =
        builder
            .baseUrl(properties.reservationServiceUrl())
            .defaultHeader(HttpHeaders.AUTHORIZATION, security.bearer())
            .codecs(
                c -> {
                  c.defaultCodecs().maxInMemorySize((int) properties.queryMaxResponse().toBytes());
                  c.defaultCodecs().jacksonJsonDecoder(new JacksonJsonDecoder(Json.mapper()));
                })
            .build();
    this.timeout = properties.queryTimeout();
  }

  CustomerData data(UUID tenant, Collection<String> users) {
    return http.get()
        .uri(b -> uri(b, tenant, "data", users))
        .retrieve()
        .bodyToMono(CustomerData.class)
        .block(timeout);
  }

  CustomerErasure erase(UUID tenant, Collection<String> users) {
    return http.post()
        .uri(b -> uri(b, tenant, "erasure", users))
        .retrieve()
        .bodyToMono(CustomerErasure.class)
        .block(timeout);
  }

  private static java.net.URI uri(
      UriBuilder b, UUID tenant, String what, Collection<String> users) {
    b = b.path("/internal/tenants/{t}/customers/" + what);
    for (String user : users) {
      b = b.queryParam("user", user);
    }
    return b.build(tenant);
  }
}
