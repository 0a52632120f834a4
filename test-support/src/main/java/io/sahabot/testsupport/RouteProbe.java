package io.sahabot.testsupport;

import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import java.util.function.Function;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.springframework.context.ApplicationContext;
import org.springframework.web.bind.annotation.RequestMethod;
import org.springframework.web.reactive.result.method.annotation.RequestMappingHandlerMapping;
import org.springframework.web.util.pattern.PathPattern;

/**
 * Probes every route a running service maps, as an attacker would: each route in its plain form and
 * in every spelling that a path-matching bug could let through ({@code ;x} after a segment, a
 * percent-encoded letter, {@code %2F}, {@code //}, {@code /./}, {@code /x/../}, upper case, a
 * trailing {@code /} or {@code ;}), without a credential, with a wrong one and with each caller's
 * credential. The routes come from the application's own request mappings, so a new route is probed
 * without anyone adding it here; {@link #check} fails for a route that the expected access table
 * does not name.
 */
public final class RouteProbe {

  /** A mapped route: its method and path pattern ({@code /internal/tenants/{tenantId}/stats}). */
  public record Route(String method, String pattern) {
    @Override
    public String toString() {
      return method + " " + pattern;
    }
  }

  /** What one request answered that it should not have. */
  public record Finding(Route route, String caller, String path, int status) {
    @Override
    public String toString() {
      return route + " as " + caller + ": " + path + " answered " + status;
    }
  }

  /**
   * Every caller's credential in the local run and the tests ({@code application-local.yml} of each
   * service), by caller name.
   */
  public static final Map<String, String> LOCAL_CREDENTIALS =
      Map.of(
          "operator", "local-admin-token",
          "ingress", "local-ingress-token",
          "tenant-service", "local-tenant-service-token",
          "agent", "local-agent-token");

  private static final Pattern VARIABLE = Pattern.compile("\\{\\*?([A-Za-z0-9_]+)}");

  private final HttpClient http =
      HttpClient.newBuilder()
          .connectTimeout(Duration.ofSeconds(5))
          .followRedirects(HttpClient.Redirect.NEVER)
          .build();
  private final int port;

  public RouteProbe(int port) {
    this.port = port;
  }

  /** Every route of the application's annotated controllers (actuator endpoints excluded). */
  public static List<Route> routes(ApplicationContext context) {
    Set<Route> routes = new TreeSet<>((a, b) -> a.toString().compareTo(b.toString()));
    for (RequestMappingHandlerMapping mapping :
        context.getBeansOfType(RequestMappingHandlerMapping.class).values()) {
      for (var info : mapping.getHandlerMethods().keySet()) {
        Set<RequestMethod> methods = info.getMethodsCondition().getMethods();
        for (PathPattern pattern : info.getPatternsCondition().getPatterns()) {
          if (methods.isEmpty()) {
            routes.add(new Route("GET", pattern.getPatternString()));
          }
          for (RequestMethod method : methods) {
            routes.add(new Route(method.name(), pattern.getPatternString()));
          }
        }
      }
    }
    return List.copyOf(routes);
  }

  /** A route's pattern with each variable replaced by {@code values} (else {@code "x"}). */
  public static String path(Route route, Map<String, String> values) {
    Matcher m = VARIABLE.matcher(route.pattern());
    StringBuilder path = new StringBuilder();
    while (m.find()) {
      m.appendReplacement(path, Matcher.quoteReplacement(values.getOrDefault(m.group(1), "x")));
    }
    m.appendTail(path);
    return path.toString();
  }

