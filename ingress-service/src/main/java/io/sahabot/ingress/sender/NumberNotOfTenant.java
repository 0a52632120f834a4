package io.sahabot.ingress.sender;

import java.util.UUID;

/**
 * An outbound message whose business number ({@code phone_number_id}) is not its tenant's, as
 * tenant-service says: another tenant's, or nobody's. It is not sent (not retried) and goes to
 * {@code whatsapp.outbound.dlt} with the header {@code sahabot-send-refused: number-not-of-tenant}.
 * The message names the number and the tenants only, never the recipient or the text.
 */
public class NumberNotOfTenant extends RuntimeException {

  /** The value of the {@code sahabot-send-refused} header and of the metric's reason tag. */
  public static final String REASON = "number-not-of-tenant";

  private final String phoneNumberId;
  private final UUID tenantId;
  private final UUID ownerTenantId;

  public NumberNotOfTenant(String phoneNumberId, UUID tenantId, UUID ownerTenantId) {
    super(
        "business number "
            + phoneNumberId
            + " is not tenant "
            + tenantId
            + "'s: tenant-service says it is "
            + (ownerTenantId == null ? "no tenant's" : "tenant " + ownerTenantId + "'s"),
        null,
        false,
        false);
    this.phoneNumberId = phoneNumberId;
    this.tenantId = tenantId;
    this.ownerTenantId = ownerTenantId;
  }

  public String phoneNumberId() {
    return phoneNumberId;
  }

  /** The tenant of the message. */
  public UUID tenantId() {
    return tenantId;
  }

  /** The tenant tenant-service gives the number; null when none. */
  public UUID ownerTenantId() {
    return ownerTenantId;
  }
}
