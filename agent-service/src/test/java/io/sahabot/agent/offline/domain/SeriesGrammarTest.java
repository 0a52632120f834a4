package io.sahabot.agent.offline.domain;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.LocalDate;
import java.time.LocalDateTime;
import java.time.Month;
import java.time.ZoneId;
import java.time.ZonedDateTime;
import java.util.List;
import org.junit.jupiter.api.Test;

class SeriesGrammarTest {

  // Monday 7 December 2026, 10:00 in Istanbul
  static final ZonedDateTime MONDAY =
      ZonedDateTime.of(2026, 12, 7, 10, 0, 0, 0, ZoneId.of("Europe/Istanbul"));
  static final ConversationContext CONTEXT =
      new ConversationContext(MONDAY, List.of("Saha 1", "Saha 2"), 9 * 60, 24 * 60, 60, false);
  final Understanding understanding = new Understanding();

  @Test
  void herSali2100EightWeeksIsEightTuesdaysFromTheComingOne() {
    SeriesGrammar.Series series = SeriesGrammar.read("Her salı 21:00, 8 hafta").orElseThrow();
    Interpretation first = understanding.understand(series.firstBooking(), CONTEXT);

    assertThat(first.start()).isEqualTo(LocalDateTime.of(2026, 12, 8, 21, 0));
    assertThat(series.occurrences(first.start().toLocalDate(), 52)).contains(8);
  }

  @Test
  void everyTuesdayAt9pmUntilMarchRunsUntilTheEndOfFebruary() {
    SeriesGrammar.Series series =
        SeriesGrammar.read("every Tuesday at 9pm until March").orElseThrow();
    Interpretation first = understanding.understand(series.firstBooking(), CONTEXT);

    assertThat(series.until()).isEqualTo(Month.MARCH);
    assertThat(first.start()).isEqualTo(LocalDateTime.of(2026, 12, 8, 21, 0));
    // 8 Dec 2026 to 23 Feb 2027: 12 Tuesdays
    assertThat(series.occurrences(first.start().toLocalDate(), 52)).contains(12);
  }

  @Test
  void turkishUntilAMonthAndAWeekdayWithARange() {
    SeriesGrammar.Series series =
        SeriesGrammar.read("Her cuma 20-22 Saha 2 Mart'a kadar ayır").orElseThrow();
    Interpretation first = understanding.understand(series.firstBooking(), CONTEXT);

    assertThat(series.until()).isEqualTo(Month.MARCH);
    assertThat(first.start()).isEqualTo(LocalDateTime.of(2026, 12, 11, 20, 0));
    assertThat(first.end()).isEqualTo(LocalDateTime.of(2026, 12, 11, 22, 0));
    assertThat(first.field()).isEqualTo("Saha 2");
    assertThat(series.occurrences(LocalDate.of(2026, 12, 11), 52)).contains(12);
  }

  @Test
  void theOwnerNamesTheCustomerOfASeries() {
    ConversationContext owner =
        new ConversationContext(MONDAY, List.of("Saha 1", "Saha 2"), 9 * 60, 24 * 60, 60, true);
    SeriesGrammar.Series series =
        SeriesGrammar.read("Her salı 21:00 8 hafta Kartallar için, 0532 123 45 67").orElseThrow();
    Interpretation first = understanding.understand(series.firstBooking(), owner);

    assertThat(series.weeks()).isEqualTo(8);
    assertThat(first.start()).isEqualTo(LocalDateTime.of(2026, 12, 8, 21, 0));
    assertThat(first.customerName()).isEqualTo("Kartallar");
    assertThat(first.phone()).isEqualTo("905321234567");
  }

  @Test
  void aRecurrenceWithoutALengthIsAskedFor() {
    SeriesGrammar.Series series = SeriesGrammar.read("her perşembe 19:00").orElseThrow();
    assertThat(series.occurrences(LocalDate.of(2026, 12, 10), 52)).isEmpty();
  }

  @Test
  void ordinaryMessagesAreNoSeries() {
    assertThat(SeriesGrammar.read("Yarın akşam 9 boş mu?")).isEmpty();
    assertThat(SeriesGrammar.read("haftaya salı 21:00 ayır")).isEmpty();
    assertThat(SeriesGrammar.read("book Tuesday 9pm")).isEmpty();
    assertThat(SeriesGrammar.cancelsSeries("yarınki rezervasyonumu iptal et")).isFalse();
    assertThat(SeriesGrammar.joinsWaitlist("yarın 21:00 ayır")).isFalse();
  }

  @Test
  void cancellingTheRestOfASeriesAndJoiningAWaitlist() {
    assertThat(SeriesGrammar.cancelsSeries("salı serisini iptal et")).isTrue();
    assertThat(SeriesGrammar.cancelsSeries("kalan haftaları iptal edelim")).isTrue();
    assertThat(SeriesGrammar.cancelsSeries("cancel the rest of my weekly booking")).isTrue();
    assertThat(SeriesGrammar.joinsWaitlist("Yarın 21:00 için sıraya yaz")).isTrue();
    assertThat(SeriesGrammar.joinsWaitlist("beni bekleme listesine ekle")).isTrue();
    assertThat(SeriesGrammar.joinsWaitlist("put me on the waitlist for Friday 8pm")).isTrue();
  }
}
