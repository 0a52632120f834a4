package io.sahabot.tenant.stats;

import io.sahabot.platform.security.ServiceSecurityProperties;
import io.sahabot.schemas.Json;
import io.sahabot.schemas.agent.query.TenantUsage;
import io.sahabot.schemas.reservation.ReservationEvent;
import io.sahabot.schemas.reservation.ReservationView;
import io.sahabot.schemas.reservation.query.Reservations;
import io.sahabot.schemas.reservation.query.TenantStats;
import io.sahabot.schemas.reservation.query.Waitlist;
import io.sahabot.tenant.config.TenantProperties;
import io.sahabot.tenant.problems.Problems;
import java.net.URI;
import java.time.LocalDate;
import java.time.YearMonth;
import java.util.UUID;
import java.util.concurrent.TimeoutException;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.http.HttpHeaders;
import org.springframework.http.HttpStatus;
import org.springframework.stereotype.Component;
import org.springframework.web.reactive.function.client.WebClient;
import org.springframework.web.reactive.function.client.WebClientRequestException;
import org.springframework.web.reactive.function.client.WebClientResponseException;
import org.springframework.web.util.UriComponentsBuilder;
import reactor.core.publisher.Mono;

/**
 * Asks reservation-service for a tenant's stats, reservations, waitlist, series and the outcomes of
 * the tenant API's commands, and agent-service for its usage, with the internal token; never reads
 * their tables. A service that cannot be reached (refused, timed out) is 503; one that answers with
 * an error or an unreadable body is 502.
 */
@Component
public class UpstreamClient {

  private static final Logger log = LoggerFactory.getLogger(UpstreamClient.class);

  private final WebClient webClient;
  private final TenantProperties properties;
  private final String bearer;

  public UpstreamClient(TenantProperties properties, ServiceSecurityProperties security) {
    this.webClient = WebClient.builder().build();
    this.properties = properties;
    this.bearer = security.bearer();
  }

  /** {@code GET /internal/tenants/{id}/stats} of reservation-service. */
  public Mono<TenantStats> stats(UUID tenantId) {
    URI uri =
        URI.create(
            base(properties.reservationServiceUrl()) + "/internal/tenants/" + tenantId + "/stats");
    return get(uri, TenantStats.class, "reservation-service")
        .map(
            s -> {
              if (s.totalRevenue() == null) {
                throw Problems.of(
                    HttpStatus.BAD_GATEWAY,
                    "Bad gateway",
                    "reservation-service answered without totalRevenue",
                    null);
              }
              return s;
            });
  }

  /** {@code GET /internal/tenants/{id}/waitlist?from=&to=} of reservation-service. */
  public Mono<Waitlist> waitlist(UUID tenantId, LocalDate from, LocalDate to) {
    URI uri =
        URI.create(
            base(properties.reservationServiceUrl())
                + "/internal/tenants/"
                + tenantId
                + "/waitlist?from="
                + from
                + "&to="
                + to);
    return get(uri, Waitlist.class, "reservation-service");
  }

  /** {@code GET /internal/tenants/{id}/usage?month=} of agent-service. */
  public Mono<TenantUsage> usage(UUID tenantId, YearMonth month) {
    URI uri =
        URI.create(
            base(properties.agentServiceUrl())
                + "/internal/tenants/"
                + tenantId
                + "/usage?month="
                + month);
    return get(uri, TenantUsage.class, "agent-service");
  }

  /**
   * {@code GET /internal/tenants/{id}/upcoming?fieldId=&from=&to=} of reservation-service: active
   * reservations not started yet, by business day, on one field or (null) all.
   */
  public Mono<Reservations> upcoming(UUID tenantId, String fieldId, LocalDate from, LocalDate to) {
    var uri =
        UriComponentsBuilder.fromUriString(
                base(properties.reservationServiceUrl())
                    + "/internal/tenants/"
                    + tenantId
                    + "/upcoming")
            .queryParamIfPresent("fieldId", java.util.Optional.ofNullable(fieldId))
            .queryParamIfPresent("from", java.util.Optional.ofNullable(from))
            .queryParamIfPresent("to", java.util.Optional.ofNullable(to))
            .encode()
            .build()
            .toUri();
    return get(uri, Reservations.class, "reservation-service");
  }

