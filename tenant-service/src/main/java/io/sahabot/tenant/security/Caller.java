package io.sahabot.tenant.security;

import io.sahabot.platform.security.Callers;
import io.sahabot.platform.security.ServiceSecurityAutoConfiguration;
import java.util.UUID;
import org.springframework.web.server.ServerWebExchange;

/**
 * Who made a request, as the platform's security established it ({@link SecurityConfig} names who
 * may call each route; this decides which tenant a caller may reach).
 */
public sealed interface Caller {

  /** An operator of the deployment: every tenant. */
  record Operator() implements Caller {}

  /** A tenant's API key: that tenant only. */
  record TenantKey(UUID tenantId, UUID keyId) implements Caller {}

  /** Another SahaBot service, by its caller name ({@link Callers}). */
  record Service(String name) implements Caller {}

  /** Whether this caller may act on {@code tenantId}. */
  default boolean mayAccess(UUID tenantId) {
    if (this instanceof Operator) {
      return true;
    }
    return this instanceof TenantKey key && key.tenantId().equals(tenantId);
  }

  static Caller of(ServerWebExchange exchange) {
    Object principal = exchange.getAttribute(ServiceSecurityAutoConfiguration.PRINCIPAL_ATTRIBUTE);
    if (principal instanceof TenantKey key) {
      return key;
    }
    if (Callers.OPERATOR.equals(principal)) {
      return new Operator();
    }
    if (principal instanceof String name) {
      return new Service(name);
    }
    throw new IllegalStateException("no caller: the request was not authenticated");
  }
}
