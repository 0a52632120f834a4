package io.sahabot.bench;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assumptions.assumeThat;

import io.sahabot.local.MigrateCommand;
import java.io.PrintStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.sql.Statement;
import java.time.Duration;
import java.util.List;
import java.util.UUID;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The raw PostgreSQL limit, run for a second against a database of its own on the local server
 * (127.0.0.1:5432, trust): the JDBC client and pgbench insert reservations as {@code sahabot_app},
 * each for the tenant whose context it set, and a hot run puts about half on the first tenant.
 */
class LimitsIT {

  private static final String HOST = "127.0.0.1";
  private static final String DATABASE =
      "sahabot_bench_limits_it_" + UUID.randomUUID().toString().substring(0, 8);
  private static final String ADMIN = "jdbc:postgresql://" + HOST + ":5432/postgres";
  private static final String URL = "jdbc:postgresql://" + HOST + ":5432/" + DATABASE;

  private static List<long[]> tenants;

  @TempDir Path dir;

  @BeforeAll
  static void migratedDatabaseWithTenants() throws Exception {
    PrintStream quiet = new PrintStream(PrintStream.nullOutputStream());
    assertThat(new MigrateCommand(quiet, quiet).migrate(URL, "postgres", "", null)).isZero();
    tenants = Limits.rawTenants(URL, "postgres", "", 50);
  }

  @AfterAll
  static void drop() throws Exception {
    try (Connection c = DriverManager.getConnection(ADMIN, "postgres", "");
        Statement s = c.createStatement()) {
      s.execute("DROP DATABASE IF EXISTS " + DATABASE + " WITH (FORCE)");
    }
  }

  @Test
  void theJdbcClientInsertsAsTheAppRoleInEachTenantsContext() throws Exception {
    long before = reservations(null);

    Limits.Rate spread =
        Limits.rawPostgres(URL, "sahabot_app", "", tenants, 4, Duration.ofMillis(800), false);

    assertThat(spread.count()).isPositive();
    assertThat(spread.p99()).isPositive();
    assertThat(reservations(null) - before).isEqualTo(spread.count() - spread.refused());
  }

  @Test
  void pgbenchRunsTheSameInsertAsTheAppRoleAndItsHotRunFavoursTheFirstTenant() throws Exception {
    Path pgbench = Limits.pgbench();
    assumeThat(pgbench).as("pgbench on the PATH").isNotNull();
    Limits.pgbenchRefs(URL, "postgres", "", tenants);
    Path spreadScript =
        Files.writeString(dir.resolve("spread.sql"), Limits.pgbenchScript(50, false));
    Path hotScript = Files.writeString(dir.resolve("hot.sql"), Limits.pgbenchScript(50, true));
    Path log = dir.resolve("pgbench.log");
    Limits.Pg app = Limits.Pg.of(URL, "sahabot_app", "");
    UUID first = new UUID(tenants.get(0)[0], tenants.get(0)[1]);
    long before = reservations(null);

    Limits.Rate spread = Limits.pgbench(pgbench, app, spreadScript, 2, Duration.ofSeconds(1), log);
    long afterSpread = reservations(null);
    long firstBefore = reservations(first);
    Limits.Rate hot = Limits.pgbench(pgbench, app, hotScript, 2, Duration.ofSeconds(1), log);

    assertThat(spread).as(Files.readString(log)).isNotNull();
    assertThat(hot).as(Files.readString(log)).isNotNull();
    assertThat(spread.count()).isPositive();
    assertThat(spread.refused()).isZero();
    // each transaction inserted a row, or was refused by the exclusion constraint (a taken slot)
    assertThat(afterSpread - before).isPositive().isLessThanOrEqualTo(spread.count());
    long hotRows = reservations(null) - afterSpread;
    long firstRows = reservations(first) - firstBefore;
    assertThat(hotRows).isPositive();
    // half the hot run's transactions are the first tenant's (fewer rows: its slots fill up)
    assertThat(firstRows).isPositive();
    assertThat(firstRows * 4).as("first tenant's rows of %d", hotRows).isGreaterThan(hotRows);
    Limits.dropPgbenchRefs(URL, "postgres", "");
  }

  /** Reservations stored (counted as the owner, whom RLS does not bind), of a tenant or all. */
  private static long reservations(UUID tenant) throws Exception {
    try (Connection c = DriverManager.getConnection(URL, "postgres", "");
        Statement s = c.createStatement();
        ResultSet rs =
            s.executeQuery(
                "SELECT count(*) FROM reservations"
                    + (tenant == null ? "" : " WHERE tenant_id = '" + tenant + "'"))) {
      rs.next();
      return rs.getLong(1);
    }
  }
}
