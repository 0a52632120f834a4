package io.sahabot.agent.offline.domain;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

/** A message's language, and a reply that mixes two in one sentence. */
class LanguageGuessTest {

  @Test
  void aMessageShowsItsLanguageByItsLettersAndWords() {
    assertThat(LanguageGuess.of("Hi, is Sunday 8pm free?")).isEqualTo("en");
    assertThat(LanguageGuess.of("book it please")).isEqualTo("en");
    assertThat(LanguageGuess.of("yarin aksam 8 bos mu")).isEqualTo("tr");
    assertThat(LanguageGuess.of("Çarşamba")).isEqualTo("tr");
    assertThat(LanguageGuess.of("tamam onu ayır")).isEqualTo("tr");
  }

  @Test
  void aMessageThatDoesNotShowItKeepsTheConversations() {
    assertThat(LanguageGuess.of("9")).isNull();
    assertThat(LanguageGuess.of("Saha 2")).isNull();
    assertThat(LanguageGuess.of("0532 111 22 33")).isNull();
  }

  @Test
  void theAlternativesSentenceOfTheIssueMixesAndNamesDoNot() {
    assertThat(LanguageGuess.mixes("Üzgünüm, the slot is taken at that time")).isTrue();
    assertThat(
            LanguageGuess.mixes("Sorry, that slot is taken. You can pick one of the free slots."))
        .isFalse();
    assertThat(LanguageGuess.mixes("Hi! I am Yıldız Halı Saha's booking assistant.")).isFalse();
    assertThat(LanguageGuess.mixes("✅ Saha 1 Cumartesi 28.11 20:00 boş. Ayırmamı ister misiniz?"))
        .isFalse();
    assertThat(LanguageGuess.mixes("✅ Booked for Ayşe Çelik: Saha 1, Sunday 29 Nov 20:00–21:00."))
        .isFalse();
  }
}
