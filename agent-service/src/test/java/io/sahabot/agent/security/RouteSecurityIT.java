package io.sahabot.agent.security;

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
 * Every route of agent-service, read from its own mappings, admits only the callers it names, under
 * every spelling of its path: explain (which runs any tenant's owner tools) is the operators'
 * alone.
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

    assertThat(routes).hasSizeGreaterThanOrEqualTo(2);
    assertThat(findings).isEmpty();
  }

  static Set<String> admitted(Route route) {
    return switch (route.pattern()) {
      case "/internal/tenants/{tenantId}/usage" -> only("tenant-service");
      case "/internal/explain" -> only("operator");
      default -> null;
    };
  }
}
