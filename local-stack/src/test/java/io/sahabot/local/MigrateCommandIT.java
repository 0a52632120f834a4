package io.sahabot.local;

import static org.assertj.core.api.Assertions.assertThat;

import io.sahabot.testsupport.SahaBotInfrastructure;
import io.sahabot.testsupport.TestDatabase;
import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.sql.Connection;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.List;
import java.util.Map;
import org.flywaydb.core.Flyway;
import org.junit.jupiter.api.Test;

class MigrateCommandIT {

  private final ByteArrayOutputStream out = new ByteArrayOutputStream();
  private final ByteArrayOutputStream err = new ByteArrayOutputStream();

  @Test
  void appliesEveryMigrationPrintingEachAndALastLine() {
    TestDatabase db = SahaBotInfrastructure.get().newEmptyDatabase();

    int code = migrate(db.jdbcUrl(), db.ownerUser());

    assertThat(code).isZero();
    List<String> lines = out.toString(StandardCharsets.UTF_8).lines().toList();
    assertThat(lines)
        .anyMatch(l -> l.startsWith("Applied V1 single tenant base"))
        .anyMatch(l -> l.startsWith("Applied V2 multitenancy"))
        .anyMatch(l -> l.startsWith("Applied V5 row level security"));
    assertThat(lines.get(lines.size() - 1))
        .startsWith("All migrations completed: ")
        .contains(" applied");
  }

  @Test
  void setsThePasswordsOfBothApplicationRoles() throws SQLException {
    TestDatabase db = SahaBotInfrastructure.get().newEmptyDatabase();

    // the roles are the server's: the fixture's own passwords, so that no other test is disturbed
    int code =
        new MigrateCommand(print(out), print(err))
            .run(
                List.of(
                    "--url",
                    db.jdbcUrl(),
                    "--user",
                    db.ownerUser(),
                    "--app-password",
                    db.appPassword(),
                    "--tenant-app-password",
                    db.tenantAppPassword()),
                Map.of());

    assertThat(code).as(err.toString(StandardCharsets.UTF_8)).isZero();
    assertThat(out.toString(StandardCharsets.UTF_8))
        .contains("Set the password of the application role sahabot_app")
        .contains("Set the password of tenant-service's role sahabot_tenant_app");
    try (Connection app = db.connectAsApp();
        Connection tenantApp = db.connectAsTenantApp()) {
      assertThat(app.isValid(5)).isTrue();
      assertThat(tenantApp.isValid(5)).isTrue();
    }
  }

  @Test
  void aSecondRunHasNothingToApply() {
    TestDatabase db = SahaBotInfrastructure.get().newEmptyDatabase();
    migrate(db.jdbcUrl(), db.ownerUser());
    out.reset();

    int code = migrate(db.jdbcUrl(), db.ownerUser());

    assertThat(code).isZero();
    assertThat(out.toString(StandardCharsets.UTF_8))
        .doesNotContain("Applied")
        .contains("All migrations completed: nothing to apply");
  }

  @Test
  void aFailedMigrationSaysWhichAndWhyAndExitsNonZero() throws Exception {
    TestDatabase db = SahaBotInfrastructure.get().newEmptyDatabase();
    Flyway.configure()
        .dataSource(db.jdbcUrl(), db.ownerUser(), db.ownerPassword())
        .target("1")
        .load()
        .migrate();
    try (Connection c = db.connectAsOwner();
        Statement s = c.createStatement()) {
      s.execute("INSERT INTO customers (name, phone) VALUES ('Ahmet', '905454031918')");
      s.execute(
          "INSERT INTO reservations (customer_id, start_time, end_time) VALUES"
              + " (1, '2026-12-07 20:00+03', '2026-12-07 21:00+03'),"
              + " (1, '2026-12-07 20:30+03', '2026-12-07 21:30+03')");
    }

    int code = migrate(db.jdbcUrl(), db.ownerUser());

    String error = err.toString(StandardCharsets.UTF_8);
    assertThat(code).as(error).isEqualTo(1);
    assertThat(error)
        .startsWith("Migration failed: ")
        .contains("V3__fields_and_booking_rules.sql")
        .contains("overlapping active reservations must be resolved before this upgrade: 1/2");
    assertThat(out.toString(StandardCharsets.UTF_8))
        .contains("Applied V2 multitenancy")
        .doesNotContain("All migrations completed");
  }

