package io.sahabot.platform.db;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.r2dbc.spi.ConnectionFactories;
import io.r2dbc.spi.ConnectionFactory;
import io.r2dbc.spi.ConnectionFactoryOptions;
import io.sahabot.testsupport.SahaBotInfrastructure;
import io.sahabot.testsupport.TestDatabase;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.r2dbc.connection.R2dbcTransactionManager;
import org.springframework.r2dbc.core.DatabaseClient;
import org.springframework.transaction.reactive.TransactionalOperator;

/**
 * Connected as the application role, a tenant sees and writes only its own rows. (Which tables have
 * row-level security, and who owns them: {@link TenantIsolationCatalogIT}.)
 */
class RowLevelSecurityIT {

  private final TestDatabase db = SahaBotInfrastructure.get().database();
  private final TenantRows rows = new TenantRows(db);

  private UUID tenantA;
  private UUID tenantB;
  private long reservationA;
  private long reservationB;

  @BeforeEach
  void twoTenantsWithOneReservationEach() throws SQLException {
    tenantA = rows.tenant(BookingConstraintsIT.uniqueNumber());
    tenantB = rows.tenant(BookingConstraintsIT.uniqueNumber());
    Instant start = Instant.now().plus(3, ChronoUnit.DAYS).truncatedTo(ChronoUnit.HOURS);
    reservationA =
        rows.reservation(
            tenantA,
            rows.field(tenantA, "Saha 1"),
            rows.customer(tenantA, "Ahmet", "905454031918"),
            start,
            start.plus(1, ChronoUnit.HOURS));
    reservationB =
        rows.reservation(
            tenantB,
            rows.field(tenantB, "Saha 1"),
            rows.customer(tenantB, "Ahmet", "905454031918"),
            start,
            start.plus(1, ChronoUnit.HOURS));
  }

  @Test
  void aSelectWithNoWhereReturnsOnlyTheCurrentTenantsRows() throws SQLException {
    try (Connection c = db.connectAsApp()) {
      c.setAutoCommit(false);
      TenantRows.enter(c, tenantA);

      List<UUID> tenants = column(c, "SELECT tenant_id FROM reservations");
      List<UUID> customers = column(c, "SELECT tenant_id FROM customers");

      assertThat(tenants).isNotEmpty().containsOnly(tenantA);
      assertThat(customers).isNotEmpty().containsOnly(tenantA);
      assertThat(ids(c)).contains(reservationA).doesNotContain(reservationB);
      c.rollback();
    }
  }

  @Test
  void withNoTenantSetNothingIsVisible() throws SQLException {
    try (Connection c = db.connectAsApp()) {
      assertThat(column(c, "SELECT tenant_id FROM reservations")).isEmpty();
      assertThat(column(c, "SELECT tenant_id FROM customers")).isEmpty();
      assertThat(column(c, "SELECT tenant_id FROM fields")).isEmpty();
    }
  }

  @Test
  void theContextEndsWithItsTransaction() throws SQLException {
    try (Connection c = db.connectAsApp()) {
      c.setAutoCommit(false);
      TenantRows.enter(c, tenantA);
      c.commit();

      assertThat(column(c, "SELECT tenant_id FROM reservations")).isEmpty();
      c.rollback();
    }
  }

  @Test
  void insertingARowForAnotherTenantIsRefused() {
    assertThatThrownBy(
            () ->
                rows.insert(
                    tenantA,
                    "INSERT INTO customers (tenant_id, name, phone) VALUES (?, ?, ?) RETURNING id",
                    tenantB,
                    "Mehmet",
                    "905000000000"))
        .isInstanceOfSatisfying(
            SQLException.class, e -> assertThat(e.getSQLState()).isEqualTo("42501"))
        .hasMessageContaining("row-level security");
  }

  @Test
  void updatingAnotherTenantsRowChangesNothing() throws SQLException {
    try (Connection c = db.connectAsApp()) {
      c.setAutoCommit(false);
      TenantRows.enter(c, tenantA);
      try (Statement s = c.createStatement()) {
        assertThat(
                s.executeUpdate(
                    "UPDATE reservations SET status = 'cancelled' WHERE id = " + reservationB))
            .isZero();
      }
      c.commit();
    }
  }

  @Test
  void theTenantScopeRunsReactiveWorkUnderTheTenantsContext() {
    ConnectionFactory factory =
        ConnectionFactories.get(
            ConnectionFactoryOptions.parse(db.r2dbcUrl())
                .mutate()
                .option(ConnectionFactoryOptions.USER, db.appUser())
                .option(ConnectionFactoryOptions.PASSWORD, db.appPassword())
                .build());
    TenantScope scope =
        new TenantScope(
            DatabaseClient.create(factory),
            TransactionalOperator.create(new R2dbcTransactionManager(factory)));

    List<UUID> seenByA =
        scope
            .many(
                tenantA,
                client ->
                    client
                        .sql("SELECT tenant_id FROM reservations")
                        .map(row -> row.get("tenant_id", UUID.class))
                        .all())
            .collectList()
            .block();
    Long visibleWithoutScope =
        DatabaseClient.create(factory)
            .sql("SELECT count(*) AS n FROM reservations")
            .map(row -> row.get("n", Long.class))
            .one()
            .block();

    assertThat(seenByA).isNotEmpty().containsOnly(tenantA);
    assertThat(visibleWithoutScope).isZero();
  }

  private static List<UUID> column(Connection c, String sql) throws SQLException {
    List<UUID> values = new ArrayList<>();
    try (PreparedStatement s = c.prepareStatement(sql);
        ResultSet rs = s.executeQuery()) {
      while (rs.next()) {
        values.add(rs.getObject(1, UUID.class));
      }
    }
    return values;
  }

  private static List<Long> ids(Connection c) throws SQLException {
    List<Long> values = new ArrayList<>();
    try (Statement s = c.createStatement();
        ResultSet rs = s.executeQuery("SELECT id FROM reservations")) {
      while (rs.next()) {
        values.add(rs.getLong(1));
      }
    }
    return values;
  }
}
