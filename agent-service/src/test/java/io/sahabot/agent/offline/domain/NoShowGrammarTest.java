package io.sahabot.agent.offline.domain;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.LocalDate;
import java.time.LocalTime;
import java.time.ZonedDateTime;
import org.junit.jupiter.api.Test;

class NoShowGrammarTest {

  private static final ZonedDateTime NOW =
      ZonedDateTime.parse("2026-11-27T10:00:00+03:00[Europe/Istanbul]");

  @Test
  void readsTheCustomersNameBeforeTheVerb() {
    assertThat(NoShowGrammar.read("Mehmet gelmedi", NOW))
        .contains(new NoShowGrammar.NoShow("Mehmet", null, null));
    assertThat(NoShowGrammar.read("Ali didn't show up", NOW))
        .contains(new NoShowGrammar.NoShow("Ali", null, null));
    assertThat(NoShowGrammar.read("Mehmet Kaya bey dün gelmedi", NOW))
        .contains(new NoShowGrammar.NoShow("Mehmet Kaya", LocalDate.parse("2026-11-26"), null));
  }

  @Test
  void readsTheDayAndTheTime() {
    assertThat(NoShowGrammar.read("dünkü 21:00 gelmedi", NOW))
        .contains(
            new NoShowGrammar.NoShow(null, LocalDate.parse("2026-11-26"), LocalTime.of(21, 0)));
    assertThat(NoShowGrammar.read("bugün akşam saat 9 gelmediler", NOW))
        .contains(
            new NoShowGrammar.NoShow(null, LocalDate.parse("2026-11-27"), LocalTime.of(21, 0)));
    assertThat(NoShowGrammar.read("Şükrü'nün 20.00 maçına gelmedi", NOW))
        .contains(new NoShowGrammar.NoShow("Şükrü", null, LocalTime.of(20, 0)));
  }

  @Test
  void readsACustomerWhoWillNotComeAsANoShowInAdvance() {
    assertThat(NoShowGrammar.read("Ali bugün gelmeyecek", NOW))
        .contains(new NoShowGrammar.NoShow("Ali", LocalDate.parse("2026-11-27"), null, true));
    assertThat(NoShowGrammar.read("Ali yarın gelmeyecek", NOW))
        .contains(new NoShowGrammar.NoShow("Ali", LocalDate.parse("2026-11-28"), null, true));
    assertThat(NoShowGrammar.read("yarınki 21:00 gelemeyecekler", NOW))
        .contains(
            new NoShowGrammar.NoShow(
                null, LocalDate.parse("2026-11-28"), LocalTime.of(21, 0), true));
    assertThat(NoShowGrammar.read("Ahmet's 21:00 won't come", NOW))
        .contains(new NoShowGrammar.NoShow("Ahmet", null, LocalTime.of(21, 0), true));
    assertThat(NoShowGrammar.read("Mehmet won't come tomorrow", NOW))
        .contains(new NoShowGrammar.NoShow("Mehmet", LocalDate.parse("2026-11-28"), null, true));
    assertThat(NoShowGrammar.read("Mehmet gelmedi", NOW).orElseThrow().upcoming()).isFalse();
  }

  @Test
  void otherMessagesAreNoNoShow() {
    assertThat(NoShowGrammar.read("Yarın 20:00 boş mu?", NOW)).isEmpty();
    assertThat(NoShowGrammar.read("Mehmet geldi", NOW)).isEmpty();
  }
}
