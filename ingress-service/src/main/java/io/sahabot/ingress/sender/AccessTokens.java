package io.sahabot.ingress.sender;

import com.github.benmanes.caffeine.cache.Cache;
import com.github.benmanes.caffeine.cache.Caffeine;
import io.sahabot.ingress.sender.domain.AccessToken;
import io.sahabot.schemas.Json;
import java.io.UncheckedIOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.time.Duration;
import java.util.UUID;
import org.springframework.http.client.JdkClientHttpRequestFactory;
import org.springframework.web.client.RestClient;
import tools.jackson.databind.JsonNode;

/**
 * The access token to send a tenant's message from a business number: the tenant's own, from
 * tenant-service ({@code GET /internal/tenants/by-phone-number/{id}/whatsapp-token} with ingress's
 * own credential, the only one that route admits; it names the number's tenant, and its {@code
 * accessToken} is absent when the tenant has none), else the deployment's. Given only for a number
 * of the message's own tenant: a number of another tenant or of none (404) is {@link
 * NumberNotOfTenant}. Answers are cached briefly; a number that seems to be another tenant's is
 * asked again before it is refused. A tenant-service that does not answer is a {@link
 * TransientSendFailure}: sending with the wrong token is never tried.
 */
public class AccessTokens {

  private static final String PATH = "/internal/tenants/by-phone-number/{id}/whatsapp-token";

  private final RestClient http;
  private final String credential;
  private final AccessToken deployment;
  private final Cache<String, Owner> cache;

  public AccessTokens(
      URI tenantServiceUrl,
      String credential,
      String deploymentToken,
      Duration ttl,
      Duration timeout) {
    JdkClientHttpRequestFactory factory =
        new JdkClientHttpRequestFactory(HttpClient.newBuilder().connectTimeout(timeout).build());
    factory.setReadTimeout(timeout);
    this.http =
        RestClient.builder().baseUrl(tenantServiceUrl.toString()).requestFactory(factory).build();
    this.credential = credential;
    this.deployment = new AccessToken(deploymentToken, AccessToken.Source.DEPLOYMENT);
    this.cache = Caffeine.newBuilder().expireAfterWrite(ttl).maximumSize(10_000).build();
  }

  /**
   * The token to send a message of {@code tenantId} from {@code phoneNumberId}.
   *
   * @throws NumberNotOfTenant when tenant-service says the number is another tenant's, or nobody's
   */
  public AccessToken forMessage(UUID tenantId, String phoneNumberId) {
    Owner owner = cache.get(phoneNumberId, this::fetch);
    if (!tenantId.equals(owner.tenantId())) {
      // asked again rather than refused from the cache: the number may have just changed hands
      cache.invalidate(phoneNumberId);
      owner = cache.get(phoneNumberId, this::fetch);
      if (!tenantId.equals(owner.tenantId())) {
        throw new NumberNotOfTenant(phoneNumberId, tenantId, owner.tenantId());
      }
    }
    return owner.token();
  }

  /** Forgets a number's token (after Meta refused it). */
  public void invalidate(String phoneNumberId) {
    cache.invalidate(phoneNumberId);
  }

  private Owner fetch(String phoneNumberId) {
    try {
      return http.get()
          .uri(PATH, phoneNumberId)
          .headers(h -> h.setBearerAuth(credential))
          .exchange(
              (request, response) -> {
                int status = response.getStatusCode().value();
                if (status == 404) {
                  return new Owner(null, deployment);
                }
                if (status != 200) {
                  throw new TransientSendFailure(
                      "tenant-service answered " + status + " for the number's token");
                }
                JsonNode body = Json.mapper().readTree(response.getBody().readAllBytes());
                String token = body.path("accessToken").asString("");
                String tenant = body.path("tenantId").asString("");
                return new Owner(
                    tenant.isBlank() ? null : UUID.fromString(tenant),
                    token.isBlank()
                        ? deployment
                        : new AccessToken(token, AccessToken.Source.TENANT));
              });
    } catch (UncheckedIOException | org.springframework.web.client.ResourceAccessException e) {
      throw new TransientSendFailure("tenant-service did not answer: " + e.getMessage());
    }
  }

  /** A number's tenant (null: none) and the token to send from it. */
  private record Owner(UUID tenantId, AccessToken token) {}
}
