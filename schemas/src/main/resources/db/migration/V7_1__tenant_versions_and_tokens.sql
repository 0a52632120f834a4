-- tenant-service: a version per tenant (every change publishes a TenantSnapshot with the next
-- version on tenant.changelog), and a tenant's own WhatsApp access token, encrypted.

ALTER TABLE tenants ADD COLUMN version BIGINT NOT NULL DEFAULT 1;

-- The token is AES-256-GCM encrypted by tenant-service with a deployment key
-- (SAHABOT_TOKEN_ENCRYPTION_KEY): `ciphertext` is nonce (12 bytes) || ciphertext || tag, with the
-- tenant id as associated data, so a row copied to another tenant does not decrypt.
CREATE TABLE tenant_whatsapp_tokens (
    tenant_id  UUID PRIMARY KEY REFERENCES tenants (id) ON DELETE CASCADE,
    ciphertext BYTEA       NOT NULL,
    updated_at TIMESTAMPTZ NOT NULL DEFAULT now()
);

ALTER TABLE tenant_whatsapp_tokens ENABLE ROW LEVEL SECURITY;
CREATE POLICY tenant_isolation ON tenant_whatsapp_tokens
    USING (tenant_id = current_tenant_id()) WITH CHECK (tenant_id = current_tenant_id());
GRANT SELECT, INSERT, UPDATE, DELETE ON tenant_whatsapp_tokens TO sahabot_app;
