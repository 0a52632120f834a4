package io.sahabot.platform.db;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.sahabot.testsupport.SahaBotInfrastructure;
import io.sahabot.testsupport.TestDatabase;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.List;
import org.flywaydb.core.Flyway;
import org.flywaydb.core.api.FlywayException;
import org.junit.jupiter.api.Test;

/** A database of the single-tenant system upgrades to the multitenant schema with its data. */
class MigrationUpgradeIT {

  private static final String DEFAULT_TENANT = "00000000-0000-0000-0000-000000000001";

  @Test
  void singleTenantRowsMoveToTheDefaultTenantAndTheConstraintsHold() throws SQLException {
    TestDatabase db = SahaBotInfrastructure.get().newEmptyDatabase();
    flyway(db, "1").migrate();
    sql(
        db,
        "INSERT INTO customers (name, phone) VALUES ('Ahmet', '905454031918'), ('Ayşe', '905321112233')",
        "INSERT INTO reservations (customer_id, start_time, end_time, status) VALUES"
            + " (1, '2026-12-07 20:00+03', '2026-12-07 21:00+03', 'active'),"
            + " (2, '2026-12-07 21:00+03', '2026-12-07 22:00+03', 'active'),"
            + " (2, '2026-12-07 20:00+03', '2026-12-07 21:00+03', 'cancelled')",
        "INSERT INTO token_usage (model, input_tokens, output_tokens, cost) VALUES ('gpt', 10, 5, 0.01)");

    var result = flyway(db, "latest").migrate();

    assertThat(result.migrationsExecuted).isGreaterThanOrEqualTo(4);
    assertThat(strings(db, "SELECT DISTINCT tenant_id::text FROM customers"))
        .containsExactly(DEFAULT_TENANT);
    assertThat(strings(db, "SELECT DISTINCT tenant_id::text FROM reservations"))
        .containsExactly(DEFAULT_TENANT);
    assertThat(strings(db, "SELECT DISTINCT tenant_id::text FROM token_usage"))
        .containsExactly(DEFAULT_TENANT);
    assertThat(strings(db, "SELECT business_name FROM tenants WHERE id = '" + DEFAULT_TENANT + "'"))
        .containsExactly("default_tenant");
    assertThat(
            strings(
                db,
                "SELECT DISTINCT f.name FROM reservations r JOIN fields f ON f.id = r.field_id"))
        .containsExactly("Saha 1");

    assertThatThrownBy(
            () ->
                sql(
                    db,
                    "INSERT INTO reservations (tenant_id, field_id, customer_id, start_time, end_time)"
                        + " SELECT tenant_id, field_id, customer_id, start_time + interval '30 minutes',"
                        + " end_time + interval '30 minutes' FROM reservations WHERE id = 1"))
        .isInstanceOfSatisfying(
            SQLException.class, e -> assertThat(e.getSQLState()).isEqualTo("23P01"));
    assertThatThrownBy(
            () ->
                sql(
                    db,
                    "INSERT INTO customers (tenant_id, name, phone) VALUES ('"
                        + DEFAULT_TENANT
                        + "', 'Copy', '905454031918')"))
        .isInstanceOfSatisfying(
            SQLException.class, e -> assertThat(e.getSQLState()).isEqualTo("23505"));
  }

  @Test
  void overlappingLegacyBookingsStopTheUpgradeAndAreNamed() throws SQLException {
    TestDatabase db = SahaBotInfrastructure.get().newEmptyDatabase();
    flyway(db, "1").migrate();
    sql(
        db,
        "INSERT INTO customers (name, phone) VALUES ('Ahmet', '905454031918')",
        "INSERT INTO reservations (customer_id, start_time, end_time) VALUES"
            + " (1, '2026-12-07 20:00+03', '2026-12-07 21:00+03'),"
            + " (1, '2026-12-07 20:30+03', '2026-12-07 21:30+03')");

    assertThatThrownBy(() -> flyway(db, "latest").migrate())
        .isInstanceOf(FlywayException.class)
        .hasMessageContaining("overlapping active reservations must be resolved")
        .hasMessageContaining("1/2");
  }

  private static Flyway flyway(TestDatabase db, String target) {
    return Flyway.configure()
        .dataSource(db.jdbcUrl(), db.ownerUser(), db.ownerPassword())
        .locations("classpath:db/migration")
        .target(target)
        .load();
  }

  private static void sql(TestDatabase db, String... statements) throws SQLException {
    try (Connection c = db.connectAsOwner();
        Statement s = c.createStatement()) {
      for (String statement : statements) {
        s.execute(statement);
      }
    }
  }

  private static List<String> strings(TestDatabase db, String query) throws SQLException {
    List<String> values = new ArrayList<>();
    try (Connection c = db.connectAsOwner();
        Statement s = c.createStatement();
        ResultSet rs = s.executeQuery(query)) {
      while (rs.next()) {
        values.add(rs.getString(1));
      }
    }
    return values;
  }
}
