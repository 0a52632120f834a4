package io.sahabot.tenant.apikeys;

import java.util.UUID;

/** A presented key that is known and not revoked: the key and the tenant it belongs to. */
public record ResolvedKey(UUID tenantId, UUID keyId) {}
