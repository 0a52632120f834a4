-- The agent's memory, token usage per user, tenant API keys, and consumer idempotency markers.

CREATE TABLE conversation_messages (
    tenant_id  UUID         NOT NULL REFERENCES tenants (id) ON DELETE CASCADE,
    user_id    VARCHAR(128) NOT NULL,
    messages   JSONB        NOT NULL DEFAULT '[]'::jsonb,
    updated_at TIMESTAMPTZ  NOT NULL DEFAULT now(),
    PRIMARY KEY (tenant_id, user_id)
);

ALTER TABLE token_usage ADD COLUMN user_id VARCHAR(128);
ALTER TABLE token_usage ADD COLUMN message_id VARCHAR(128);

CREATE TABLE tenant_api_keys (
    id           UUID PRIMARY KEY DEFAULT gen_random_uuid(),
    tenant_id    UUID         NOT NULL REFERENCES tenants (id) ON DELETE CASCADE,
    name         VARCHAR(100) NOT NULL,
    key_prefix   VARCHAR(16)  NOT NULL,
    key_hash     VARCHAR(128) NOT NULL UNIQUE,
    created_at   TIMESTAMPTZ  NOT NULL DEFAULT now(),
    last_used_at TIMESTAMPTZ,
    revoked_at   TIMESTAMPTZ
);
CREATE INDEX idx_tenant_api_keys_tenant ON tenant_api_keys (tenant_id);

CREATE TABLE processed_messages (
    tenant_id    UUID         NOT NULL REFERENCES tenants (id) ON DELETE CASCADE,
    consumer     VARCHAR(64)  NOT NULL,
    message_id   VARCHAR(256) NOT NULL,
    processed_at TIMESTAMPTZ  NOT NULL DEFAULT now(),
    PRIMARY KEY (tenant_id, consumer, message_id)
);
CREATE INDEX idx_processed_messages_at ON processed_messages (processed_at);
