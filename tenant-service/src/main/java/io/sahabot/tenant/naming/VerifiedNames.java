package io.sahabot.tenant.naming;

import io.sahabot.schemas.Json;
import io.sahabot.tenant.provisioning.Tenant;
import io.sahabot.tenant.provisioning.TenantCreated;
import io.sahabot.tenant.provisioning.TenantDirectory;
import io.sahabot.tenant.token.WhatsAppTokenStore;
import java.net.http.HttpClient;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.context.event.EventListener;
import org.springframework.http.client.JdkClientHttpRequestFactory;
import org.springframework.stereotype.Component;
import org.springframework.web.client.RestClient;
import reactor.core.publisher.Mono;
import reactor.core.scheduler.Schedulers;
import tools.jackson.databind.JsonNode;

/**
 * A new tenant's name from WhatsApp: the {@code verified_name} of its business number ({@code GET
 * /{version}/{phone-number-id}?fields=verified_name,display_phone_number,quality_rating}, fixture
 * {@code phone_number.response.json}), asked with the tenant's own token or else the deployment's,
 * replaces the placeholder {@code Tenant <number>} it was provisioned with. Only the placeholder is
 * replaced: a name the business gave itself is never touched. Without a token, or when the Graph
 * API does not answer with a name, the placeholder stays (logged, never retried: the business can
 * set its name, and setting its own token asks again).
 */
@Component
public class VerifiedNames {

  private static final Logger log = LoggerFactory.getLogger(VerifiedNames.class);

  private final TenantDirectory directory;
  private final WhatsAppTokenStore tokens;
  private final GraphProperties graph;
  private final RestClient http;

  public VerifiedNames(
      TenantDirectory directory, WhatsAppTokenStore tokens, GraphProperties graph) {
    this.directory = directory;
    this.tokens = tokens;
    this.graph = graph;
    JdkClientHttpRequestFactory factory =
        new JdkClientHttpRequestFactory(
            HttpClient.newBuilder().connectTimeout(graph.timeout()).build());
    factory.setReadTimeout(graph.timeout());
    this.http =
        RestClient.builder().baseUrl(graph.baseUrl().toString()).requestFactory(factory).build();
  }

  /** A tenant was just provisioned: named in the background. */
  @EventListener
  public void on(TenantCreated created) {
    nameLater(created.tenant());
  }

  /** {@link #name} in the background: the caller does not wait, and a failure is only logged. */
  public void nameLater(Tenant tenant) {
    name(tenant)
        .subscribeOn(Schedulers.boundedElastic())
        .subscribe(
            named -> {},
            e -> log.warn("Tenant {}: verified name not taken: {}", tenant.id(), e.toString()));
  }

  /**
   * Gives {@code tenant} its number's verified name if it still has the placeholder.
   *
   * @return the renamed tenant; empty when nothing changed
   */
  public Mono<Tenant> name(Tenant tenant) {
    String placeholder = TenantDirectory.placeholderName(tenant.phoneNumberId());
    if (!placeholder.equals(tenant.businessName())) {
      return Mono.empty();
    }
    return tokens
        .find(tenant.id())
        .filter(t -> !t.isBlank())
        .switchIfEmpty(Mono.justOrEmpty(blankToNull(graph.accessToken())))
        .flatMap(
            token ->
                Mono.fromCallable(() -> verifiedName(tenant.phoneNumberId(), token))
                    .subscribeOn(Schedulers.boundedElastic()))
        .flatMap(name -> rename(tenant, placeholder, name, 1));
  }

  private Mono<Tenant> rename(Tenant tenant, String placeholder, String name, int retries) {
    return directory
        .update(
            tenant.id(), tenant.version(), name, null, "verified-name:" + tenant.phoneNumberId())
        .doOnNext(t -> log.info("Tenant {} named from its WhatsApp number", t.id()))
        .switchIfEmpty(
            Mono.defer(
                () ->
                    retries == 0
                        ? Mono.empty()
                        // changed meanwhile: only while it still has the placeholder
                        : directory
                            .findById(tenant.id())
                            .filter(now -> placeholder.equals(now.businessName()))
                            .flatMap(now -> rename(now, placeholder, name, retries - 1))));
  }

  /** The number's {@code verified_name}, or null when the answer has none. */
  private String verifiedName(String phoneNumberId, String token) {
    return http.get()
        .uri(
            "/{version}/{id}?fields=verified_name,display_phone_number,quality_rating",
            graph.version(),
            phoneNumberId)
        .headers(h -> h.setBearerAuth(token))
        .exchange(
            (request, response) -> {
              if (!response.getStatusCode().is2xxSuccessful()) {
                log.warn(
                    "Graph API answered {} for a number's name; the placeholder stays",
                    response.getStatusCode().value());
                return null;
              }
              JsonNode body = Json.mapper().readTree(response.getBody().readAllBytes());
              String name = body.path("verified_name").asString("").strip();
              return name.isEmpty() || name.length() > 200 ? null : name;
            });
  }

  private static String blankToNull(String s) {
    return s == null || s.isBlank() ? null : s;
  }
}
