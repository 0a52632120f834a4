-- tenant-service's transactional outbox for tenant.changelog. Every change of a tenant (provisioning,
-- a PATCH, activation) increments tenants.version and inserts the snapshot of that version here in
-- the same transaction; a relay publishes the rows not yet published, per tenant in version order,
-- and marks them. A crash between the commit and the publication, or a broker that is down, only
-- delays a change: it cannot lose one.
--
-- The snapshot holds personal data (admin numbers, the business's name and number), so this is a
-- tenant table like any other: row-level security enabled and forced, the tenant_isolation policy.
-- The relay finds the tenants that have something to publish through one SECURITY DEFINER function
-- that returns tenant ids and versions only, nothing of the snapshots (the V9_1 pattern: it runs as
-- a NOLOGIN role of its own that reads four columns); it then reads and marks each tenant's rows in
-- that tenant's row-level-security context, as every tenant-scoped transaction does.

CREATE TABLE tenant_outbox (
    tenant_id    UUID        NOT NULL REFERENCES tenants (id) ON DELETE CASCADE,
    version      BIGINT      NOT NULL,
    snapshot     JSONB       NOT NULL,
    created_at   TIMESTAMPTZ NOT NULL DEFAULT now(),
    published_at TIMESTAMPTZ,
    PRIMARY KEY (tenant_id, version)
);

CREATE INDEX tenant_outbox_unpublished ON tenant_outbox (created_at) WHERE published_at IS NULL;

ALTER TABLE tenant_outbox ENABLE ROW LEVEL SECURITY;
ALTER TABLE tenant_outbox FORCE ROW LEVEL SECURITY;
CREATE POLICY tenant_isolation ON tenant_outbox
    USING (tenant_id = current_tenant_id()) WITH CHECK (tenant_id = current_tenant_id());

-- tenant-service's alone (like the keys and tokens, V9_4): the default privileges gave sahabot_app
-- everything on a new table.
REVOKE ALL ON tenant_outbox FROM sahabot_app;
GRANT SELECT, INSERT, UPDATE, DELETE ON tenant_outbox TO sahabot_tenant_app;

DO $$
BEGIN
    CREATE ROLE sahabot_outbox_relay NOLOGIN;
EXCEPTION
    -- roles belong to the server, not to one database: it may exist already (or be created by a
    -- migration of another database at the same moment)
    WHEN duplicate_object OR unique_violation THEN NULL;
END
$$;

GRANT USAGE ON SCHEMA public TO sahabot_outbox_relay;
GRANT SELECT (tenant_id, version, created_at, published_at) ON tenant_outbox TO sahabot_outbox_relay;
CREATE POLICY outbox_relay ON tenant_outbox FOR SELECT TO sahabot_outbox_relay USING (true);

-- The tenants with unpublished changes, the one that has waited longest first, each with its oldest
-- unpublished version: ids and versions, no snapshot.
CREATE FUNCTION unpublished_tenant_changes(p_limit INTEGER)
    RETURNS TABLE (tenant_id UUID, first_version BIGINT)
    LANGUAGE sql STABLE SECURITY DEFINER SET search_path = public
AS $$
    SELECT o.tenant_id, min(o.version)
    FROM tenant_outbox o
    WHERE o.published_at IS NULL
    GROUP BY o.tenant_id
    ORDER BY min(o.created_at)
    LIMIT p_limit
$$;
REVOKE ALL ON FUNCTION unpublished_tenant_changes(INTEGER) FROM PUBLIC;
GRANT EXECUTE ON FUNCTION unpublished_tenant_changes(INTEGER) TO sahabot_tenant_app;

-- Handing the function over, as V9_1 does for resolve_api_key: an owner that is not a superuser
-- must be a member of the new owner, and the new owner may create in the schema for that moment only.
DO $$
BEGIN
    IF NOT (SELECT rolsuper FROM pg_roles WHERE rolname = current_user)
       AND NOT pg_has_role(current_user, 'sahabot_outbox_relay', 'MEMBER') THEN
        EXECUTE format('GRANT sahabot_outbox_relay TO %I', current_user);
    END IF;
END
$$;
GRANT CREATE ON SCHEMA public TO sahabot_outbox_relay;
ALTER FUNCTION unpublished_tenant_changes(INTEGER) OWNER TO sahabot_outbox_relay;
REVOKE CREATE ON SCHEMA public FROM sahabot_outbox_relay;
