package io.sahabot.platform.db;

import static org.assertj.core.api.Assertions.assertThat;

import io.sahabot.testsupport.SahaBotInfrastructure;
import io.sahabot.testsupport.TestDatabase;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.List;
import org.flywaydb.core.Flyway;
import org.junit.jupiter.api.Test;

/**
 * What PostgreSQL's catalog says about tenant isolation, so that a new table, policy, owner or
 * grant cannot weaken it unnoticed:
 *
 * <ul>
 *   <li>every table of schema {@code public} with a {@code tenant_id} column has row-level security
 *       enabled and forced, and at least one policy;
 *   <li>every permissive policy the application roles are subject to is the tenant's own, {@code
 *       tenant_id = current_tenant_id()} (a permissive policy widens what a role sees);
 *   <li>neither application role owns a table, nor can act as (is a member of) a role that does;
 *   <li>only tenant-service's role writes the directory of tenants.
 * </ul>
 *
 * The last test runs the same checks on a database with a table of each kind of fault, so that each
 * check is known to fail when it should.
 */
class TenantIsolationCatalogIT {

  static final String APP = "sahabot_app";
  static final String TENANT_APP = "sahabot_tenant_app";
  static final List<String> APP_ROLES = List.of(APP, TENANT_APP);
  static final String TENANT_POLICY = "(tenant_id = current_tenant_id())";

  private final TestDatabase db = SahaBotInfrastructure.get().database();

  @Test
  void everyTenantTableHasRowLevelSecurityEnabledAndForcedAndAPolicy() throws SQLException {
    try (Connection c = db.connectAsOwner()) {
      assertThat(tenantTables(c))
          .contains(
              "customers",
              "fields",
              "reservations",
              "reservation_outcomes",
              "conversation_messages",
              "token_usage",
              "tenant_api_keys",
              "tenant_whatsapp_tokens",
              "processed_messages",
              "budget_notices",
              "tenant_outbox",
              "outbound_sends",
              "outbound_statuses",
              "reservation_reminders",
              "told_outcomes",
              "customer_contacts",
              "outbound_fallbacks",
              "user_identities",
              "shared_contacts",
              "data_erasures",
              "reservation_series",
              "series_occurrences",
              "waitlist_entries")
          .doesNotContain("tenants");
      assertThat(unprotectedTenantTables(c)).isEmpty();
    }
  }

  @Test
  void everyPolicyTheApplicationRolesAreSubjectToIsTheTenantsOwn() throws SQLException {
    try (Connection c = db.connectAsOwner()) {
      assertThat(widerPolicies(c)).isEmpty();
    }
  }

  @Test
  void theApplicationRolesOwnNoTable() throws SQLException {
    try (Connection c = db.connectAsOwner()) {
      assertThat(tablesOfApplicationRoles(c)).isEmpty();
      assertThat(
              strings(
                  c,
                  "SELECT rolname FROM pg_roles WHERE rolname IN ('sahabot_app', 'sahabot_tenant_app')"
                      + " AND NOT rolsuper AND NOT rolbypassrls ORDER BY 1"))
          .containsExactly(APP, TENANT_APP);
    }
  }

  @Test
  void onlyTenantServicesRoleWritesTheDirectoryOfTenants() throws SQLException {
    try (Connection c = db.connectAsOwner()) {
      assertThat(tenantsWrites(c, APP)).isEmpty();
      assertThat(tenantsWrites(c, TENANT_APP)).containsExactly("INSERT", "UPDATE", "DELETE");
      assertThat(
              strings(
                  c,
                  "SELECT r FROM unnest(ARRAY['sahabot_app', 'sahabot_tenant_app']) r"
                      + " WHERE has_table_privilege(r, 'public.tenants', 'SELECT') ORDER BY 1"))
          .containsExactly(APP, TENANT_APP);
    }
  }

