package io.sahabot.tenant.provisioning;

/** The tenant of a WhatsApp number, and whether this call created it. */
public record Provisioned(Tenant tenant, boolean created) {}
