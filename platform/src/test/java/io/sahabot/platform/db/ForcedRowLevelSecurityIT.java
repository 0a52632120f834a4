package io.sahabot.platform.db;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.sahabot.testsupport.SahaBotInfrastructure;
import io.sahabot.testsupport.TestDatabase;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.UUID;
import java.util.concurrent.ThreadLocalRandom;
import org.flywaydb.core.Flyway;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * Row-level security is forced, so it binds a schema owner that is not a superuser (as in a managed
 * database) as it binds the services. This database is migrated by such an owner, a role of its own
 * made for the test (and dropped after it): it sees a tenant's rows only in that tenant's context,
 * and the one reviewed cross-tenant path, {@code resolve_api_key}, still finds any tenant's key for
 * the application role.
 */
class ForcedRowLevelSecurityIT {

  private static final String OWNER =
      "sahabot_it_owner_" + Integer.toString(ThreadLocalRandom.current().nextInt(1 << 30), 36);
  private static final String OWNER_PASSWORD = "owner-" + OWNER;
  private static TestDatabase scratch;
  private static UUID tenant;

  @BeforeAll
  static void migratedByAnOwnerThatIsNotASuperuser() throws SQLException {
    TestDatabase fixture = SahaBotInfrastructure.get().database();
    scratch = SahaBotInfrastructure.get().newEmptyDatabase();
    try (Connection c = fixture.connectAsOwner();
        Statement s = c.createStatement()) {
      s.execute("CREATE ROLE " + OWNER + " LOGIN CREATEROLE PASSWORD '" + OWNER_PASSWORD + "'");
      s.execute("ALTER DATABASE " + scratch.name() + " OWNER TO " + OWNER);
    }
    Flyway.configure()
        .dataSource(scratch.jdbcUrl(), OWNER, OWNER_PASSWORD)
        .locations("classpath:db/migration")
        .load()
        .migrate();
    try (Connection c = asOwner();
        PreparedStatement s =
            c.prepareStatement(
                "INSERT INTO tenants (whatsapp_phone_number_id, business_name)"
                    + " VALUES ('forced-rls', 'Forced') RETURNING id")) {
      try (ResultSet rs = s.executeQuery()) {
        rs.next();
        tenant = rs.getObject(1, UUID.class);
      }
    }
  }

  @AfterAll
  static void dropTheDatabaseAndTheOwner() throws SQLException {
    TestDatabase fixture = SahaBotInfrastructure.get().database();
    String adminUrl = "jdbc:postgresql://" + fixture.host() + ":" + fixture.port() + "/postgres";
    try (Connection c =
            DriverManager.getConnection(adminUrl, fixture.ownerUser(), fixture.ownerPassword());
        Statement s = c.createStatement()) {
      s.execute("DROP DATABASE IF EXISTS " + scratch.name() + " WITH (FORCE)");
      s.execute("DROP ROLE IF EXISTS " + OWNER);
    }
  }

  @Test
  void theOwnerWritesAndReadsATenantsRowsOnlyInItsContext() throws SQLException {
    try (Connection c = asOwner()) {
      c.setAutoCommit(false);
      enter(c, tenant);
      execute(c, "INSERT INTO fields (tenant_id, name) VALUES ('" + tenant + "', 'Saha 1')");
      assertThat(count(c, "SELECT count(*) FROM fields")).isEqualTo(1);
      c.commit();

      assertThat(count(c, "SELECT count(*) FROM fields")).isZero();
      assertThatThrownBy(
              () ->
                  execute(
                      c,
                      "INSERT INTO fields (tenant_id, name) VALUES ('" + tenant + "', 'Saha 2')"))
          .isInstanceOfSatisfying(
              SQLException.class, e -> assertThat(e.getSQLState()).isEqualTo("42501"))
          .hasMessageContaining("row-level security");
      c.rollback();
    }
    try (Connection c = scratch.connectAsOwner()) {
      assertThat(count(c, "SELECT count(*) FROM fields WHERE tenant_id = '" + tenant + "'"))
          .as("counted as the superuser, past row-level security")
          .isEqualTo(1);
    }
  }

  @Test
  void resolveApiKeyStillFindsAnyTenantsKeyForTheApplicationRole() throws SQLException {
    String hash = "hash-" + UUID.randomUUID();
    try (Connection c = asOwner()) {
      c.setAutoCommit(false);
      enter(c, tenant);
      execute(
          c,
          "INSERT INTO tenant_api_keys (tenant_id, name, key_prefix, key_hash) VALUES ('"
              + tenant
              + "', 'test', 'sk_', '"
              + hash
              + "')");
      c.commit();
    }

    try (Connection c = scratch.connectAsApp();
        PreparedStatement s = c.prepareStatement("SELECT tenant_id FROM resolve_api_key(?)")) {
      s.setString(1, hash);
      try (ResultSet rs = s.executeQuery()) {
        assertThat(rs.next()).isTrue();
        assertThat(rs.getObject(1, UUID.class)).isEqualTo(tenant);
      }
      // the keys themselves are tenant-service's alone (V9_4)
      assertThatThrownBy(() -> count(c, "SELECT count(*) FROM tenant_api_keys"))
          .hasMessageContaining("permission denied");
    }
  }

  @Test
  void deletingATenantStillDeletesItsRows() throws SQLException {
    UUID gone;
    try (Connection c = asOwner()) {
      c.setAutoCommit(false);
      try (PreparedStatement s =
          c.prepareStatement(
              "INSERT INTO tenants (whatsapp_phone_number_id, business_name)"
                  + " VALUES ('forced-rls-gone', 'Gone') RETURNING id")) {
        try (ResultSet rs = s.executeQuery()) {
          rs.next();
          gone = rs.getObject(1, UUID.class);
        }
      }
      enter(c, gone);
      execute(c, "INSERT INTO fields (tenant_id, name) VALUES ('" + gone + "', 'Saha 1')");
      c.commit();

      execute(c, "DELETE FROM tenants WHERE id = '" + gone + "'");
      c.commit();
    }
    try (Connection c = scratch.connectAsOwner()) {
      assertThat(count(c, "SELECT count(*) FROM fields WHERE tenant_id = '" + gone + "'")).isZero();
    }
  }

  private static Connection asOwner() throws SQLException {
    return DriverManager.getConnection(scratch.jdbcUrl(), OWNER, OWNER_PASSWORD);
  }

  private static void enter(Connection c, UUID tenant) throws SQLException {
    try (PreparedStatement s = c.prepareStatement("SELECT set_config('app.tenant_id', ?, true)")) {
      s.setString(1, tenant.toString());
      s.execute();
    }
  }

  private static void execute(Connection c, String sql) throws SQLException {
    try (Statement s = c.createStatement()) {
      s.execute(sql);
    }
  }

  private static long count(Connection c, String sql) throws SQLException {
    try (Statement s = c.createStatement();
        ResultSet rs = s.executeQuery(sql)) {
      rs.next();
      return rs.getLong(1);
    }
  }
}
