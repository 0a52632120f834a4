-- Row-level security is forced on every tenant table: the policies apply to the tables' owner too,
-- not only to sahabot_app. A superuser (or a role with BYPASSRLS) still bypasses them; an owner
-- that is not one (a managed database's admin role) sees a tenant's rows only in that tenant's
-- context, like the services. Foreign-key checks and ON DELETE CASCADE are not subject to
-- row-level security, so deleting a tenant still removes its rows.
--
-- A later migration that moves data of several tenants, run by an owner that is not a superuser,
-- does it between `ALTER TABLE … NO FORCE ROW LEVEL SECURITY` and `… FORCE …` in its transaction.

ALTER TABLE customers FORCE ROW LEVEL SECURITY;
ALTER TABLE fields FORCE ROW LEVEL SECURITY;
ALTER TABLE reservations FORCE ROW LEVEL SECURITY;
ALTER TABLE conversation_messages FORCE ROW LEVEL SECURITY;
ALTER TABLE token_usage FORCE ROW LEVEL SECURITY;
ALTER TABLE tenant_api_keys FORCE ROW LEVEL SECURITY;
ALTER TABLE processed_messages FORCE ROW LEVEL SECURITY;
ALTER TABLE reservation_outcomes FORCE ROW LEVEL SECURITY;
ALTER TABLE tenant_whatsapp_tokens FORCE ROW LEVEL SECURITY;
ALTER TABLE budget_notices FORCE ROW LEVEL SECURITY;

-- resolve_api_key (V5) is SECURITY DEFINER: it runs as its owner, which under FORCE would see no
-- key without a tenant context (and it cannot know the tenant before it has found the key). It
-- now runs as a role of its own that can do nothing else: log in it cannot, it reads four columns
-- of tenant_api_keys, and a policy that names only it lets it read every tenant's keys. The
-- function stays the one reviewed cross-tenant path: a key's hash in, its id and tenant out.
DO $$
BEGIN
    CREATE ROLE sahabot_key_resolver NOLOGIN;
EXCEPTION
    -- roles belong to the server, not to one database: it may exist already (or be created by a
    -- migration of another database at the same moment)
    WHEN duplicate_object OR unique_violation THEN NULL;
END
$$;

GRANT USAGE ON SCHEMA public TO sahabot_key_resolver;
GRANT SELECT (id, tenant_id, key_hash, revoked_at) ON tenant_api_keys TO sahabot_key_resolver;
CREATE POLICY resolve_api_key ON tenant_api_keys FOR SELECT TO sahabot_key_resolver USING (true);

-- Handing the function over: an owner that is not a superuser must be a member of the new owner,
-- and the new owner must be allowed to create in the schema (for the moment of the change only).
-- Such an owner keeps the membership (so that a later migration can replace the function), and
-- with it the resolver's read of every key, which as the table's owner it could grant itself.
DO $$
BEGIN
    IF NOT (SELECT rolsuper FROM pg_roles WHERE rolname = current_user)
       AND NOT pg_has_role(current_user, 'sahabot_key_resolver', 'MEMBER') THEN
        EXECUTE format('GRANT sahabot_key_resolver TO %I', current_user);
    END IF;
END
$$;
GRANT CREATE ON SCHEMA public TO sahabot_key_resolver;
ALTER FUNCTION resolve_api_key(VARCHAR) OWNER TO sahabot_key_resolver;
REVOKE CREATE ON SCHEMA public FROM sahabot_key_resolver;
