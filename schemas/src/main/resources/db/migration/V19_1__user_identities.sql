-- agent-service: one customer, one identity (issue 17). A WhatsApp user may be known by a phone
-- number (wa_id), by a business-scoped user id (BSUID, usernames), or by both, and either can
-- change (system messages user_changed_number, user_changed_user_id). Each address a user of the
-- tenant has written from is linked to one person: the first address the tenant knew them by.
-- The agent keys the user's conversation memory, 24-hour window and reservations by the person,
-- and sends to the person's current address. A user with no row is their own person (every user
-- known before this migration: nothing to backfill).
CREATE TABLE user_identities (
    tenant_id   UUID         NOT NULL REFERENCES tenants (id) ON DELETE CASCADE,
    address     VARCHAR(128) NOT NULL,
    person      VARCHAR(128) NOT NULL,
    is_phone    BOOLEAN      NOT NULL,
    seen_at     TIMESTAMPTZ  NOT NULL,
    -- set when WhatsApp said the user no longer has this number or user id
    retired_at  TIMESTAMPTZ,
    PRIMARY KEY (tenant_id, address)
);

CREATE INDEX user_identities_person ON user_identities (tenant_id, person);

ALTER TABLE user_identities ENABLE ROW LEVEL SECURITY;
ALTER TABLE user_identities FORCE ROW LEVEL SECURITY;
CREATE POLICY tenant_isolation ON user_identities
    USING (tenant_id = current_tenant_id()) WITH CHECK (tenant_id = current_tenant_id());

GRANT SELECT, INSERT, UPDATE, DELETE ON user_identities TO sahabot_app;
