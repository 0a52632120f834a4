package io.sahabot.agent.tools;

import io.sahabot.agent.config.TenantServiceProperties;
import io.sahabot.platform.security.ServiceSecurityProperties;
import io.sahabot.schemas.Json;
import io.sahabot.schemas.reservation.ReservationView;
import io.sahabot.schemas.tenant.TenantSettings;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.springframework.http.HttpHeaders;
import org.springframework.http.MediaType;
import org.springframework.http.codec.json.JacksonJsonDecoder;
import org.springframework.http.codec.json.JacksonJsonEncoder;
import org.springframework.stereotype.Component;
import org.springframework.web.reactive.function.client.WebClient;
import org.springframework.web.reactive.function.client.WebClientResponseException;
import tools.jackson.databind.JsonNode;

/**
 * tenant-service's internal settings route ({@code PATCH /internal/tenants/{id}/settings}), called
 * with agent-service's credential once the owner confirmed a change: tenant-service validates,
 * versions and publishes it to {@code tenant.changelog}.
 */
@Component
public class TenantSettingsClient {

  /** The changed settings, and the bookings on dates the change newly closed. */
  public record Changed(
      TenantSettings settings, long version, List<ReservationView> onClosedDates) {
    public Changed {
      onClosedDates = onClosedDates == null ? List.of() : List.copyOf(onClosedDates);
    }
  }

  /**
   * tenant-service refused the change: its reason ({@code detail}), and the bookings in the way.
   */
  public static final class Refused extends RuntimeException {
    private final List<ReservationView> reservations;

    Refused(String detail, List<ReservationView> reservations) {
      super(detail);
      this.reservations = reservations;
    }

    public List<ReservationView> reservations() {
      return reservations;
    }
  }

  private final WebClient http;
  private final Duration timeout;

  public TenantSettingsClient(
      WebClient.Builder builder,
      TenantServiceProperties properties,
      ServiceSecurityProperties security) {
    this.http =
        builder
            .baseUrl(properties.url())
            .defaultHeader(HttpHeaders.AUTHORIZATION, security.bearer())
            .codecs(
                c -> {
                  c.defaultCodecs().jacksonJsonDecoder(new JacksonJsonDecoder(Json.mapper()));
                  c.defaultCodecs().jacksonJsonEncoder(new JacksonJsonEncoder(Json.mapper()));
                })
            .build();
    this.timeout = properties.timeout();
  }

  /**
   * Replaces the given settings properties.
   *
   * @throws Refused when tenant-service answers 400 or 409 (invalid, a field with bookings)
   */
  public Changed change(UUID tenant, JsonNode settings, String causationId) {
    try {
      return http.patch()
          .uri("/internal/tenants/{t}/settings", tenant)
          .contentType(MediaType.APPLICATION_JSON)
          .bodyValue(Map.of("settings", settings, "causationId", causationId))
          .retrieve()
          .bodyToMono(Changed.class)
          .block(timeout);
    } catch (WebClientResponseException e) {
      if (e.getStatusCode().value() == 400 || e.getStatusCode().value() == 409) {
        JsonNode problem = Json.mapper().readTree(e.getResponseBodyAsString());
        List<ReservationView> in =
            problem.has("reservations")
                ? List.of(
                    Json.mapper().treeToValue(problem.get("reservations"), ReservationView[].class))
                : List.of();
        throw new Refused(problem.path("detail").asString(e.getStatusText()), in);
      }
      throw e;
    }
  }
}
