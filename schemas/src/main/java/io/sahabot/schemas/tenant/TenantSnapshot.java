package io.sahabot.schemas.tenant;

import static io.sahabot.schemas.Require.nonBlank;
import static io.sahabot.schemas.Require.nonNull;
import static io.sahabot.schemas.Require.nullOrNonBlank;
import static io.sahabot.schemas.Require.tenant;
import static io.sahabot.schemas.Require.text;

import java.time.Instant;
import java.util.UUID;

/**
 * The whole state of one tenant after a change. Consumers keep the snapshot with the highest {@code
 * version} per tenant.
 *
 * @param eventId unique id of this event
 * @param occurredAt when the change happened
 * @param causationId what caused the change (the raw webhook that provisioned the tenant, an admin
 *     request id); absent when nothing recorded caused it
 * @param phoneNumberId the tenant's WhatsApp {@code phone_number_id}
 * @param displayPhoneNumber the business number as displayed; may be absent
 * @param businessName the name shown to people, 1 to 200 characters
 * @param active false when the tenant is deactivated: its messages are rejected
 * @param version increases with every change of the tenant, starting at 1
 */
public record TenantSnapshot(
    String eventId,
    Instant occurredAt,
    UUID tenantId,
    String causationId,
    String phoneNumberId,
    String displayPhoneNumber,
    String businessName,
    boolean active,
    TenantSettings settings,
    long version)
    implements TenantChangelogRecord {

  public TenantSnapshot {
    nonBlank(eventId, "eventId");
    nonNull(occurredAt, "occurredAt");
    tenant(tenantId);
    nullOrNonBlank(causationId, "causationId");
    nonBlank(phoneNumberId, "phoneNumberId");
    nullOrNonBlank(displayPhoneNumber, "displayPhoneNumber");
    text(businessName, 200, "businessName");
    nonNull(settings, "settings");
    if (version < 1) {
      throw new IllegalArgumentException("version: must be positive, was " + version);
    }
  }

  @Override
  public String key() {
    return tenantId.toString();
  }
}
