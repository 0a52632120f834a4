package io.sahabot.ingress.security;

import static org.assertj.core.api.Assertions.assertThat;

import io.sahabot.testsupport.IntegrationTest;
import io.sahabot.testsupport.RouteProbe;
import io.sahabot.testsupport.RouteProbe.Route;
import io.sahabot.testsupport.RouteSecurityChecks;
import java.util.Map;
import java.util.Set;
import org.junit.jupiter.api.Test;

/**
 * ingress-service's WebFlux routes, read from its own mappings: in recording mode (the local run
 * and the tests) only what would have been sent is readable, and only in its plain spelling; any
 * other path is refused, whoever calls.
 */
@IntegrationTest
class RouteSecurityIT extends RouteSecurityChecks {

  @Override
  protected Set<String> admitted(Route route) {
    return route.pattern().startsWith("/recorded") ? Set.of() : null;
  }

  @Override
  protected int minimumRoutes() {
    return 2;
  }

  @Override
  protected Map<String, String> pathValues() {
    return Map.of("id", "m1");
  }

  @Test
  void theRecordingRoutesAreTheOnlyOnesAndAnyOtherPathIsRefused() {
    RouteProbe probe = probe();

    assertThat(routes()).extracting(Route::pattern).contains("/recorded", "/recorded/media/{id}");
    assertThat(
            probe.send("GET", "/internal/anything", RouteProbe.LOCAL_CREDENTIALS.get("operator")))
        .isIn(401, 403);
    assertThat(probe.send("GET", "/actuator/health", null)).isEqualTo(200);
    assertThat(probe.send("GET", "/actuator/env", null)).isIn(401, 403, 404);
  }
}
