package io.sahabot.agent.offline.domain;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.ZonedDateTime;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class AdminGrammarTest {

  private static final ConversationContext OWNER =
      new ConversationContext(
          ZonedDateTime.parse("2026-11-27T10:00:00+03:00[Europe/Istanbul]"),
          List.of("Saha 1", "Saha 2"),
          9 * 60,
          24 * 60,
          60,
          true);

  private static AdminGrammar.Change read(String text) {
    return AdminGrammar.read(text, OWNER).orElse(null);
  }

  @Test
  void readsThePriceOfTheBusinessOrOfAField() {
    assertThat(read("Saat ücreti 1200 olsun"))
        .isEqualTo(new AdminGrammar.Change("price", Map.of("value", "1200")));
    assertThat(read("set the price to 1250.50"))
        .isEqualTo(new AdminGrammar.Change("price", Map.of("value", "1250.50")));
    assertThat(read("Saha 2'nin saat ücreti 1500 olsun"))
        .isEqualTo(new AdminGrammar.Change("price", Map.of("value", "1500", "field", "Saha 2")));
  }

  @Test
  void readsOpeningHoursPastMidnightAndAFieldsNewName() {
    assertThat(read("Çalışma saatleri 09:00-02:00 olsun"))
        .isEqualTo(new AdminGrammar.Change("hours", Map.of("open", "09:00", "close", "02:00")));
    assertThat(read("opening hours 10:00 to 24:00"))
        .isEqualTo(new AdminGrammar.Change("hours", Map.of("open", "10:00", "close", "24:00")));
    assertThat(read("Saha 1'in adı Ana Saha olsun"))
        .isEqualTo(
            new AdminGrammar.Change("rename", Map.of("field", "Saha 1", "value", "Ana Saha")));
    assertThat(read("rename Saha 2 to Küçük Saha"))
        .isEqualTo(
            new AdminGrammar.Change("rename", Map.of("field", "Saha 2", "value", "Küçük Saha")));
  }

  @Test
  void readsClosedDatesAndHolidayHours() {
    assertThat(read("31 Aralık kapalıyız"))
        .isEqualTo(
            new AdminGrammar.Change("closed", Map.of("from", "2026-12-31", "to", "2026-12-31")));
    assertThat(read("we are closed on January 1"))
        .isEqualTo(
            new AdminGrammar.Change("closed", Map.of("from", "2027-01-01", "to", "2027-01-01")));
    assertThat(read("30 Mart - 1 Nisan 12:00-20:00 açığız"))
        .isEqualTo(
            new AdminGrammar.Change(
                "special-hours",
                Map.of(
                    "from", "2027-03-30", "to", "2027-04-01", "open", "12:00", "close", "20:00")));
  }

  @Test
  void readsABlockedSlotAdminsRemindersAndTheCancellationNotice() {
    assertThat(read("yarın 15-17 bakım"))
        .isEqualTo(
            new AdminGrammar.Change(
                "block", Map.of("start", "2026-11-28T15:00", "end", "2026-11-28T17:00")));
    assertThat(read("Saha 2 yarın 15-17 bakım"))
        .isEqualTo(
            new AdminGrammar.Change(
                "block",
                Map.of("field", "Saha 2", "start", "2026-11-28T15:00", "end", "2026-11-28T17:00")));
    assertThat(read("905321112233 numarasını yönetici ekle"))
        .isEqualTo(new AdminGrammar.Change("add-admin", Map.of("value", "905321112233")));
    assertThat(read("remove admin +90 532 111 22 33"))
        .isEqualTo(new AdminGrammar.Change("remove-admin", Map.of("value", "905321112233")));
    assertThat(read("Hatırlatma 2 saat önce olsun"))
        .isEqualTo(new AdminGrammar.Change("reminder", Map.of("value", "120")));
    assertThat(read("İptal süresi 3 saat olsun"))
        .isEqualTo(new AdminGrammar.Change("cancellation-notice", Map.of("value", "3")));
  }

  @Test
  void readsAFieldRemovedByItsNameOrItsNumber() {
    assertThat(read("Saha 2'yi kaldır"))
        .isEqualTo(new AdminGrammar.Change("remove-field", Map.of("field", "Saha 2")));
    assertThat(read("remove field 1"))
        .isEqualTo(new AdminGrammar.Change("remove-field", Map.of("field", "Saha 1")));
    assertThat(read("delete pitch 2"))
        .isEqualTo(new AdminGrammar.Change("remove-field", Map.of("field", "Saha 2")));
    assertThat(read("remove field 7")).as("no such field").isNull();
    assertThat(read("Saha 1'deki rezervasyonu sil")).as("a booking, not the field").isNull();
    assertThat(read("Saha 1 yarın 20:00 sil")).isNull();
  }

  @Test
  void questionsAndBookingsProposeNothing() {
    assertThat(read("Saat ücreti ne kadar?")).isNull();
    assertThat(read("31 Aralık kapalı mısınız?")).isNull();
    assertThat(read("Yarın 20:00 ayır")).isNull();
    assertThat(read("Yarın 15-17 Ahmet için ayır")).isNull();
    assertThat(read("Mehmet gelmedi")).isNull();
  }

  /**
   * Every owner's sentence of the shared fixtures (utterances and dialogues) is a booking, a query
   * or a report: none of them is read as a settings change, and none of any role as a size.
   */
  @Test
  void noSentenceOfTheSharedFixturesIsReadAsAChangeOrASize() throws java.io.IOException {
    var json = tools.jackson.databind.json.JsonMapper.builder().build();
    List<String> proposed = new java.util.ArrayList<>();
    for (String file : List.of("conversations/utterances.jsonl", "conversations/dialogues.jsonl")) {
      for (String line :
          java.nio.file.Files.readAllLines(io.sahabot.testsupport.SharedFixtures.path(file))) {
        if (line.isBlank()) {
          continue;
        }
        var c = json.readTree(line);
        List<String> texts = new java.util.ArrayList<>();
        if (c.has("turns")) {
          c.get("turns").forEach(t -> texts.add(t.path("text").asString()));
        } else {
          texts.add(c.path("text").asString());
        }
        for (String text : texts) {
          if (AdminGrammar.read(text, OWNER).isPresent() || SizeGrammar.read(text).isPresent()) {
            proposed.add(text);
          }
        }
      }
    }
    assertThat(proposed).isEmpty();
  }

  @Test
  void readsTheSizeACustomerAsksFor() {
    assertThat(SizeGrammar.read("7'ye 7 saha var mı")).contains("7+7");
    assertThat(SizeGrammar.read("6'ya 6 saha boş mu yarın")).contains("6+6");
    assertThat(SizeGrammar.read("is there a 7-a-side pitch?")).contains("7+7");
    assertThat(SizeGrammar.read("5x5 field free tomorrow?")).contains("5+5");
    assertThat(SizeGrammar.read("14 kişilik saha var mı")).contains("7+7");
    assertThat(SizeGrammar.read("yarın 20-21 saha 1")).isEmpty();
    assertThat(SizeGrammar.read("Yarın 7'ye 8 arası boş mu")).isEmpty();
  }
}
