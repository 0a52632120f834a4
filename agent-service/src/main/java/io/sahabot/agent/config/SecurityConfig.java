package io.sahabot.agent.config;

import static io.sahabot.platform.security.Callers.OPERATOR;
import static io.sahabot.platform.security.Callers.TENANT_SERVICE;
import static io.sahabot.platform.security.Callers.authority;

import io.sahabot.platform.security.RouteAccess;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.http.HttpMethod;

/**
 * Who may call agent-service's routes (platform's security denies every other): tenant-service
 * reads a tenant's token usage for the tenant API; operators run explain (which runs a tenant's
 * tools, the owner's included, so it is theirs alone).
 */
@Configuration(proxyBeanMethods = false)
class SecurityConfig {

  @Bean
  RouteAccess agentRoutes() {
    return routes ->
        routes
            .pathMatchers(HttpMethod.GET, "/internal/tenants/{tenantId}/usage")
            .hasAuthority(authority(TENANT_SERVICE))
            // a customer's data (KVKK / GDPR), for the operators' tenant API
            .pathMatchers(HttpMethod.GET, "/internal/tenants/{tenantId}/customers/data")
            .hasAuthority(authority(TENANT_SERVICE))
            .pathMatchers(HttpMethod.POST, "/internal/tenants/{tenantId}/customers/erasure")
            .hasAuthority(authority(TENANT_SERVICE))
            .pathMatchers(HttpMethod.POST, "/internal/explain", "/internal/explain/dialogue")
            .hasAuthority(authority(OPERATOR));
  }
}