  /** {@code GET /internal/tenants/{id}/reservations?from=&to=} of reservation-service. */
  public Mono<Reservations> reservations(UUID tenantId, LocalDate from, LocalDate to) {
    URI uri =
        URI.create(
            base(properties.reservationServiceUrl())
                + "/internal/tenants/"
                + tenantId
                + "/reservations?from="
                + from
                + "&to="
                + to);
    return get(uri, Reservations.class, "reservation-service");
  }

  /**
   * {@code GET /internal/tenants/{id}/reservations/{reservationId}} of reservation-service; empty
   * when the tenant has no such reservation.
   */
  public Mono<ReservationView> reservation(UUID tenantId, long reservationId) {
    URI uri =
        URI.create(
            base(properties.reservationServiceUrl())
                + "/internal/tenants/"
                + tenantId
                + "/reservations/"
                + reservationId);
    return getOrEmpty(uri, "reservation-service")
        .map(json -> Json.mapper().readValue(json, ReservationView.class));
  }

  /**
   * {@code GET /internal/tenants/{id}/series/{seriesId}} of reservation-service: every occurrence;
   * empty when the tenant has no such series.
   */
  public Mono<Reservations> series(UUID tenantId, long seriesId) {
    URI uri =
        URI.create(
            base(properties.reservationServiceUrl())
                + "/internal/tenants/"
                + tenantId
                + "/series/"
                + seriesId);
    return getOrEmpty(uri, "reservation-service")
        .map(json -> Json.mapper().readValue(json, Reservations.class));
  }

  /**
   * {@code GET /internal/tenants/{id}/commands/{commandId}} of reservation-service: the outcome of
   * a command it decided; empty while it is not decided (or was never sent).
   */
  public Mono<ReservationEvent> commandOutcome(UUID tenantId, String commandId) {
    URI uri =
        UriComponentsBuilder.fromUriString(
                base(properties.reservationServiceUrl())
                    + "/internal/tenants/{tenant}/commands/{command}")
            .encode()
            .buildAndExpand(tenantId, commandId)
            .toUri();
    return getOrEmpty(uri, "reservation-service")
        .map(json -> Json.mapper().readValue(json, ReservationEvent.class));
  }

  /** The body of a GET as text, empty on a 404; any other error as {@link #get}'s. */
  private Mono<String> getOrEmpty(URI uri, String service) {
    return webClient
        .get()
        .uri(uri)
        .header(HttpHeaders.AUTHORIZATION, bearer)
        .exchangeToMono(
            response -> {
              if (response.statusCode().value() == 404) {
                return response.releaseBody().then(Mono.<String>empty());
              }
              if (response.statusCode().isError()) {
                return response.createError();
              }
              return response.bodyToMono(String.class);
            })
        .timeout(properties.upstreamTimeout())
        .onErrorMap(
            e -> !(e instanceof org.springframework.web.ErrorResponseException),
            e -> translate(e, service));
  }

  private <T> Mono<T> get(URI uri, Class<T> type, String service) {
    return webClient
        .get()
        .uri(uri)
        .header(HttpHeaders.AUTHORIZATION, bearer)
        .retrieve()
        .bodyToMono(type)
        .timeout(properties.upstreamTimeout())
        .switchIfEmpty(
            Mono.error(
                () ->
                    Problems.of(
                        HttpStatus.BAD_GATEWAY,
                        "Bad gateway",
                        service + " answered with no body",
                        null)))
        .onErrorMap(
            e -> !(e instanceof org.springframework.web.ErrorResponseException),
            e -> translate(e, service));
  }

  private static Throwable translate(Throwable e, String service) {
    if (e instanceof WebClientRequestException || e instanceof TimeoutException) {
      log.warn("{} is unavailable: {}", service, e.toString());
      return Problems.of(
          HttpStatus.SERVICE_UNAVAILABLE,
          "Service unavailable",
          service + " is unavailable, try again later",
          e);
    }
    if (e instanceof WebClientResponseException r) {
      log.warn("{} answered {}", service, r.getStatusCode());
      return Problems.of(
          HttpStatus.BAD_GATEWAY,
          "Bad gateway",
          service + " answered " + r.getStatusCode().value(),
          e);
    }
    log.warn("{} answered something unreadable: {}", service, e.toString());
    return Problems.of(
        HttpStatus.BAD_GATEWAY, "Bad gateway", service + " answered an unreadable body", e);
  }

  private static String base(URI uri) {
    String s = uri.toString();
    return s.endsWith("/") ? s.substring(0, s.length() - 1) : s;
  }
}
