package io.sahabot.agent.reports;

import static org.assertj.core.api.Assertions.assertThat;

import io.sahabot.schemas.reservation.query.MonthlyReport;
import io.sahabot.schemas.reservation.query.MonthlyReport.FieldRevenue;
import io.sahabot.schemas.reservation.query.MonthlyReport.SlotOccupancy;
import java.time.YearMonth;
import java.util.List;
import org.junit.jupiter.api.Test;

/** The monthly report reads as plain sentences: no enum names, no ISO dates, no raw decimals. */
class MonthlyReportTextTest {

  static final MonthlyReport NOVEMBER =
      new MonthlyReport(
          "2026-11",
          "Europe/Istanbul",
          "TRY",
          42,
          "48.50",
          "57600.00",
          "900.00",
          "0.0539",
          2,
          5,
          List.of(
              new FieldRevenue("Saha 1", 30, "34.00", "40800.00"),
              new FieldRevenue("Saha 2", 12, "14.50", "16800.00")),
          List.of(
              new SlotOccupancy("MONDAY", 20, "4.00", "8.00", "0.5000"),
              new SlotOccupancy("TUESDAY", 21, "7.00", "8.00", "0.8750"),
              new SlotOccupancy("TUESDAY", 9, "0.00", "8.00", "0.0000"),
              new SlotOccupancy("SUNDAY", 23, "1.00", "10.00", "0.1000")));

  @Test
  void readsInTurkish() {
    String text = MonthlyReportTools.text("tr", YearMonth.of(2026, 11), NOVEMBER);

    assertThat(text)
        .startsWith("📊 Kasım 2026 raporu")
        .contains("Satılan: 42 rezervasyon, 48,5 saat, gelir 57.600 TRY; doluluk %5.")
        .contains("• Saha 1: 30 rezervasyon, 34 saat, 40.800 TRY")
        .contains("• Saha 2: 12 rezervasyon, 14,5 saat, 16.800 TRY")
        .contains("Günlere göre doluluk: Pazartesi %50, Salı %44, Pazar %10.")
        .contains("En dolu saatler: Salı 21:00–22:00 (%88), Pazartesi 20:00–21:00 (%50),")
        .contains("Gelmeyen: 2, iptal: 5.");
    assertPlain(text);
  }

  @Test
  void readsInEnglish() {
    String text = MonthlyReportTools.text("en", YearMonth.of(2026, 11), NOVEMBER);

    assertThat(text)
        .startsWith("📊 Report for November 2026")
        .contains("Sold: 42 bookings, 48.5 hours, revenue 57,600 TRY; occupancy 5%.")
        .contains("• Saha 1: 30 bookings, 34 hours, 40,800 TRY")
        .contains("Occupancy by weekday: Monday 50%, Tuesday 44%, Sunday 10%.")
        .contains("Fullest hours: Tuesday 21:00–22:00 (88%), Monday 20:00–21:00 (50%),")
        .contains("No-shows: 2, cancellations: 5.");
    assertPlain(text);
  }

  static void assertPlain(String text) {
    assertThat(text)
        .doesNotContainPattern("MONDAY|TUESDAY|WEDNESDAY|THURSDAY|FRIDAY|SATURDAY|SUNDAY")
        .doesNotContainPattern("\\d{4}-\\d{2}-\\d{2}")
        .doesNotContainPattern("\\d{4}-\\d{2}\\b")
        .doesNotContain("0.5000");
  }
}
