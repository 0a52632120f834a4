package io.sahabot.tenant.security;

import java.util.UUID;
import org.springframework.web.server.ServerWebExchange;

/** Who made a request, as {@link BearerAuthFilter} established it. */
public sealed interface Caller {

  String ATTRIBUTE = Caller.class.getName();

  /** An operator of the deployment: every tenant. */
  record Operator() implements Caller {}

  /** A tenant's API key: that tenant only. */
  record TenantKey(UUID tenantId, UUID keyId) implements Caller {}

  /** Another SahaBot service on {@code /internal/**}. */
  record Service() implements Caller {}

  /** Whether this caller may act on {@code tenantId}. */
  default boolean mayAccess(UUID tenantId) {
    if (this instanceof Operator) {
      return true;
    }
    return this instanceof TenantKey key && key.tenantId().equals(tenantId);
  }

  static Caller of(ServerWebExchange exchange) {
    Caller caller = exchange.getAttribute(ATTRIBUTE);
    if (caller == null) {
      throw new IllegalStateException("no caller: the request did not pass the auth filter");
    }
    return caller;
  }
}
