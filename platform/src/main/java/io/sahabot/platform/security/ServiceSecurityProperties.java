package io.sahabot.platform.security;

import java.util.List;
import java.util.Map;
import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;

/**
 * Who may call this service, and with what it calls others ({@code sahabot.security.*}).
 *
 * @param token this service's own credential, sent as a bearer token on its calls to other services
 *     (each service has its own: {@code SAHABOT_INGRESS_TOKEN}, {@code
 *     SAHABOT_TENANT_SERVICE_TOKEN}, {@code SAHABOT_AGENT_TOKEN}); empty for a service that calls
 *     no other
 * @param callers the credentials this service accepts, by caller ({@link Callers}): the secret
 *     itself or its digest {@code sha256:<hex>}; a route grants access to named callers only
 * @param secrets further settings (property names) that must be set, and not to their local values,
 *     outside the local run; every {@code callers} entry and {@code token} are such settings
 *     already
 */
@ConfigurationProperties("sahabot.security")
public record ServiceSecurityProperties(
    String token, Map<String, String> callers, @DefaultValue List<String> secrets) {

  public ServiceSecurityProperties {
    token = token == null ? "" : token.trim();
    callers = callers == null ? Map.of() : Map.copyOf(callers);
    secrets = secrets == null ? List.of() : List.copyOf(secrets);
  }

  /** The bearer header value of this service's calls to others. */
  public String bearer() {
    if (token.isEmpty()) {
      throw new IllegalStateException(
          "sahabot.security.token is not set: this service has no credential of its own");
    }
    return "Bearer " + token;
  }

  @Override
  public String toString() {
    return "ServiceSecurityProperties[token=<masked>, callers=" + callers.keySet() + "]";
  }
}
