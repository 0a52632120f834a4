-- Tenant isolation enforced by PostgreSQL. The services connect as `sahabot_app`, which does not
-- own the tables, so these policies apply to every query it runs. A tenant-scoped transaction
-- starts with `SELECT set_config('app.tenant_id', '<uuid>', true)`; with no tenant set, a policy
-- compares with NULL and matches no row.

DO $$
BEGIN
    CREATE ROLE sahabot_app LOGIN;
EXCEPTION
    WHEN duplicate_object THEN NULL;
END
$$;

GRANT USAGE ON SCHEMA public TO sahabot_app;
GRANT SELECT, INSERT, UPDATE, DELETE ON ALL TABLES IN SCHEMA public TO sahabot_app;
GRANT USAGE, SELECT ON ALL SEQUENCES IN SCHEMA public TO sahabot_app;
REVOKE ALL ON flyway_schema_history FROM sahabot_app;

CREATE FUNCTION current_tenant_id() RETURNS UUID
    LANGUAGE sql STABLE
AS $$ SELECT NULLIF(current_setting('app.tenant_id', true), '')::uuid $$;

ALTER TABLE customers ENABLE ROW LEVEL SECURITY;
ALTER TABLE fields ENABLE ROW LEVEL SECURITY;
ALTER TABLE reservations ENABLE ROW LEVEL SECURITY;
ALTER TABLE conversation_messages ENABLE ROW LEVEL SECURITY;
ALTER TABLE token_usage ENABLE ROW LEVEL SECURITY;
ALTER TABLE tenant_api_keys ENABLE ROW LEVEL SECURITY;
ALTER TABLE processed_messages ENABLE ROW LEVEL SECURITY;

CREATE POLICY tenant_isolation ON customers
    USING (tenant_id = current_tenant_id()) WITH CHECK (tenant_id = current_tenant_id());
CREATE POLICY tenant_isolation ON fields
    USING (tenant_id = current_tenant_id()) WITH CHECK (tenant_id = current_tenant_id());
CREATE POLICY tenant_isolation ON reservations
    USING (tenant_id = current_tenant_id()) WITH CHECK (tenant_id = current_tenant_id());
CREATE POLICY tenant_isolation ON conversation_messages
    USING (tenant_id = current_tenant_id()) WITH CHECK (tenant_id = current_tenant_id());
CREATE POLICY tenant_isolation ON token_usage
    USING (tenant_id = current_tenant_id()) WITH CHECK (tenant_id = current_tenant_id());
CREATE POLICY tenant_isolation ON tenant_api_keys
    USING (tenant_id = current_tenant_id()) WITH CHECK (tenant_id = current_tenant_id());
CREATE POLICY tenant_isolation ON processed_messages
    USING (tenant_id = current_tenant_id()) WITH CHECK (tenant_id = current_tenant_id());

-- `tenants` is the directory of tenants itself: tenant-service resolves a WhatsApp number to its
-- tenant before any tenant is known, so it is readable by the application role without a tenant
-- context. It holds no customer data. Only tenant-service writes it.

-- The one reviewed cross-tenant path for API keys: resolve a presented key's hash to its tenant.
CREATE FUNCTION resolve_api_key(p_key_hash VARCHAR) RETURNS TABLE (key_id UUID, tenant_id UUID)
    LANGUAGE sql STABLE SECURITY DEFINER SET search_path = public
AS $$
    SELECT k.id, k.tenant_id FROM tenant_api_keys k
    WHERE k.key_hash = p_key_hash AND k.revoked_at IS NULL
$$;
REVOKE ALL ON FUNCTION resolve_api_key(VARCHAR) FROM PUBLIC;
GRANT EXECUTE ON FUNCTION resolve_api_key(VARCHAR) TO sahabot_app;

ALTER DEFAULT PRIVILEGES IN SCHEMA public GRANT SELECT, INSERT, UPDATE, DELETE ON TABLES TO sahabot_app;
ALTER DEFAULT PRIVILEGES IN SCHEMA public GRANT USAGE, SELECT ON SEQUENCES TO sahabot_app;
