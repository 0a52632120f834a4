package io.sahabot.tenant.enrichment;

import io.sahabot.tenant.provisioning.Provisioned;

/**
 * Finds the tenant of a WhatsApp number, creating it if the number is new. Called by the enrichment
 * topology when its table has no tenant for a number; must be atomic (any number of concurrent
 * calls for one number yield one tenant) and idempotent.
 */
@FunctionalInterface
public interface TenantProvisioner {

  Provisioned getOrCreate(String phoneNumberId, String displayPhoneNumber);
}
