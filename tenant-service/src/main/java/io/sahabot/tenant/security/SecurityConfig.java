package io.sahabot.tenant.security;

import static io.sahabot.platform.security.Callers.AGENT;
import static io.sahabot.platform.security.Callers.INGRESS;
import static io.sahabot.platform.security.Callers.OPERATOR;
import static io.sahabot.platform.security.Callers.authority;

import io.sahabot.platform.security.BearerAuthenticator;
import io.sahabot.platform.security.CallerAuthentication;
import io.sahabot.platform.security.RouteAccess;
import io.sahabot.tenant.apikeys.ApiKeyRepository;
import java.util.List;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.http.HttpMethod;
import org.springframework.security.core.authority.SimpleGrantedAuthority;
import reactor.core.publisher.Mono;

/**
 * Who may call tenant-service's routes (platform's security denies every other): the tenant API
 * takes the operators' token or a tenant's {@code sk_} API key (which tenant a key may reach, and
 * which settings are the operator's, the handlers decide through {@link Caller}); the route that
 * hands out a tenant's decrypted WhatsApp token takes ingress-service's credential only; the
 * OpenAPI description is public.
 */
@Configuration(proxyBeanMethods = false)
class SecurityConfig {

  /** The authority of a tenant's API key. */
  static final String TENANT_KEY = "tenant-api-key";

  @Bean
  RouteAccess tenantRoutes() {
    return routes ->
        routes
            .pathMatchers(
                HttpMethod.GET, "/internal/tenants/by-phone-number/{phoneNumberId}/whatsapp-token")
            .hasAuthority(authority(INGRESS))
            .pathMatchers(HttpMethod.PATCH, "/internal/tenants/{id}/settings")
            .hasAuthority(authority(AGENT))
            .pathMatchers("/api/tenants", "/api/tenants/**")
            .hasAnyAuthority(authority(OPERATOR), TENANT_KEY)
            .pathMatchers(HttpMethod.GET, "/v3/api-docs", "/v3/api-docs.yaml", "/v3/api-docs/**")
            .permitAll();
  }

  /** A tenant's API key ({@code sk_…}), resolved to its tenant. */
  @Bean
  BearerAuthenticator tenantApiKeys(ApiKeyRepository keys) {
    return token ->
        token.startsWith(ApiKeyRepository.PREFIX)
            ? keys.resolve(token)
                .map(
                    key ->
                        new CallerAuthentication(
                            new Caller.TenantKey(key.tenantId(), key.keyId()),
                            List.of(new SimpleGrantedAuthority(TENANT_KEY))))
            : Mono.empty();
  }
}
