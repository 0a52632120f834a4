package io.sahabot.platform.db;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.sahabot.testsupport.SahaBotInfrastructure;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneId;
import java.time.temporal.TemporalAdjusters;
import java.util.UUID;
import java.util.concurrent.atomic.AtomicLong;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** What the database itself guarantees about bookings, whatever the code above it does. */
class BookingConstraintsIT {

  private static final ZoneId ISTANBUL = ZoneId.of("Europe/Istanbul");
  private static final AtomicLong numbers = new AtomicLong(System.nanoTime() % 1_000_000_000L);

  private final TenantRows rows = new TenantRows(SahaBotInfrastructure.get().database());
  private final LocalDate monday =
      LocalDate.now(ISTANBUL)
          .plusWeeks(1)
          .with(TemporalAdjusters.previousOrSame(java.time.DayOfWeek.MONDAY));

  private UUID tenant;
  private long saha1;
  private long ahmet;

  @BeforeEach
  void aTenantWithAFieldAndACustomer() throws SQLException {
    tenant = rows.tenant(uniqueNumber());
    saha1 = rows.field(tenant, "Saha 1");
    ahmet = rows.customer(tenant, "Ahmet", "905454031918");
  }

  @Test
  void theOriginalIsolationScenarioBooksTheSameSlotForTwoBusinesses() throws SQLException {
    UUID first = rows.tenant("699317973274146");
    UUID second = rows.tenant("699999999999");
    long firstField = rows.field(first, "Saha 1");
    long secondField = rows.field(second, "Saha 1");
    long firstAhmet = rows.customer(first, "Ahmet", "905454031918");
    long secondAhmet = rows.customer(second, "Ahmet", "905454031918");

    long a = rows.reservation(first, firstField, firstAhmet, at(20), at(21));
    long b = rows.reservation(second, secondField, secondAhmet, at(20), at(21));

    assertThat(a).isNotEqualTo(b);
    assertThat(countAsOwner("SELECT count(*) FROM reservations WHERE id IN (" + a + "," + b + ")"))
        .isEqualTo(2);
    assertThat(
            countAsOwner(
                "SELECT count(*) FROM customers WHERE phone = '905454031918' AND tenant_id IN ('"
                    + first
                    + "','"
                    + second
                    + "')"))
        .isEqualTo(2);
  }

  @Test
  void refusesAnOverlappingActiveReservationOnTheSameField() throws SQLException {
    rows.reservation(tenant, saha1, ahmet, at(20), at(21));

    assertThatThrownBy(
            () ->
                rows.reservation(
                    tenant, saha1, ahmet, at(20).plusSeconds(1800), at(21).plusSeconds(1800)))
        .isInstanceOfSatisfying(
            SQLException.class, e -> assertThat(e.getSQLState()).isEqualTo("23P01"))
        .hasMessageContaining("reservations_no_overlap");
  }

  @Test
  void aCancelledReservationDoesNotBlockTheSlot() throws SQLException {
    rows.reservation(tenant, saha1, ahmet, at(20), at(21), "cancelled");

    assertThat(rows.reservation(tenant, saha1, ahmet, at(20), at(21))).isPositive();
  }

  @Test
  void backToBackSlotsDoNotConflict() throws SQLException {
    rows.reservation(tenant, saha1, ahmet, at(20), at(21));

    assertThat(rows.reservation(tenant, saha1, ahmet, at(21), at(22))).isPositive();
  }

  @Test
  void anotherFieldDoesNotConflict() throws SQLException {
    long saha2 = rows.field(tenant, "Saha 2");
    rows.reservation(tenant, saha1, ahmet, at(20), at(21));

    assertThat(rows.reservation(tenant, saha2, ahmet, at(20), at(21))).isPositive();
  }

  @Test
  void aPhoneIsUniqueWithinATenant() {
    assertThatThrownBy(() -> rows.customer(tenant, "Ahmet again", "905454031918"))
        .isInstanceOfSatisfying(
            SQLException.class, e -> assertThat(e.getSQLState()).isEqualTo("23505"));
  }

  @Test
  void aReservationCannotUseAnotherTenantsField() throws SQLException {
    UUID other = rows.tenant(uniqueNumber());
    long othersField = rows.field(other, "Saha 1");

    assertThatThrownBy(() -> rows.reservation(tenant, othersField, ahmet, at(20), at(21)))
        .isInstanceOfSatisfying(
            SQLException.class, e -> assertThat(e.getSQLState()).isEqualTo("23503"));
  }

  private Instant at(int hour) {
    return monday.atTime(hour, 0).atZone(ISTANBUL).toInstant();
  }

  static String uniqueNumber() {
    return Long.toString(100_000_000_000L + numbers.incrementAndGet());
  }

  private static long countAsOwner(String sql) throws SQLException {
    try (Connection c = SahaBotInfrastructure.get().database().connectAsOwner();
        Statement s = c.createStatement();
        ResultSet rs = s.executeQuery(sql)) {
      rs.next();
      return rs.getLong(1);
    }
  }
}
