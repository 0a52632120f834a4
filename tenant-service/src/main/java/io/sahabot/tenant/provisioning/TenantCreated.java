package io.sahabot.tenant.provisioning;

/** A tenant was just provisioned for a new business number (an application event). */
public record TenantCreated(Tenant tenant) {}
