package io.sahabot.reservation.queries;

import java.util.UUID;

/** A query for a tenant this service has not seen on tenant.changelog. */
public class UnknownTenantException extends RuntimeException {

  public UnknownTenantException(UUID tenantId) {
    super("no tenant " + tenantId);
  }
}
