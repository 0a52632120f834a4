package io.sahabot.reservation.table;

import static org.assertj.core.api.Assertions.assertThat;

import io.sahabot.reservation.booking.ReservationRow;
import io.sahabot.reservation.config.ReservationProperties;
import io.sahabot.reservation.table.TableRenderer.State;
import io.sahabot.reservation.tenants.BookingTenant;
import io.sahabot.schemas.tenant.TenantSettings;
import java.awt.Font;
import java.awt.image.BufferedImage;
import java.io.ByteArrayInputStream;
import java.math.BigDecimal;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.util.List;
import java.util.UUID;
import javax.imageio.ImageIO;
import org.junit.jupiter.api.Test;

class TableServiceTest {

  static final ReservationProperties PROPERTIES =
      new ReservationProperties(
          Duration.ofHours(4),
          Duration.ZERO,
          Duration.ZERO,
          1,
          32,
          3,
          null,
          Duration.ofSeconds(5),
          4,
          Duration.ofMillis(100),
          Duration.ofSeconds(5));

  static final BookingTenant TENANT =
      new BookingTenant(
          UUID.randomUUID(), "Yıldız Halı Saha Şişli", true, TenantSettings.defaults(), 1);

  static ReservationRow row(String customer, String start, int hours) {
    Instant s = Instant.parse(start);
    return new ReservationRow(
        1,
        1,
        "Saha 1",
        "Saha 1",
        1,
        customer,
        "905454031918",
        null,
        s,
        s.plusSeconds(3600L * hours),
        "active",
        new BigDecimal("1000.00"),
        "TRY");
  }

  @Test
  void marksBookedFreeAndClosedCellsInTheTenantsZone() {
    var service = new TableService(null, PROPERTIES);
    // Monday 30 November 2026, 20:00-22:00 Istanbul
    var table =
        service.table(
            TENANT,
            LocalDate.of(2026, 11, 30),
            LocalDate.of(2026, 12, 6),
            List.of(row("Ahmet Çelik", "2026-11-30T17:00:00Z", 2)));

    assertThat(table.firstHour()).isEqualTo(9);
    assertThat(table.hours()).isEqualTo(15);
    assertThat(table.dayLabels()).first().isEqualTo("Pzt 30.11");
    assertThat(table.dayLabels().get(2)).isEqualTo("Çar 02.12");
    assertThat(table.cells()[0][0][20 - 9].state()).isEqualTo(State.BOOKED);
    assertThat(table.cells()[0][0][21 - 9].label()).isEqualTo("Ahmet Çelik");
    assertThat(table.cells()[0][0][22 - 9].state()).isEqualTo(State.FREE);
    assertThat(table.title()).isEqualTo("Yıldız Halı Saha Şişli");
    assertThat(table.range()).isEqualTo("30.11.2026 – 06.12.2026");
  }

  @Test
  void drawsWithAFontThatHasTurkishLetters() throws Exception {
    var service = new TableService(null, PROPERTIES);
    var table =
        service.table(
            TENANT,
            LocalDate.of(2026, 11, 30),
            LocalDate.of(2026, 12, 1),
            List.of(row("Şükrü Öğüt", "2026-11-30T17:00:00Z", 1)));

    byte[] png = new TableRenderer().png(table);

    assertThat(new Font(TableRenderer.fontFamily(), Font.PLAIN, 12).canDisplayUpTo("ÇçĞğİıÖöŞşÜü"))
        .isEqualTo(-1);
    BufferedImage image = ImageIO.read(new ByteArrayInputStream(png));
    var layout = new TableLayout(2, 1, 9, 15);
    assertThat(image.getWidth()).isEqualTo(layout.width());
    assertThat(image.getHeight()).isEqualTo(layout.height());
    Files.createDirectories(Path.of("target"));
    Files.write(Path.of("target", "table-sample.png"), png);
  }
}
