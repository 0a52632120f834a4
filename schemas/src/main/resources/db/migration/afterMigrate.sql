-- Runs after every Flyway migrate, also when nothing was pending: the application roles must be
-- what the migrations assume, or row-level security protects nothing. It refuses, naming the
-- problem, when sahabot_app or sahabot_tenant_app, or a role either of them can act as (being a
-- member of it), is a superuser, has BYPASSRLS, or owns a table of this database. A role not
-- created yet (a database migrated only part of the way) is skipped.
DO $$
DECLARE
    problem TEXT;
BEGIN
    WITH RECURSIVE app_roles(app, role) AS (
        SELECT rolname::text, oid FROM pg_roles WHERE rolname IN ('sahabot_app', 'sahabot_tenant_app')
        UNION
        SELECT a.app, m.roleid FROM app_roles a JOIN pg_auth_members m ON m.member = a.role
    ),
    roles AS (
        SELECT CASE WHEN r.rolname = a.app THEN a.app
                    ELSE a.app || ' (through its membership in ' || r.rolname || ')' END AS who,
               r.rolsuper,
               r.rolbypassrls,
               (SELECT count(*) FROM pg_class c
                WHERE c.relowner = r.oid AND c.relkind IN ('r', 'p')
                  AND c.relnamespace NOT IN ('pg_catalog'::regnamespace, 'information_schema'::regnamespace)) AS owned,
               (SELECT string_agg(t.name, ', ') FROM (
                    SELECT c.oid::regclass::text AS name FROM pg_class c
                    WHERE c.relowner = r.oid AND c.relkind IN ('r', 'p')
                      AND c.relnamespace NOT IN ('pg_catalog'::regnamespace, 'information_schema'::regnamespace)
                    ORDER BY 1 LIMIT 5) t) AS some_owned
        FROM app_roles a JOIN pg_roles r ON r.oid = a.role
    )
    SELECT string_agg(concat_ws('; ',
                          CASE WHEN rolsuper THEN who || ' is a superuser' END,
                          CASE WHEN rolbypassrls THEN who || ' has BYPASSRLS' END,
                          CASE WHEN owned > 0 THEN who || ' owns ' || some_owned
                                                   || CASE WHEN owned > 5 THEN ' and ' || (owned - 5) || ' more tables' ELSE '' END
                          END),
                      '; ' ORDER BY who)
    INTO problem
    FROM roles
    WHERE rolsuper OR rolbypassrls OR owned > 0;
    IF problem IS NOT NULL THEN
        RAISE EXCEPTION 'the application roles must be subject to row-level security, and are not: %', problem
            USING HINT = 'ALTER ROLE … NOSUPERUSER NOBYPASSRLS, REVOKE the membership, or give the tables back to'
                         ' the schema owner (ALTER TABLE … OWNER TO …); then run the migrations again';
    END IF;
END
$$;