  @Test
  void refusesToGoOnWhileTheApplicationRoleOwnsATableAndGoesOnOnceItIsGivenBack() throws Exception {
    TestDatabase db = SahaBotInfrastructure.get().newEmptyDatabase();
    assertThat(migrate(db.jdbcUrl(), db.ownerUser())).isZero();
    sql(db, "ALTER TABLE customers OWNER TO sahabot_app");
    out.reset();

    int refused = migrate(db.jdbcUrl(), db.ownerUser());

    String error = err.toString(StandardCharsets.UTF_8);
    assertThat(refused).as(error).isEqualTo(1);
    assertThat(error)
        .startsWith("Migration failed: ")
        .contains("afterMigrate")
        .contains(
            "the application roles must be subject to row-level security, and are not:"
                + " sahabot_app owns customers");
    assertThat(out.toString(StandardCharsets.UTF_8)).doesNotContain("All migrations completed");

    sql(db, "ALTER TABLE customers OWNER TO " + db.ownerUser());
    err.reset();
    assertThat(migrate(db.jdbcUrl(), db.ownerUser())).as(err.toString()).isZero();
  }

  /**
   * Roles belong to the whole server, which other test runs share: the role is changed only inside
   * a transaction that runs the callback and is rolled back, so no other session ever sees it.
   */
  @Test
  void theCallbackRefusesAnApplicationRoleThatIsASuperuserOrHasBypassRls() throws Exception {
    TestDatabase db = SahaBotInfrastructure.get().database();
    String callback;
    try (var in =
        MigrateCommandIT.class
            .getClassLoader()
            .getResourceAsStream("db/migration/afterMigrate.sql")) {
      callback = new String(in.readAllBytes(), StandardCharsets.UTF_8);
    }

    assertThat(runWithRoleChanged(db, "ALTER ROLE sahabot_app BYPASSRLS", callback))
        .contains("sahabot_app has BYPASSRLS")
        .contains("sahabot_tenant_app (through its membership in sahabot_app) has BYPASSRLS");
    assertThat(runWithRoleChanged(db, "ALTER ROLE sahabot_tenant_app SUPERUSER", callback))
        .contains("sahabot_tenant_app is a superuser")
        .doesNotContain("sahabot_app is");
    assertThat(runWithRoleChanged(db, "GRANT " + db.ownerUser() + " TO sahabot_app", callback))
        .contains("sahabot_app (through its membership in " + db.ownerUser() + ")")
        .contains(
            "owns budget_notices, command_watermarks, conversation_messages, customer_contacts");
    assertThat(runWithRoleChanged(db, "SELECT 1", callback)).isEmpty();
  }

  /** The callback's error message (empty when it passed), run in a rolled-back transaction. */
  private static String runWithRoleChanged(TestDatabase db, String change, String callback)
      throws Exception {
    try (Connection c = db.connectAsOwner();
        Statement s = c.createStatement()) {
      c.setAutoCommit(false);
      try {
        s.execute(change);
        s.execute(callback);
        return "";
      } catch (SQLException e) {
        assertThat(e.getMessage()).contains("the application roles must be subject to row-level");
        return e.getMessage();
      } finally {
        c.rollback();
      }
    }
  }

  private static void sql(TestDatabase db, String statement) throws SQLException {
    try (Connection c = db.connectAsOwner();
        Statement s = c.createStatement()) {
      s.execute(statement);
    }
  }

  @Test
  void anUnreachableServerExitsNonZero() {
    int code = migrate("jdbc:postgresql://127.0.0.1:1/nowhere", "postgres");

    assertThat(code).isEqualTo(1);
    assertThat(err.toString(StandardCharsets.UTF_8)).startsWith("Migration failed: ");
  }

  @Test
  void badArgumentsPrintTheUsage() {
    int code = new MigrateCommand(print(out), print(err)).run(List.of("--url"), Map.of());

    assertThat(code).isEqualTo(2);
    assertThat(err.toString(StandardCharsets.UTF_8))
        .contains("migrate: Missing required parameter for option '--url' (URL)")
        .contains("Usage: ./sahabot migrate")
        .contains("--app-password")
        .contains("--tenant-app-password");
  }

  private int migrate(String url, String user) {
    return new MigrateCommand(print(out), print(err))
        .run(List.of("--url", url, "--user", user), Map.of());
  }

  private static PrintStream print(ByteArrayOutputStream bytes) {
    return new PrintStream(bytes, true, StandardCharsets.UTF_8);
  }
}
