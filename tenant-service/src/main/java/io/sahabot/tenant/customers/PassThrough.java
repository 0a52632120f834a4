package io.sahabot.tenant.customers;

import io.sahabot.platform.security.ServiceSecurityProperties;
import io.sahabot.tenant.config.TenantProperties;
import io.sahabot.tenant.problems.Problems;
import java.net.URI;
import java.util.concurrent.TimeoutException;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.http.HttpHeaders;
import org.springframework.http.HttpMethod;
import org.springframework.http.HttpStatus;
import org.springframework.http.MediaType;
import org.springframework.http.ResponseEntity;
import org.springframework.stereotype.Component;
import org.springframework.web.reactive.function.client.WebClient;
import org.springframework.web.reactive.function.client.WebClientRequestException;
import reactor.core.publisher.Mono;

/**
 * Answers of agent- and reservation-service handed on as they are (status, content type, body),
 * with tenant-service's own credential: a customer's data export and erasure (agent-service), the
 * monthly report's CSV (reservation-service). A 2xx or 409 goes through; a service that cannot be
 * reached is 503, any other answer 502.
 */
@Component
class PassThrough {

  private static final Logger log = LoggerFactory.getLogger(PassThrough.class);

  private final WebClient webClient = WebClient.builder().build();
  private final TenantProperties properties;
  private final String bearer;

  PassThrough(TenantProperties properties, ServiceSecurityProperties security) {
    this.properties = properties;
    this.bearer = security.bearer();
  }

  Mono<ResponseEntity<byte[]>> agent(HttpMethod method, String pathAndQuery) {
    return call(method, base(properties.agentServiceUrl()) + pathAndQuery, "agent-service");
  }

  Mono<ResponseEntity<byte[]>> reservations(String pathAndQuery) {
    return call(
        HttpMethod.GET,
        base(properties.reservationServiceUrl()) + pathAndQuery,
        "reservation-service");
  }

  private Mono<ResponseEntity<byte[]>> call(HttpMethod method, String uri, String service) {
    return webClient
        .method(method)
        .uri(URI.create(uri))
        .header(HttpHeaders.AUTHORIZATION, bearer)
        .exchangeToMono(
            response -> {
              int status = response.statusCode().value();
              if (!(response.statusCode().is2xxSuccessful() || status == 409)) {
                log.warn("{} answered {}", service, status);
                return response
                    .releaseBody()
                    .then(
                        Mono.error(
                            Problems.of(
                                HttpStatus.BAD_GATEWAY,
                                "Bad gateway",
                                service + " answered " + status,
                                null)));
              }
              MediaType type =
                  response.headers().contentType().orElse(MediaType.APPLICATION_OCTET_STREAM);
              return response
                  .bodyToMono(byte[].class)
                  .defaultIfEmpty(new byte[0])
                  .map(
                      body -> {
                        var builder = ResponseEntity.status(status).contentType(type);
                        response
                            .headers()
                            .header(HttpHeaders.CONTENT_DISPOSITION)
                            .forEach(v -> builder.header(HttpHeaders.CONTENT_DISPOSITION, v));
                        return builder.body(body);
                      });
            })
        .timeout(properties.upstreamTimeout())
        .onErrorMap(
            e -> e instanceof WebClientRequestException || e instanceof TimeoutException,
            e -> {
              log.warn("{} is unavailable: {}", service, e.toString());
              return Problems.of(
                  HttpStatus.SERVICE_UNAVAILABLE,
                  "Service unavailable",
                  service + " is unavailable, try again later",
                  e);
            });
  }

  private static String base(URI uri) {
    String s = uri.toString();
    return s.endsWith("/") ? s.substring(0, s.length() - 1) : s;
  }
}
