package io.sahabot.testsupport;

import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.PreparedStatement;
import java.sql.SQLException;
import java.sql.Statement;

/**
 * One fresh, migrated PostgreSQL database of a test run.
 *
 * <p>The schema is owned by {@link #ownerUser()}; the services connect as {@link #appUser()}, a
 * role that does not own the tables, so row-level security applies to them, and tenant-service as
 * {@link #tenantAppUser()}: the same grants, plus writing the directory of tenants, which the
 * application role may only read.
 */
public record TestDatabase(
    String host,
    int port,
    String name,
    String ownerUser,
    String ownerPassword,
    String appUser,
    String appPassword,
    String tenantAppUser,
    String tenantAppPassword) {

  /** The role a service connects as: tenant-service's own, the application role for the others. */
  public String userOf(String service) {
    return "tenant-service".equals(service) ? tenantAppUser : appUser;
  }

  /** The password of {@link #userOf(String)}. */
  public String passwordOf(String service) {
    return "tenant-service".equals(service) ? tenantAppPassword : appPassword;
  }

  public String jdbcUrl() {
    return "jdbc:postgresql://" + host + ":" + port + "/" + name;
  }

  public String r2dbcUrl() {
    return "r2dbc:postgresql://" + host + ":" + port + "/" + name;
  }

  /** A connection as the application role: row-level security applies. */
  public Connection connectAsApp() throws SQLException {
    return DriverManager.getConnection(jdbcUrl(), appUser, appPassword);
  }

  /**
   * A connection as tenant-service's role: it may write {@code tenants} (fixtures that create
   * tenants as tenant-service would); row-level security applies.
   */
  public Connection connectAsTenantApp() throws SQLException {
    return DriverManager.getConnection(jdbcUrl(), tenantAppUser, tenantAppPassword);
  }

  /**
   * A connection as the schema owner, the server's superuser here, which row-level security does
   * not bind (forced on the tenant tables, it would bind an owner that is not a superuser). For
   * test setup and for counting what really is stored only.
   */
  public Connection connectAsOwner() throws SQLException {
    return DriverManager.getConnection(jdbcUrl(), ownerUser, ownerPassword);
  }

  /**
   * An outage of this database, not of the server (other runs share it): from now on nobody can
   * connect to it ({@code ALTER DATABASE … WITH ALLOW_CONNECTIONS false}) and every open connection
   * to it is closed ({@code pg_terminate_backend}), as a restart would. Run as the owner, the
   * server's superuser, from the {@code postgres} database. Always follow it with {@link
   * #allowConnections()} (in a {@code finally}): the run's other tests use this database.
   */
  public void refuseConnections() {
    adminExecute("ALTER DATABASE " + name + " WITH ALLOW_CONNECTIONS false");
    try (Connection c = DriverManager.getConnection(adminJdbcUrl(), ownerUser, ownerPassword);
        PreparedStatement terminate =
            c.prepareStatement(
                "SELECT pg_terminate_backend(pid) FROM pg_stat_activity"
                    + " WHERE datname = ? AND pid <> pg_backend_pid()")) {
      terminate.setString(1, name);
      terminate.execute();
    } catch (SQLException e) {
      throw new IllegalStateException("could not close the connections to " + name, e);
    }
  }

  /** Ends {@link #refuseConnections()}: connections are accepted again. */
  public void allowConnections() {
    adminExecute("ALTER DATABASE " + name + " WITH ALLOW_CONNECTIONS true");
  }

  private String adminJdbcUrl() {
    return "jdbc:postgresql://" + host + ":" + port + "/postgres";
  }

  private void adminExecute(String sql) {
    try (Connection c = DriverManager.getConnection(adminJdbcUrl(), ownerUser, ownerPassword);
        Statement s = c.createStatement()) {
      s.execute(sql);
    } catch (SQLException e) {
      throw new IllegalStateException("failed: " + sql, e);
    }
  }
}
