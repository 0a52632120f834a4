package io.sahabot.agent.offline.domain;

import static io.sahabot.agent.offline.domain.UtterancesTest.slot;
import static org.assertj.core.api.Assertions.assertThat;

import java.time.ZonedDateTime;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/**
 * The date and time rules one by one, each on the day of the week it is about: Friday 2026-11-27,
 * Monday 2026-11-30 or Sunday 2026-12-06, 08:30 in Istanbul; open 09:00–24:00, 60-minute slots.
 */
class DateTimeGrammarTest {

  private final Understanding understanding = new Understanding();

  @ParameterizedTest(name = "{0} {1}: {2}")
  @CsvSource(
      delimiter = '|',
      textBlock =
          """
          fri | 29.11 saat 21 ayır                         | intent=book start=2026-11-29T21:00 end=2026-11-29T22:00
          fri | 29/11/2026 21:00 boş mu                      | intent=availability start=2026-11-29T21:00
          fri | 20.11 saat 21 ayır                           | intent=book start=2027-11-20T21:00
          fri | 28 Kasım 20:00 ayır                          | intent=book start=2026-11-28T20:00
          fri | 20 Kasım 20:00 ayır                          | intent=book start=2027-11-20T20:00
          fri | 28 Aralık 2026 20:00 ayır                    | intent=book start=2026-12-28T20:00
          fri | book Dec 28 at 9pm                           | intent=book start=2026-12-28T21:00
          fri | book 28 December 7pm                         | intent=book start=2026-12-28T19:00
          fri | book the 28th at 8                           | intent=book start=2026-11-28T20:00
          fri | book the 3rd at 8                            | intent=book start=2026-12-03T20:00
          fri | bu cuma 21:00 boş mu                         | intent=availability start=2026-11-27T21:00
          fri | cuma 21:00 boş mu                            | intent=availability start=2026-11-27T21:00
          fri | gelecek cuma 21:00 boş mu                    | intent=availability start=2026-12-04T21:00
          mon | gelecek cuma 21:00 boş mu                    | intent=availability start=2026-12-11T21:00
          mon | önümüzdeki cuma 21:00 boş mu                 | intent=availability start=2026-12-11T21:00
          mon | haftaya cuma 21:00 boş mu                    | intent=availability start=2026-12-11T21:00
          mon | gelecek haftanın cuması 21:00 boş mu         | intent=availability start=2026-12-11T21:00
          mon | cuma 21:00 boş mu                            | intent=availability start=2026-12-04T21:00
          mon | bu cuma 21:00 boş mu                         | intent=availability start=2026-12-04T21:00
          mon | next friday 9pm free?                        | intent=availability start=2026-12-11T21:00
          mon | this friday 9pm free?                        | intent=availability start=2026-12-04T21:00
          mon | friday next week at 9 free?                  | intent=availability start=2026-12-11T21:00
          fri | yarın 9'da boş mu                            | intent=availability start=2026-11-28T21:00
          fri | yarın 09:00-10:00 ayır                       | intent=book start=2026-11-28T09:00 end=2026-11-28T10:00
          fri | yarın 09.30 boş mu                           | intent=availability start=2026-11-28T09:30
          fri | öbür gün 9 buçukta boş mu                    | intent=availability start=2026-11-29T21:30
          fri | yarından sonra 21:00 boş mu                  | intent=availability start=2026-11-29T21:00
          fri | the day after tomorrow at 7pm free?          | intent=availability start=2026-11-29T19:00
          fri | bu akşam 8 boş mu                            | intent=availability start=2026-11-27T20:00
          fri | tonight at 8 free?                           | intent=availability start=2026-11-27T20:00
          fri | hafta sonu 21:00 boş mu                      | intent=availability start=2026-11-28T21:00
          sun | hafta sonu 21:00 boş mu                      | intent=availability start=2026-12-06T21:00
          fri | this weekend 9pm free?                       | intent=availability start=2026-11-28T21:00
          fri | yarın 9'u çeyrek geçe ayır                   | intent=book start=2026-11-28T21:15 end=2026-11-28T22:15
          fri | yarın 10'a çeyrek var ayır                   | intent=book start=2026-11-28T21:45
          fri | tomorrow half past 8 book                    | intent=book start=2026-11-28T20:30
          fri | tomorrow quarter to 9 book                   | intent=book start=2026-11-28T20:45
          fri | yarın 21.00 ayır                             | intent=book start=2026-11-28T21:00
          fri | yarın 20-22 ayır                             | intent=book start=2026-11-28T20:00 end=2026-11-28T22:00
          fri | yarın 20:00'den 22:00'ye ayır                | intent=book start=2026-11-28T20:00 end=2026-11-28T22:00
          fri | yarın 20 ile 22 arası ayır                   | intent=book start=2026-11-28T20:00 end=2026-11-28T22:00
          fri | book tomorrow 8 to 10pm                      | intent=book start=2026-11-28T20:00 end=2026-11-28T22:00
          fri | yarın 21:00 2 saatlik ayır                   | intent=book start=2026-11-28T21:00 end=2026-11-28T23:00
          fri | yarın 21:00 1.5 saat ayır                    | intent=book start=2026-11-28T21:00 end=2026-11-28T22:30
          fri | yarın 21:00 bir buçuk saat ayır              | intent=book start=2026-11-28T21:00 end=2026-11-28T22:30
          fri | yarın 21:00 90 dakika ayır                   | intent=book start=2026-11-28T21:00 end=2026-11-28T22:30
          fri | book tomorrow 7pm for an hour and a half     | intent=book start=2026-11-28T19:00 end=2026-11-28T20:30
          fri | YARIN AKŞAM 9 AYIR                           | intent=book start=2026-11-28T21:00
          fri | gelecek cumartsi 21:00 ayır                  | intent=book start=2026-12-05T21:00
          fri | 31 Şubat 21:00 ayır                          | intent=clarify missing=[date] date=null
          fri | 29.13 21:00 ayır                             | intent=clarify missing=[date]
          fri | yarın 25:00 ayır                             | intent=clarify missing=[time] date=2026-11-28
          fri | yarın 21:75 boş mu                           | intent=clarify missing=[time] date=2026-11-28
          fri | yarın 22-20 ayır                             | intent=clarify missing=[time]
          fri | 20.10 ayır                                   | intent=clarify missing=[date,time]
          fri | cmrtsi 21:00 ayır                            | intent=clarify missing=[date]
          fri | next tursday 9pm free?                       | intent=clarify missing=[date]
          fri | öbür cuma 21:00 ayır                         | intent=clarify missing=[date]
          fri | Ocak'ta 21:00 ayır                           | intent=clarify missing=[date]
          fri | yarın 9 saat aralığı boş mu                  | intent=availability start=2026-11-28T21:00
          fri | pitch 2 tomorrow 20:00-22:00 free?           | intent=availability start=2026-11-28T20:00 field=Saha 2
          fri | yarın saat 21 saha ayırmak istiyorum         | intent=book start=2026-11-28T21:00
          """)
  void reads(String day, String text, String expected) {
    Map<String, String> want = new LinkedHashMap<>();
    for (String part : expected.trim().split(" (?=[a-z_]+=)")) {
      int eq = part.indexOf('=');
      want.put(part.substring(0, eq), part.substring(eq + 1).trim());
    }
    ZonedDateTime now =
        ZonedDateTime.parse(
            switch (day) {
              case "mon" -> "2026-11-30T08:30:00+03:00[Europe/Istanbul]";
              case "sun" -> "2026-12-06T08:30:00+03:00[Europe/Istanbul]";
              default -> "2026-11-27T08:30:00+03:00[Europe/Istanbul]";
            });

    Interpretation got =
        understanding.understand(
            text,
            new ConversationContext(now, List.of("Saha 1", "Saha 2"), 9 * 60, 24 * 60, 60, false));

    Map<String, String> actual = new LinkedHashMap<>();
    want.keySet().forEach(k -> actual.put(k, slot(got, k)));
    assertThat(actual).as(text).isEqualTo(want);
  }
}
