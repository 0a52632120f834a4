package io.sahabot.agent.tools;

import io.sahabot.agent.config.AgentProperties;
import io.sahabot.platform.security.ServiceSecurityProperties;
import io.sahabot.schemas.Json;
import io.sahabot.schemas.reservation.ReservationView;
import io.sahabot.schemas.reservation.query.Availability;
import io.sahabot.schemas.reservation.query.Cancellations;
import io.sahabot.schemas.reservation.query.CustomerSummary;
import io.sahabot.schemas.reservation.query.Loyalty;
import io.sahabot.schemas.reservation.query.PeakHours;
import io.sahabot.schemas.reservation.query.Reservations;
import io.sahabot.schemas.reservation.query.Sales;
import java.time.Duration;
import java.time.LocalDate;
import java.util.List;
import java.util.UUID;
import org.springframework.core.ParameterizedTypeReference;
import org.springframework.http.HttpHeaders;
import org.springframework.http.codec.json.JacksonJsonDecoder;
import org.springframework.stereotype.Component;
import org.springframework.web.reactive.function.client.WebClient;

/**
 * reservation-service's tenant-scoped query API, called with the internal token; the answers are
 * the records of {@code io.sahabot.schemas.reservation.query}, read with the wire mapper (unknown
 * properties ignored). Tools run on the turn's worker thread, so these calls block, with a bound.
 */
@Component
public class ReservationQueries {

  private static final ParameterizedTypeReference<List<ReservationView>> RESERVATION_LIST =
      new ParameterizedTypeReference<>() {};

  private static final ParameterizedTypeReference<List<CustomerSummary>> CUSTOMER_LIST =
      new ParameterizedTypeReference<>() {};

  private final WebClient http;
  private final Duration timeout;

  public ReservationQueries(
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

  public Availability availability(UUID tenant, LocalDate date, Integer lengthMinutes) {
    return get(
        Availability.class,
        "/internal/tenants/{t}/availability?date={d}"
            + (lengthMinutes == null ? "" : "&lengthMinutes=" + lengthMinutes),
        tenant,
        date);
  }

  public Reservations reservations(UUID tenant, LocalDate from, LocalDate to) {
    return get(
        Reservations.class,
        "/internal/tenants/{t}/reservations?from={f}&to={to}",
        tenant,
        from,
        to);
  }

  /**
   * The active reservations still to come on one field (its stable id), for a year: what keeps the
   * field from being removed.
   */
  public Reservations upcoming(UUID tenant, String fieldId) {
    return get(Reservations.class, "/internal/tenants/{t}/upcoming?fieldId={f}", tenant, fieldId);
  }

  public List<ReservationView> customerReservations(UUID tenant, String user, boolean upcoming) {
    return http.get()
        .uri(
            "/internal/tenants/{t}/customers/reservations?user={u}&upcoming={up}",
            tenant,
            user,
            upcoming)
        .retrieve()
        .bodyToMono(RESERVATION_LIST)
        .blockOptional(timeout)
        .orElse(List.of());
  }

  /** The tenant's customers whose name (or phone) matches {@code q}, at most {@code limit}. */
  public List<CustomerSummary> customers(UUID tenant, String q, int limit) {
    return http.get()
        .uri("/internal/tenants/{t}/customers?q={q}&limit={l}", tenant, q, limit)
        .retrieve()
        .bodyToMono(CUSTOMER_LIST)
        .blockOptional(timeout)
        .orElse(List.of());
  }

  public Sales sales(UUID tenant, LocalDate from, LocalDate to) {
    return report(Sales.class, "sales", tenant, from, to);
  }

  public Loyalty loyalCustomers(UUID tenant, LocalDate from, LocalDate to) {
    return report(Loyalty.class, "loyal-customers", tenant, from, to);
  }

  public Cancellations cancellations(UUID tenant, LocalDate from, LocalDate to) {
    return report(Cancellations.class, "cancellations", tenant, from, to);
  }

  public PeakHours peakHours(UUID tenant, LocalDate from, LocalDate to) {
    return report(PeakHours.class, "peak-hours", tenant, from, to);
  }

  public byte[] table(UUID tenant, LocalDate from, LocalDate to) {
    return http.get()
        .uri("/internal/tenants/{t}/table.png?from={f}&to={to}", tenant, from, to)
        .retrieve()
        .bodyToMono(byte[].class)
        .block(timeout);
  }

  private <T> T report(Class<T> type, String report, UUID tenant, LocalDate from, LocalDate to) {
    return get(
        type, "/internal/tenants/{t}/reports/" + report + "?from={f}&to={to}", tenant, from, to);
  }

  private <T> T get(Class<T> type, String uri, Object... variables) {
    return http.get().uri(uri, variables).retrieve().bodyToMono(type).block(timeout);
  }
}
