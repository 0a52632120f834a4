package io.sahabot.ingress.security;

import static org.assertj.core.api.Assertions.assertThat;

import io.sahabot.testsupport.IntegrationTest;
import io.sahabot.testsupport.RouteProbe;
import io.sahabot.testsupport.RouteProbe.Route;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.context.ApplicationContext;

/**
 * ingress-service's WebFlux routes, read from its own mappings: in recording mode (the local run
 * and the tests) only what would have been sent is readable, and only in its plain spelling; any
 * other path is refused, whoever calls.
 */
@IntegrationTest
class RouteSecurityIT {

  @LocalServerPort int port;
  @Autowired ApplicationContext context;

  @Test
  void theRecordingRoutesAreTheOnlyOnesAndAcceptOnlyTheirPlainSpelling() {
    List<Route> routes = RouteProbe.routes(context);
    RouteProbe probe = new RouteProbe(port);

    List<RouteProbe.Finding> findings =
        probe.check(
            routes, RouteSecurityIT::admitted, RouteProbe.LOCAL_CREDENTIALS, Map.of("id", "m1"));

    assertThat(routes).extracting(Route::pattern).contains("/recorded", "/recorded/media/{id}");
    assertThat(findings).isEmpty();
    assertThat(
            probe.send("GET", "/internal/anything", RouteProbe.LOCAL_CREDENTIALS.get("operator")))
        .isIn(401, 403);
    assertThat(probe.send("GET", "/actuator/health", null)).isEqualTo(200);
    assertThat(probe.send("GET", "/actuator/env", null)).isIn(401, 403, 404);
  }

  static Set<String> admitted(Route route) {
    return route.pattern().startsWith("/recorded") ? Set.of() : null;
  }
}
