package io.sahabot.testsupport;

import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.SQLException;

/**
 * One fresh, migrated PostgreSQL database of a test run.
 *
 * <p>The schema is owned by {@link #ownerUser()}; the services connect as {@link #appUser()}, a
 * role that does not own the tables, so row-level security applies to them.
 */
public record TestDatabase(
    String host,
    int port,
    String name,
    String ownerUser,
    String ownerPassword,
    String appUser,
    String appPassword) {

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

  /** A connection as the schema owner: row-level security does not apply. For test setup only. */
  public Connection connectAsOwner() throws SQLException {
    return DriverManager.getConnection(jdbcUrl(), ownerUser, ownerPassword);
  }
}
