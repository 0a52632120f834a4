package io.sahabot.reservation.config;

import static io.sahabot.platform.security.Callers.AGENT;
import static io.sahabot.platform.security.Callers.OPERATOR;
import static io.sahabot.platform.security.Callers.TENANT_SERVICE;
import static io.sahabot.platform.security.Callers.authority;

import io.sahabot.platform.security.RouteAccess;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.http.HttpMethod;

/**
 * Who may call reservation-service's routes (platform's security denies every other): the agent
 * reads availability, lists, reports and the table; tenant-service reads a tenant's stats,
 * waitlist, reservations, series and the outcomes of the commands it sent for the tenant API;
 * operators run the reconciliation with {@code reservation.events} ({@code POST
 * /internal/reconcile}, {@code ./sahabot reconcile}) and nothing else.
 */
@Configuration(proxyBeanMethods = false)
class SecurityConfig {

  @Bean
  RouteAccess reservationRoutes() {
    return routes ->
        routes
            // the repair after a restore from an older backup (booking/OutcomeReconciler)
            .pathMatchers(HttpMethod.POST, "/internal/reconcile")
            .hasAuthority(authority(OPERATOR))
            .pathMatchers(
                HttpMethod.GET,
                "/internal/tenants/{tenantId}/stats",
                "/internal/tenants/{tenantId}/waitlist",
                "/internal/tenants/{tenantId}/commands/{commandId}",
                "/internal/tenants/{tenantId}/series/{seriesId}",
                "/internal/tenants/{tenantId}/reservations/{reservationId}")
            .hasAuthority(authority(TENANT_SERVICE))
            // the tenant API lists reservations too
            .pathMatchers(HttpMethod.GET, "/internal/tenants/{tenantId}/reservations")
            .hasAnyAuthority(authority(TENANT_SERVICE), authority(AGENT))
            .pathMatchers(HttpMethod.GET, "/internal/tenants/{tenantId}/upcoming")
            .hasAnyAuthority(authority(TENANT_SERVICE), authority(AGENT))
            // the monthly report: the agent's chat text, the tenant API's CSV
            .pathMatchers(
                HttpMethod.GET,
                "/internal/tenants/{tenantId}/reports/monthly",
                "/internal/tenants/{tenantId}/reports/monthly.csv")
            .hasAnyAuthority(authority(AGENT), authority(TENANT_SERVICE))
            // a customer's data (KVKK / GDPR): agent-service answers the customer and operators
            .pathMatchers(HttpMethod.GET, "/internal/tenants/{tenantId}/customers/data")
            .hasAuthority(authority(AGENT))
            .pathMatchers(HttpMethod.POST, "/internal/tenants/{tenantId}/customers/erasure")
            .hasAuthority(authority(AGENT))
            .pathMatchers(
                HttpMethod.GET,
                "/internal/tenants/{tenantId}/table.png",
                "/internal/tenants/{tenantId}/availability",
                "/internal/tenants/{tenantId}/customers",
                "/internal/tenants/{tenantId}/customers/reservations",
                "/internal/tenants/{tenantId}/reports/sales",
                "/internal/tenants/{tenantId}/reports/loyal-customers",
                "/internal/tenants/{tenantId}/reports/cancellations",
                "/internal/tenants/{tenantId}/reports/peak-hours")
            .hasAuthority(authority(AGENT));
  }
}
