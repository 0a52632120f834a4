-- Only tenant-service writes the directory of tenants. It connects as sahabot_tenant_app: a member
-- of sahabot_app (so it has every grant of the application role, and row-level security applies
-- to it the same way) that may also insert, update and delete `tenants`. The other services
-- connect as sahabot_app, which may now only read it. Like sahabot_app it owns nothing.

DO $$
BEGIN
    CREATE ROLE sahabot_tenant_app LOGIN;
EXCEPTION
    -- roles belong to the server, not to one database: it may exist already (or be created by a
    -- migration of another database at the same moment)
    WHEN duplicate_object OR unique_violation THEN NULL;
END
$$;

DO $$
BEGIN
    IF NOT EXISTS (SELECT 1 FROM pg_auth_members
                   WHERE roleid = 'sahabot_app'::regrole AND member = 'sahabot_tenant_app'::regrole) THEN
        GRANT sahabot_app TO sahabot_tenant_app;
    END IF;
END
$$;

REVOKE INSERT, UPDATE, DELETE, TRUNCATE ON tenants FROM sahabot_app;
GRANT INSERT, UPDATE, DELETE ON tenants TO sahabot_tenant_app;
