package io.sahabot.agent.offline.domain;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.YearMonth;
import java.time.ZoneId;
import java.time.ZonedDateTime;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/** Data-rights requests and monthly report requests, read before the booking grammar. */
class DataRightsAndReportGrammarTest {

  static final ZonedDateTime NOW =
      ZonedDateTime.of(2026, 12, 7, 10, 0, 0, 0, ZoneId.of("Europe/Istanbul"));

  @ParameterizedTest
  @ValueSource(
      strings = {
        "verilerimi sil",
        "Kişisel verilerimi silin lütfen",
        "KİŞİSEL VERİLERİMİ SİLİN",
        "bilgilerimi siler misiniz",
        "beni unutun",
        "Please delete my data",
        "erase my personal data",
        "forget me"
      })
  void asksForTheErasure(String text) {
    assertThat(DataRightsGrammar.read(text)).contains(DataRightsGrammar.ERASE);
  }

  @ParameterizedTest
  @ValueSource(
      strings = {
        "verilerimi gönder",
        "Verilerimi görmek istiyorum",
        "hakkımda hangi bilgiler var",
        "send me my data",
        "What data do you have about me?"
      })
  void asksForACopy(String text) {
    assertThat(DataRightsGrammar.read(text)).contains(DataRightsGrammar.EXPORT);
  }

  @ParameterizedTest
  @ValueSource(
      strings = {"yarınki rezervasyonu sil", "cancel my booking", "Cumartesi 20:00 iptal et"})
  void leavesBookingLanguageAlone(String text) {
    assertThat(DataRightsGrammar.read(text)).isEmpty();
  }

  @Test
  void readsTheMonthOfAReportRequest() {
    assertThat(MonthlyReportGrammar.read("aylık rapor", NOW)).contains(YearMonth.of(2026, 12));
    assertThat(MonthlyReportGrammar.read("Bu ayın raporu", NOW)).contains(YearMonth.of(2026, 12));
    assertThat(MonthlyReportGrammar.read("geçen ayın raporu", NOW))
        .contains(YearMonth.of(2026, 11));
    assertThat(MonthlyReportGrammar.read("Kasım raporu", NOW)).contains(YearMonth.of(2026, 11));
    assertThat(MonthlyReportGrammar.read("Mart 2025 raporu", NOW)).contains(YearMonth.of(2025, 3));
    assertThat(MonthlyReportGrammar.read("monthly report for last month", NOW))
        .contains(YearMonth.of(2026, 11));
    assertThat(MonthlyReportGrammar.read("report for October", NOW))
        .contains(YearMonth.of(2026, 10));
    // a month not begun yet this year is last year's
    assertThat(MonthlyReportGrammar.read("monthly report for January", NOW))
        .contains(YearMonth.of(2026, 1));
    assertThat(MonthlyReportGrammar.read("bu hafta kaç saat sattım", NOW)).isEmpty();
  }
}
