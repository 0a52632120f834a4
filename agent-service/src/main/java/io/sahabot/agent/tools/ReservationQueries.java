package io.sahabot.agent.tools;

import io.sahabot.agent.config.AgentProperties;
import io.sahabot.platform.security.ServiceSecurityProperties;
import java.time.Duration;
import java.time.LocalDate;
import java.util.UUID;
import org.springframework.http.HttpHeaders;
import org.springframework.stereotype.Component;
import org.springframework.web.reactive.function.client.WebClient;
import tools.jackson.databind.JsonNode;

/**
 * reservation-service's tenant-scoped query API, called with the internal token. Tools run on the
 * turn's worker thread, so these calls block, with a bound.
 */
@Component
public class ReservationQueries {

  private final WebClient http;
  private final Duration timeout;

  public ReservationQueries(
      WebClient.Builder builder, AgentProperties properties, ServiceSecurityProperties security) {
    this.http =
        builder
            .baseUrl(properties.reservationServiceUrl())
            .defaultHeader(HttpHeaders.AUTHORIZATION, security.bearer())
            .codecs(
                c ->
                    c.defaultCodecs()
                        .maxInMemorySize((int) properties.queryMaxResponse().toBytes()))
            .build();
    this.timeout = properties.queryTimeout();
  }

  public JsonNode availability(UUID tenant, LocalDate date, Integer lengthMinutes) {
    return get(
        "/internal/tenants/{t}/availability?date={d}"
            + (lengthMinutes == null ? "" : "&lengthMinutes=" + lengthMinutes),
        tenant,
        date);
  }

  public JsonNode reservations(UUID tenant, LocalDate from, LocalDate to) {
    return get("/internal/tenants/{t}/reservations?from={f}&to={to}", tenant, from, to);
  }

  public JsonNode customerReservations(UUID tenant, String user, boolean upcoming) {
    return get(
        "/internal/tenants/{t}/customers/reservations?user={u}&upcoming={up}",
        tenant,
        user,
        upcoming);
  }

  public JsonNode report(UUID tenant, String report, LocalDate from, LocalDate to) {
    return get("/internal/tenants/{t}/reports/" + report + "?from={f}&to={to}", tenant, from, to);
  }

  public byte[] table(UUID tenant, LocalDate from, LocalDate to) {
    return http.get()
        .uri("/internal/tenants/{t}/table.png?from={f}&to={to}", tenant, from, to)
        .retrieve()
        .bodyToMono(byte[].class)
        .block(timeout);
  }

  private JsonNode get(String uri, Object... variables) {
    return http.get().uri(uri, variables).retrieve().bodyToMono(JsonNode.class).block(timeout);
  }
}
