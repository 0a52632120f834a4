package io.sahabot.agent.security;

import static io.sahabot.testsupport.RouteProbe.only;

import io.sahabot.testsupport.IntegrationTest;
import io.sahabot.testsupport.RouteProbe.Route;
import io.sahabot.testsupport.RouteSecurityChecks;
import java.util.Map;
import java.util.Set;
import java.util.UUID;
import org.springframework.test.annotation.DirtiesContext;

/**
 * Every route of agent-service, read from its own mappings, admits only the callers it names, under
 * every spelling of its path: explain (which runs any tenant's owner tools) is the operators'
 * alone.
 */
@IntegrationTest
// every context of this module consumes in the same groups (agent-service, the notifier's): closed
// after its class, so that the next class's context gets every partition
@DirtiesContext
class RouteSecurityIT extends RouteSecurityChecks {

  @Override
  protected Set<String> admitted(Route route) {
    return switch (route.pattern()) {
      case "/internal/tenants/{tenantId}/usage",
          "/internal/tenants/{tenantId}/customers/data",
          "/internal/tenants/{tenantId}/customers/erasure" ->
          only("tenant-service");
      case "/internal/explain", "/internal/explain/dialogue" -> only("operator");
      default -> null;
    };
  }

  @Override
  protected int minimumRoutes() {
    return 5;
  }

  @Override
  protected Map<String, String> pathValues() {
    return Map.of("tenantId", UUID.randomUUID().toString());
  }
}