  @Test
  void onlyTenantServicesRoleReachesTheTenantsKeysWhatsAppTokensAndChangelogOutbox()
      throws SQLException {
    try (Connection c = db.connectAsOwner()) {
      for (String table : List.of("tenant_api_keys", "tenant_whatsapp_tokens", "tenant_outbox")) {
        assertThat(
                strings(
                    c,
                    "SELECT p FROM unnest(ARRAY['SELECT', 'INSERT', 'UPDATE', 'DELETE']) p"
                        + " WHERE has_table_privilege('sahabot_app', 'public."
                        + table
                        + "', p) ORDER BY 1"))
            .as("sahabot_app's privileges on " + table)
            .isEmpty();
        assertThat(
                strings(
                    c,
                    "SELECT p FROM unnest(ARRAY['SELECT', 'INSERT', 'UPDATE', 'DELETE']) p"
                        + " WHERE has_table_privilege('sahabot_tenant_app', 'public."
                        + table
                        + "', p) ORDER BY 1"))
            .as("sahabot_tenant_app's privileges on " + table)
            .containsExactly("DELETE", "INSERT", "SELECT", "UPDATE");
      }
    }
  }

  @Test
  void theCommandWatermarksAreNoTenantsDataAndAreNeverDeleted() throws SQLException {
    try (Connection c = db.connectAsOwner()) {
      assertThat(tenantTables(c)).doesNotContain("command_watermarks");
      assertThat(
              strings(
                  c,
                  "SELECT p FROM unnest(ARRAY['SELECT', 'INSERT', 'UPDATE', 'DELETE', 'TRUNCATE']) p"
                      + " WHERE has_table_privilege('sahabot_app', 'public.command_watermarks', p)"
                      + " ORDER BY 1"))
          .containsExactly("INSERT", "SELECT", "UPDATE");
    }
  }

  @Test
  void theChecksNameEachKindOfFault() throws SQLException {
    TestDatabase scratch = SahaBotInfrastructure.get().newEmptyDatabase();
    Flyway.configure()
        .dataSource(scratch.jdbcUrl(), scratch.ownerUser(), scratch.ownerPassword())
        .locations("classpath:db/migration")
        .load()
        .migrate();
    try (Connection c = scratch.connectAsOwner();
        Statement s = c.createStatement()) {
      s.execute(
          "CREATE TABLE enabled_not_forced (tenant_id UUID NOT NULL);"
              + " ALTER TABLE enabled_not_forced ENABLE ROW LEVEL SECURITY;"
              + " CREATE POLICY tenant_isolation ON enabled_not_forced"
              + " USING (tenant_id = current_tenant_id());"
              + " CREATE TABLE not_protected (tenant_id UUID NOT NULL);"
              + " CREATE TABLE forced_without_policy (tenant_id UUID NOT NULL);"
              + " ALTER TABLE forced_without_policy ENABLE ROW LEVEL SECURITY;"
              + " ALTER TABLE forced_without_policy FORCE ROW LEVEL SECURITY;"
              + " CREATE POLICY everything ON customers FOR SELECT USING (true);"
              + " CREATE TABLE apps_own (id INT);"
              + " ALTER TABLE apps_own OWNER TO sahabot_app;"
              + " GRANT UPDATE (business_name) ON tenants TO sahabot_app;");

      assertThat(unprotectedTenantTables(c))
          .containsExactly(
              "enabled_not_forced: not forced",
              "forced_without_policy: no policy",
              "not_protected: not enabled, not forced, no policy");
      assertThat(widerPolicies(c)).containsExactly("customers.everything: USING true");
      assertThat(tablesOfApplicationRoles(c))
          .containsExactly(
              "apps_own, owned by sahabot_app (acting as it: sahabot_app, sahabot_tenant_app)");
      assertThat(tenantsWrites(c, APP)).containsExactly("UPDATE");

      // a table owned by the application role stays in no database longer than the test
      s.execute("DROP TABLE apps_own");
    }
  }

  /** Tables of schema public with a tenant_id column. */
  static List<String> tenantTables(Connection c) throws SQLException {
    return strings(c, TENANT_TABLES.formatted("c.relname"));
  }

  /** "table: what is missing" for each tenant table not enabled, not forced or without policy. */
  static List<String> unprotectedTenantTables(Connection c) throws SQLException {
    return strings(
        c,
        TENANT_TABLES
            .formatted(
                "c.relname || ': ' || concat_ws(', ',"
                    + " CASE WHEN NOT c.relrowsecurity THEN 'not enabled' END,"
                    + " CASE WHEN NOT c.relforcerowsecurity THEN 'not forced' END,"
                    + " CASE WHEN NOT EXISTS (SELECT 1 FROM pg_policy p WHERE p.polrelid = c.oid)"
                    + " THEN 'no policy' END)")
            .replace(
                "ORDER BY 1",
                "AND (NOT c.relrowsecurity OR NOT c.relforcerowsecurity"
                    + " OR NOT EXISTS (SELECT 1 FROM pg_policy p WHERE p.polrelid = c.oid))"
                    + " ORDER BY 1"));
  }

