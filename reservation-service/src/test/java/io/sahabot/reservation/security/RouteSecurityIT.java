package io.sahabot.reservation.security;

import static io.sahabot.testsupport.RouteProbe.only;
import static org.assertj.core.api.Assertions.assertThat;

import io.sahabot.testsupport.IntegrationTest;
import io.sahabot.testsupport.RouteProbe;
import io.sahabot.testsupport.RouteProbe.Route;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.UUID;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.context.ApplicationContext;

/**
 * Every route of reservation-service, read from its own mappings, refuses every caller but the one
 * it names, under every spelling of its path.
 */
@IntegrationTest
class RouteSecurityIT {

  @LocalServerPort int port;
  @Autowired ApplicationContext context;

  @Test
  void everyRouteAdmitsOnlyItsCallersUnderEveryPathVariant() {
    List<Route> routes = RouteProbe.routes(context);

    List<RouteProbe.Finding> findings =
        new RouteProbe(port)
            .check(
                routes,
                RouteSecurityIT::admitted,
                RouteProbe.LOCAL_CREDENTIALS,
                Map.of("tenantId", UUID.randomUUID().toString()));

    assertThat(routes).hasSizeGreaterThanOrEqualTo(10);
    assertThat(findings).isEmpty();
  }

  /** Who may call each route: the agent reads, tenant-service reads stats; null: not declared. */
  static Set<String> admitted(Route route) {
    if (!route.pattern().startsWith("/internal/tenants/{tenantId}/")) {
      return null;
    }
    return route.pattern().endsWith("/stats") ? only("tenant-service") : only("agent");
  }
}
