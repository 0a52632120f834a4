package io.sahabot.agent.tools;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.LocalDate;
import org.junit.jupiter.api.Test;

/** The pieces of report sentences, in each language. */
class ReportTextsTest {

  @Test
  void periodsAreDaysAndMonthsInWords() {
    LocalDate from = LocalDate.of(2026, 9, 1);
    LocalDate to = LocalDate.of(2026, 11, 30);

    assertThat(ReportTexts.period("tr", from, to)).isEqualTo("1 Eylül – 30 Kasım 2026");
    assertThat(ReportTexts.period("en", from, to)).isEqualTo("1 September – 30 November 2026");
    assertThat(ReportTexts.period("tr", LocalDate.of(2025, 12, 1), to))
        .isEqualTo("1 Aralık 2025 – 30 Kasım 2026");
    assertThat(ReportTexts.ends("en", from, to)).containsExactly("1 September", "30 November 2026");
  }

  @Test
  void weekdaysHoursCountsMoneyAndRates() {
    assertThat(ReportTexts.weekday("tr", "TUESDAY")).isEqualTo("Salı");
    assertThat(ReportTexts.weekday("en", "TUESDAY")).isEqualTo("Tuesday");
    assertThat(ReportTexts.hour(21)).isEqualTo("21:00–22:00");
    assertThat(ReportTexts.hour(23)).isEqualTo("23:00–00:00");
    assertThat(ReportTexts.bookings("en", 1)).isEqualTo("1 booking");
    assertThat(ReportTexts.bookings("en", 3)).isEqualTo("3 bookings");
    assertThat(ReportTexts.bookings("tr", 3)).isEqualTo("3 rezervasyon");
    assertThat(ReportTexts.hours("tr", "1.50")).isEqualTo("1,5 saat");
    assertThat(ReportTexts.hours("en", "1.00")).isEqualTo("1 hour");
    assertThat(ReportTexts.money("tr", "8400.00", "TRY")).isEqualTo("8.400 TRY");
    assertThat(ReportTexts.money("en", "8400.50", "TRY")).isEqualTo("8,400.5 TRY");
    assertThat(ReportTexts.percent("tr", "0.3100")).isEqualTo("%31");
    assertThat(ReportTexts.percent("en", "0.3100")).isEqualTo("31%");
  }
}
