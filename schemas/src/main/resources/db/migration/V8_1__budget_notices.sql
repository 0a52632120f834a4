-- agent-service: past a tenant's monthly token budget the agent falls back to the offline model
-- and tells the tenant's owner once per (UTC) month. The row is the "once": the first turn that
-- inserts it sends the notice; every later turn's insert does nothing.
CREATE TABLE budget_notices (
    tenant_id   UUID        NOT NULL REFERENCES tenants (id) ON DELETE CASCADE,
    month       DATE        NOT NULL,
    notified_at TIMESTAMPTZ NOT NULL DEFAULT now(),
    PRIMARY KEY (tenant_id, month)
);

ALTER TABLE budget_notices ENABLE ROW LEVEL SECURITY;
CREATE POLICY tenant_isolation ON budget_notices
    USING (tenant_id = current_tenant_id()) WITH CHECK (tenant_id = current_tenant_id());
GRANT SELECT, INSERT, UPDATE, DELETE ON budget_notices TO sahabot_app;
