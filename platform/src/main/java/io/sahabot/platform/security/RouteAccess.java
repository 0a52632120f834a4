package io.sahabot.platform.security;

import org.springframework.security.config.web.server.ServerHttpSecurity;

/**
 * A service's routes and who may call each: its beans of this type are applied, in order, between
 * the platform's public routes (health, info, metrics) and the final deny. A route that no bean
 * names is denied, whoever calls it.
 *
 * <pre>{@code
 * @Bean
 * RouteAccess usageRoutes() {
 *   return routes -> routes
 *       .pathMatchers(HttpMethod.GET, "/internal/tenants/{tenantId}/usage")
 *       .hasAuthority(Callers.authority(Callers.TENANT_SERVICE));
 * }
 * }</pre>
 */
@FunctionalInterface
public interface RouteAccess {

  void authorize(ServerHttpSecurity.AuthorizeExchangeSpec routes);
}