  /**
   * The spellings of a path that must never reach a handler as the path itself: by name, each
   * variant of the plain path.
   */
  public static Map<String, String> variants(String plain) {
    String[] segments = plain.substring(1).split("/", -1);
    String first = segments[0];
    String rest = plain.substring(1 + first.length());
    Map<String, String> variants = new LinkedHashMap<>();
    variants.put("matrix parameter after the first segment", "/" + first + ";x" + rest);
    variants.put("matrix parameter after the last segment", plain + ";x=1");
    variants.put(
        "percent-encoded first letter",
        "/%" + String.format("%02X", (int) first.charAt(0)) + first.substring(1) + rest);
    if (!rest.isEmpty()) {
      variants.put("encoded slash", "/" + first + "%2F" + rest.substring(1));
      variants.put("double slash", "/" + first + "/" + rest);
      variants.put("dot segment", "/" + first + "/." + rest);
      variants.put("dot-dot segment", "/" + first + "/x/.." + rest);
    }
    variants.put("leading double slash", "/" + plain);
    variants.put("upper case", plain.toUpperCase(Locale.ROOT));
    variants.put("trailing slash", plain + "/");
    variants.put("trailing semicolon", plain + ";");
    return variants;
  }

  /**
   * Checks every route against the expected access: {@code allowed} names, per route, the callers
   * (keys of {@code credentials}) it admits, or an empty set for a public route. For each route:
   * without a credential, with a wrong one, and with every caller's it does not admit, the plain
   * path answers 401 or 403 and every variant a 4xx; with each caller it admits, the plain path
   * answers other than 401/403 (so the probe is not vacuous) and every variant still a 4xx.
   *
   * @return what went wrong; empty when every route holds
   */
  public List<Finding> check(
      List<Route> routes,
      Function<Route, Set<String>> allowed,
      Map<String, String> credentials,
      Map<String, String> values) {
    List<Finding> findings = new ArrayList<>();
    for (Route route : routes) {
      Set<String> admitted = allowed.apply(route);
      if (admitted == null) {
        findings.add(new Finding(route, "-", "not in the expected access table", 0));
        continue;
      }
      String plain = path(route, values);
      Map<String, String> callers = new LinkedHashMap<>();
      callers.put("no credential", null);
      callers.put("a wrong credential", "not-a-credential-of-this-deployment");
      credentials.forEach((caller, token) -> callers.put(caller, token));
      for (var caller : callers.entrySet()) {
        boolean open = admitted.isEmpty();
        boolean admits = open || admitted.contains(caller.getKey());
        int status = send(route.method(), plain, caller.getValue());
        // a public route needs no credential; a wrong one may still be refused
        boolean refusable = open && caller.getValue() != null;
        if (admits && !refusable && (status == 401 || status == 403)) {
          findings.add(new Finding(route, caller.getKey() + " (admitted)", plain, status));
        }
        if (!admits && status != 401 && status != 403) {
          findings.add(new Finding(route, caller.getKey(), plain, status));
        }
        for (String variant : variants(plain).values()) {
          int answered = send(route.method(), variant, caller.getValue());
          if (answered < 400 || answered >= 500) {
            findings.add(new Finding(route, caller.getKey(), variant, answered));
          }
        }
      }
    }
    return findings;
  }

  /** Sends one request with the raw path as given; the status it answered. */
  public int send(String method, String rawPath, String bearer) {
    HttpRequest.Builder request =
        HttpRequest.newBuilder(URI.create("http://localhost:" + port + rawPath))
            .timeout(Duration.ofSeconds(20))
            .header("Content-Type", "application/json");
    if (bearer != null) {
      request.header("Authorization", "Bearer " + bearer);
    }
    request.method(
        method,
        Set.of("POST", "PUT", "PATCH").contains(method)
            ? HttpRequest.BodyPublishers.ofString("{}")
            : HttpRequest.BodyPublishers.noBody());
    try {
      return http.send(request.build(), HttpResponse.BodyHandlers.discarding()).statusCode();
    } catch (IOException e) {
      throw new IllegalStateException(method + " " + rawPath + ": " + e.getMessage(), e);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new IllegalStateException(e);
    }
  }

  /** A set of callers, for the expected access table. */
  public static Set<String> only(String... callers) {
    return new LinkedHashSet<>(List.of(callers));
  }
}
