package io.sahabot.reservation.security;

import static io.sahabot.testsupport.RouteProbe.only;

import io.sahabot.testsupport.IntegrationTest;
import io.sahabot.testsupport.RouteProbe.Route;
import io.sahabot.testsupport.RouteSecurityChecks;
import java.util.Map;
import java.util.Set;
import java.util.UUID;

/**
 * Every route of reservation-service, read from its own mappings, refuses every caller but the one
 * it names, under every spelling of its path.
 */
@IntegrationTest
class RouteSecurityIT extends RouteSecurityChecks {

  /**
   * Who may call each route: the agent reads, tenant-service reads stats, the waitlist, the
   * reservations (a list, one), a series and its commands' outcomes; operators reconcile; null: not
   * declared.
   */
  @Override
  protected Set<String> admitted(Route route) {
    if (route.pattern().equals("/internal/reconcile")) {
      return only("operator");
    }
    if (!route.pattern().startsWith("/internal/tenants/{tenantId}/")) {
      return null;
    }
    if (route.pattern().endsWith("/upcoming")
        || route.pattern().equals("/internal/tenants/{tenantId}/reservations")) {
      return only("tenant-service", "agent");
    }
    if (route.pattern().contains("/reports/monthly")) {
      return Set.of("agent", "tenant-service"); // the chat's text, the tenant API's CSV
    }
    return route.pattern().endsWith("/stats")
            || route.pattern().endsWith("/waitlist")
            // the tenant API: its commands' outcomes, a series' occurrences
            || route.pattern().endsWith("/commands/{commandId}")
            || route.pattern().endsWith("/series/{seriesId}")
            || route.pattern().endsWith("/reservations/{reservationId}")
        ? only("tenant-service")
        : only("agent");
  }

  @Override
  protected Map<String, String> pathValues() {
    return Map.of(
        "tenantId",
        UUID.randomUUID().toString(),
        "commandId",
        "cmd-1",
        "seriesId",
        "1",
        "reservationId",
        "1");
  }

  @Override
  protected int minimumRoutes() {
    return 16;
  }
}
