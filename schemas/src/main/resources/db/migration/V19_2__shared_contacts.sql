-- agent-service: a contact card an owner shares becomes the customer of their next booking
-- request ("bu kişiye yarın 9"), issue 17. One pending card per owner number of a tenant; a
-- booking for it (bookForCustomer) clears it, and one older than a day is ignored.
CREATE TABLE shared_contacts (
    tenant_id   UUID         NOT NULL REFERENCES tenants (id) ON DELETE CASCADE,
    owner_id    VARCHAR(128) NOT NULL,
    name        VARCHAR(100),
    phone       VARCHAR(20)  NOT NULL,
    shared_at   TIMESTAMPTZ  NOT NULL,
    PRIMARY KEY (tenant_id, owner_id)
);

ALTER TABLE shared_contacts ENABLE ROW LEVEL SECURITY;
ALTER TABLE shared_contacts FORCE ROW LEVEL SECURITY;
CREATE POLICY tenant_isolation ON shared_contacts
    USING (tenant_id = current_tenant_id()) WITH CHECK (tenant_id = current_tenant_id());

GRANT SELECT, INSERT, UPDATE, DELETE ON shared_contacts TO sahabot_app;
