package io.sahabot.tenant.provisioning;

import io.sahabot.schemas.tenant.TenantSettings;
import java.time.Instant;
import java.util.UUID;

/** A tenant as tenant-service stores it. */
public record Tenant(
    UUID id,
    String phoneNumberId,
    String displayPhoneNumber,
    String businessName,
    boolean active,
    TenantSettings settings,
    Instant createdAt,
    Instant updatedAt) {}
