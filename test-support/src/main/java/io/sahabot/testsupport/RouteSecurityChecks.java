package io.sahabot.testsupport;

import static org.assertj.core.api.Assertions.assertThat;

import io.sahabot.testsupport.RouteProbe.Route;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.context.ApplicationContext;

/**
 * The route-security test every service runs, on {@link RouteProbe}: every route the running
 * service maps admits only the callers it names, under every spelling of its path. A service's
 * {@code RouteSecurityIT} extends it (as an {@code @IntegrationTest}) and says only what is its
 * own: who may call each route, the path variables' values, and callers besides the local ones.
 */
public abstract class RouteSecurityChecks {

  @Autowired protected ApplicationContext context;

  /**
   * Who may call a route: caller names (keys of {@link #credentials()}), an empty set for a public
   * route, null for a route the service has not declared (reported as a finding).
   */
  protected abstract Set<String> admitted(Route route);

  /** The fewest routes the service maps, so that a route table read empty cannot pass. */
  protected abstract int minimumRoutes();

  /** Values for the routes' path variables by name; any other variable is {@code "x"}. */
  protected Map<String, String> pathValues() {
    return Map.of();
  }

  /** Every caller's credential by name: the local run's, unless a service adds its own. */
  protected Map<String, String> credentials() {
    return RouteProbe.LOCAL_CREDENTIALS;
  }

  @Test
  void everyRouteAdmitsOnlyItsCallersUnderEveryPathVariant() {
    List<Route> routes = routes();

    List<RouteProbe.Finding> findings =
        probe().check(routes, this::admitted, credentials(), pathValues());

    assertThat(routes).hasSizeGreaterThanOrEqualTo(minimumRoutes());
    assertThat(findings).isEmpty();
  }

  /** The running service's routes, from its own request mappings. */
  protected List<Route> routes() {
    return RouteProbe.routes(context);
  }

  /** A probe of the running service's port. */
  protected RouteProbe probe() {
    return new RouteProbe(
        context.getEnvironment().getRequiredProperty("local.server.port", Integer.class));
  }
}
