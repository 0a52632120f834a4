package io.sahabot.ingress.sender;

import com.github.benmanes.caffeine.cache.Cache;
import com.github.benmanes.caffeine.cache.Caffeine;
import io.sahabot.ingress.sender.domain.AccessToken;
import io.sahabot.schemas.Json;
import java.io.UncheckedIOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.time.Duration;
import org.springframework.http.client.JdkClientHttpRequestFactory;
import org.springframework.web.client.RestClient;
import tools.jackson.databind.JsonNode;

/**
 * The access token to send from a business number: the tenant's own, from tenant-service ({@code
 * GET /internal/tenants/by-phone-number/{id}/whatsapp-token} with the internal token; 404 means the
 * tenant has none), else the deployment's. Answers are cached briefly. A tenant-service that does
 * not answer is a {@link TransientSendFailure}: sending with the wrong token is never tried.
 */
public class AccessTokens {

  private static final String PATH = "/internal/tenants/by-phone-number/{id}/whatsapp-token";

  private final RestClient http;
  private final String internalToken;
  private final AccessToken deployment;
  private final Cache<String, AccessToken> cache;

  public AccessTokens(
      URI tenantServiceUrl,
      String internalToken,
      String deploymentToken,
      Duration ttl,
      Duration timeout) {
    JdkClientHttpRequestFactory factory =
        new JdkClientHttpRequestFactory(HttpClient.newBuilder().connectTimeout(timeout).build());
    factory.setReadTimeout(timeout);
    this.http =
        RestClient.builder().baseUrl(tenantServiceUrl.toString()).requestFactory(factory).build();
    this.internalToken = internalToken;
    this.deployment = new AccessToken(deploymentToken, AccessToken.Source.DEPLOYMENT);
    this.cache = Caffeine.newBuilder().expireAfterWrite(ttl).maximumSize(10_000).build();
  }

  public AccessToken forNumber(String phoneNumberId) {
    return cache.get(phoneNumberId, this::fetch);
  }

  /** Forgets a number's token (after Meta refused it). */
  public void invalidate(String phoneNumberId) {
    cache.invalidate(phoneNumberId);
  }

  private AccessToken fetch(String phoneNumberId) {
    try {
      return http.get()
          .uri(PATH, phoneNumberId)
          .headers(h -> h.setBearerAuth(internalToken))
          .exchange(
              (request, response) -> {
                int status = response.getStatusCode().value();
                if (status == 404) {
                  return deployment;
                }
                if (status != 200) {
                  throw new TransientSendFailure(
                      "tenant-service answered " + status + " for the number's token");
                }
                JsonNode body = Json.mapper().readTree(response.getBody().readAllBytes());
                String token = body.path("accessToken").asString("");
                return token.isBlank()
                    ? deployment
                    : new AccessToken(token, AccessToken.Source.TENANT);
              });
    } catch (UncheckedIOException | org.springframework.web.client.ResourceAccessException e) {
      throw new TransientSendFailure("tenant-service did not answer: " + e.getMessage());
    }
  }
}