  private static final String TENANT_TABLES =
      "SELECT %s FROM pg_class c"
          + " JOIN pg_attribute a ON a.attrelid = c.oid AND a.attname = 'tenant_id'"
          + " AND a.attnum > 0 AND NOT a.attisdropped"
          + " WHERE c.relnamespace = 'public'::regnamespace AND c.relkind IN ('r', 'p')"
          + " ORDER BY 1";

  /**
   * "table.policy: USING … / WITH CHECK …" for each permissive policy of schema public that applies
   * to an application role (to PUBLIC, or to a role whose privileges it has) and is not exactly the
   * tenant's own. Restrictive policies only narrow what a role sees; they are not listed.
   */
  static List<String> widerPolicies(Connection c) throws SQLException {
    return strings(
        c,
        "SELECT k.relname || '.' || p.polname || ': ' || concat_ws(' / ',"
            + " 'USING ' || pg_get_expr(p.polqual, p.polrelid),"
            + " 'WITH CHECK ' || pg_get_expr(p.polwithcheck, p.polrelid))"
            + " FROM pg_policy p JOIN pg_class k ON k.oid = p.polrelid"
            + " WHERE k.relnamespace = 'public'::regnamespace AND p.polpermissive"
            + " AND EXISTS (SELECT 1 FROM unnest(p.polroles) r, unnest(ARRAY["
            + quoted(APP_ROLES)
            + "]) app WHERE r = 0 OR pg_has_role(app, r, 'USAGE'))"
            + " AND (pg_get_expr(p.polqual, p.polrelid) IS DISTINCT FROM '"
            + TENANT_POLICY
            + "' OR COALESCE(pg_get_expr(p.polwithcheck, p.polrelid), '"
            + TENANT_POLICY
            + "') <> '"
            + TENANT_POLICY
            + "') ORDER BY 1");
  }

  /**
   * "table, owned by role (acting as it: application roles)" for each table of this database whose
   * owner is an application role or a role an application role is a member of (so may SET ROLE to).
   */
  static List<String> tablesOfApplicationRoles(Connection c) throws SQLException {
    return strings(
        c,
        "SELECT c.oid::regclass::text || ', owned by ' || pg_get_userbyid(c.relowner)"
            + " || ' (acting as it: ' || string_agg(app, ', ' ORDER BY app) || ')'"
            + " FROM pg_class c, unnest(ARRAY["
            + quoted(APP_ROLES)
            + "]) app"
            + " WHERE c.relkind IN ('r', 'p') AND pg_has_role(app, c.relowner, 'MEMBER')"
            + " AND c.relnamespace NOT IN ('pg_catalog'::regnamespace,"
            + " 'information_schema'::regnamespace)"
            + " GROUP BY c.oid, c.relowner ORDER BY 1");
  }

  /** The writes of {@code tenants} the role may make, on the table or on any of its columns. */
  static List<String> tenantsWrites(Connection c, String role) throws SQLException {
    return strings(
        c,
        "SELECT w FROM unnest(ARRAY['INSERT', 'UPDATE', 'DELETE', 'TRUNCATE']) WITH ORDINALITY"
            + " AS t(w, n) WHERE has_table_privilege('"
            + role
            + "', 'public.tenants', w) OR (w IN ('INSERT', 'UPDATE')"
            + " AND has_any_column_privilege('"
            + role
            + "', 'public.tenants', w)) ORDER BY n");
  }

  private static String quoted(List<String> roles) {
    return String.join(", ", roles.stream().map(r -> "'" + r + "'").toList());
  }

  private static List<String> strings(Connection c, String sql) throws SQLException {
    List<String> out = new ArrayList<>();
    try (Statement s = c.createStatement();
        ResultSet r = s.executeQuery(sql)) {
      while (r.next()) {
        out.add(r.getString(1));
      }
    }
    return out;
  }
}
