package io.sahabot.agent.conversation;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

class LocationRequestsTest {

  @ParameterizedTest
  @ValueSource(
      strings = {
        "adres",
        "Adresiniz nedir?",
        "KONUM atar mısınız",
        "konumunuzu gönderir misiniz",
        "Neredesiniz?",
        "nerdesiniz",
        "Saha nerede?",
        "yol tarifi alabilir miyim",
        "Where are you?",
        "what's your address",
        "Can you send the location?",
        "where is the pitch"
      })
  void asksWhereTheBusinessIs(String text) {
    assertThat(LocationRequests.asks(text)).isTrue();
  }

  @ParameterizedTest
  @ValueSource(
      strings = {
        "Yarın akşam 9 boş mu?",
        "Cumartesi 20:00-21:00 ayır",
        "rezervasyonlarım",
        "is Saturday 22:00 free?",
        "merhaba"
      })
  void otherTextsDoNot(String text) {
    assertThat(LocationRequests.asks(text)).isFalse();
  }

  @Test
  void foldsTurkishLetters() {
    assertThat(LocationRequests.fold("İSTANBUL'DAKİ ŞUBE Çok Güzel"))
        .isEqualTo("istanbul'daki sube cok guzel");
  }
}
