package io.sahabot.testsupport;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.SQLException;
import java.util.UUID;

/** Tenants as tenant-service keeps them, for tests of the services that only read them. */
public final class TenantRows {

  private TenantRows() {}

  /**
   * Inserts a tenant with this id and WhatsApp number id, as tenant-service's role (the only one
   * that may write the directory, which has no row-level security).
   */
  public static UUID insert(UUID id, String phoneNumberId, String businessName) {
    try (Connection c = SahaBotInfrastructure.get().database().connectAsTenantApp();
        PreparedStatement s =
            c.prepareStatement(
                "INSERT INTO tenants (id, whatsapp_phone_number_id, business_name) VALUES (?, ?, ?)")) {
      s.setObject(1, id);
      s.setString(2, phoneNumberId);
      s.setString(3, businessName);
      s.executeUpdate();
      return id;
    } catch (SQLException e) {
      throw new IllegalStateException("inserting tenant " + id + " failed", e);
    }
  }
}
