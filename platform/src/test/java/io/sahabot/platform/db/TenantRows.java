package io.sahabot.platform.db;

import io.sahabot.testsupport.TestDatabase;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Timestamp;
import java.time.Instant;
import java.util.UUID;

/**
 * A small test DSL that writes rows as the services do: connected as the application role, each
 * statement in a transaction that first sets the tenant's context, so row-level security applies.
 */
final class TenantRows {

  private final TestDatabase db;

  TenantRows(TestDatabase db) {
    this.db = db;
  }

  /**
   * A new tenant for a WhatsApp phone number id (unique per test run), written as tenant-service
   * writes it: its role is the only one that may.
   */
  UUID tenant(String phoneNumberId) throws SQLException {
    try (Connection c = db.connectAsTenantApp();
        PreparedStatement s =
            c.prepareStatement(
                "INSERT INTO tenants (whatsapp_phone_number_id, business_name) VALUES (?, ?)"
                    + " RETURNING id")) {
      s.setString(1, phoneNumberId);
      s.setString(2, "Tenant " + phoneNumberId);
      return single(s.executeQuery(), UUID.class);
    }
  }

  long field(UUID tenant, String name) throws SQLException {
    return insert(
        tenant, "INSERT INTO fields (tenant_id, name) VALUES (?, ?) RETURNING id", tenant, name);
  }

  long customer(UUID tenant, String name, String phone) throws SQLException {
    return insert(
        tenant,
        "INSERT INTO customers (tenant_id, name, phone) VALUES (?, ?, ?) RETURNING id",
        tenant,
        name,
        phone);
  }

  long reservation(UUID tenant, long field, long customer, Instant start, Instant end)
      throws SQLException {
    return reservation(tenant, field, customer, start, end, "active");
  }

  long reservation(
      UUID tenant, long field, long customer, Instant start, Instant end, String status)
      throws SQLException {
    return insert(
        tenant,
        "INSERT INTO reservations (tenant_id, field_id, customer_id, start_time, end_time, status)"
            + " VALUES (?, ?, ?, ?, ?, ?) RETURNING id",
        tenant,
        field,
        customer,
        Timestamp.from(start),
        Timestamp.from(end),
        status);
  }

  /** Runs one statement as the app role under {@code contextTenant}'s row-level security. */
  long insert(UUID contextTenant, String sql, Object... args) throws SQLException {
    try (Connection c = db.connectAsApp()) {
      c.setAutoCommit(false);
      enter(c, contextTenant);
      try (PreparedStatement s = c.prepareStatement(sql)) {
        for (int i = 0; i < args.length; i++) {
          s.setObject(i + 1, args[i]);
        }
        long id = single(s.executeQuery(), Long.class);
        c.commit();
        return id;
      } catch (SQLException e) {
        c.rollback();
        throw e;
      }
    }
  }

  static void enter(Connection c, UUID tenant) throws SQLException {
    try (PreparedStatement s = c.prepareStatement("SELECT set_config('app.tenant_id', ?, true)")) {
      s.setString(1, tenant.toString());
      s.execute();
    }
  }

  private static <T> T single(ResultSet rs, Class<T> type) throws SQLException {
    try (rs) {
      rs.next();
      return rs.getObject(1, type);
    }
  }
}
