package io.sahabot.platform.security;

import java.util.List;
import org.springframework.beans.factory.ObjectProvider;
import org.springframework.boot.autoconfigure.AutoConfiguration;
import org.springframework.boot.autoconfigure.condition.ConditionalOnWebApplication;
import org.springframework.boot.context.properties.EnableConfigurationProperties;
import org.springframework.boot.security.autoconfigure.ReactiveUserDetailsServiceAutoConfiguration;
import org.springframework.boot.security.autoconfigure.actuate.web.reactive.ReactiveManagementWebSecurityAutoConfiguration;
import org.springframework.boot.security.autoconfigure.web.reactive.ReactiveWebSecurityAutoConfiguration;
import org.springframework.context.annotation.Bean;
import org.springframework.http.HttpMethod;
import org.springframework.http.HttpStatus;
import org.springframework.security.config.annotation.web.reactive.EnableWebFluxSecurity;
import org.springframework.security.config.web.server.SecurityWebFiltersOrder;
import org.springframework.security.config.web.server.ServerHttpSecurity;
import org.springframework.security.web.server.SecurityWebFilterChain;
import org.springframework.security.web.server.authentication.AuthenticationWebFilter;
import org.springframework.security.web.server.authentication.ServerAuthenticationEntryPointFailureHandler;
import org.springframework.security.web.server.context.NoOpServerSecurityContextRepository;
import org.springframework.security.web.server.savedrequest.NoOpServerRequestCache;

/**
 * Spring Security for every service, deny by default: one {@link SecurityWebFilterChain} in which
 * health, info and metrics are public, each route a service names through its {@link RouteAccess}
 * beans admits the callers it names, and every other request is refused. Callers authenticate with
 * a bearer token: a credential of {@code sahabot.security.callers} (compared in constant time) or
 * whatever the service's {@link BearerAuthenticator}s accept. Paths not in their one plain form are
 * refused first ({@link PathVariantFilter}), then by Spring Security's strict firewall. Secrets
 * left at their local values stop the service outside the local run ({@link SecretsGuard}).
 */
@AutoConfiguration(
    before = {
      ReactiveWebSecurityAutoConfiguration.class,
      ReactiveManagementWebSecurityAutoConfiguration.class,
      ReactiveUserDetailsServiceAutoConfiguration.class
    })
@ConditionalOnWebApplication(type = ConditionalOnWebApplication.Type.REACTIVE)
@EnableWebFluxSecurity
@EnableConfigurationProperties(ServiceSecurityProperties.class)
public class ServiceSecurityAutoConfiguration {

  /** Where the principal of an authenticated request is kept on the exchange. */
  public static final String PRINCIPAL_ATTRIBUTE =
      ServiceSecurityAutoConfiguration.class.getName() + ".principal";

  @Bean
  PathVariantFilter pathVariantFilter() {
    return new PathVariantFilter();
  }

  @Bean
  BearerAuthenticationManager bearerAuthenticationManager(
      ServiceSecurityProperties properties, ObjectProvider<BearerAuthenticator> others) {
    return new BearerAuthenticationManager(properties.callers(), others.orderedStream().toList());
  }

  @Bean
  SecurityWebFilterChain sahabotSecurityWebFilterChain(
      ServerHttpSecurity http,
      BearerAuthenticationManager authenticationManager,
      ObjectProvider<RouteAccess> routes) {
    AuthenticationWebFilter bearer = new AuthenticationWebFilter(authenticationManager);
    bearer.setServerAuthenticationConverter(BearerAuthenticationManager.converter());
    bearer.setSecurityContextRepository(NoOpServerSecurityContextRepository.getInstance());
    bearer.setAuthenticationFailureHandler(
        new ServerAuthenticationEntryPointFailureHandler(
            (exchange, e) ->
                SecurityProblems.write(
                    exchange, HttpStatus.UNAUTHORIZED, "the bearer token is not valid")));
    bearer.setAuthenticationSuccessHandler(
        (filterExchange, authentication) -> {
          filterExchange
              .getExchange()
              .getAttributes()
              .put(PRINCIPAL_ATTRIBUTE, authentication.getPrincipal());
          return filterExchange.getChain().filter(filterExchange.getExchange());
        });
    List<RouteAccess> named = routes.orderedStream().toList();
    return http.csrf(ServerHttpSecurity.CsrfSpec::disable)
        .httpBasic(ServerHttpSecurity.HttpBasicSpec::disable)
        .formLogin(ServerHttpSecurity.FormLoginSpec::disable)
        .logout(ServerHttpSecurity.LogoutSpec::disable)
        .anonymous(ServerHttpSecurity.AnonymousSpec::disable)
        .requestCache(cache -> cache.requestCache(NoOpServerRequestCache.getInstance()))
        .securityContextRepository(NoOpServerSecurityContextRepository.getInstance())
        .addFilterAt(bearer, SecurityWebFiltersOrder.AUTHENTICATION)
        .exceptionHandling(
            handling ->
                handling
                    .authenticationEntryPoint(
                        (exchange, e) ->
                            SecurityProblems.write(
                                exchange, HttpStatus.UNAUTHORIZED, "a bearer token is required"))
                    .accessDeniedHandler(
                        (exchange, e) ->
                            SecurityProblems.write(
                                exchange,
                                HttpStatus.FORBIDDEN,
                                "this caller may not call this route")))
        .authorizeExchange(
            exchanges -> {
              exchanges
                  .pathMatchers(
                      HttpMethod.GET,
                      "/actuator/health",
                      "/actuator/health/**",
                      "/actuator/info",
                      "/actuator/prometheus")
                  .permitAll();
              named.forEach(route -> route.authorize(exchanges));
              exchanges.anyExchange().denyAll();
            })
        .build();
  }
}
