package io.sahabot.agent.offline.domain;

import static io.sahabot.agent.offline.domain.UtterancesTest.context;
import static io.sahabot.agent.offline.domain.UtterancesTest.slot;
import static org.assertj.core.api.Assertions.assertThat;

import java.util.LinkedHashMap;
import java.util.Map;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/**
 * Variations the fixture does not list: without Turkish letters, in capitals, with a thumb's typos,
 * other phrasings in both languages. Same moment as the fixture: Friday 2026-11-27 10:00.
 */
class UnderstandingTest {

  private final Understanding understanding = new Understanding();

  @ParameterizedTest(name = "{0}: {1}")
  @CsvSource(
      delimiter = '|',
      textBlock =
          """
          customer | PAZARTESİ 20:00-21:00 İÇİN SAHA AYIRMAK İSTİYORUM | intent=book start=2026-11-30T20:00 end=2026-11-30T21:00
          customer | pazartesi 20-21 arasi saha ayir                     | intent=book start=2026-11-30T20:00 end=2026-11-30T21:00
          customer | pazartsi 20:00 rezervasyn                           | intent=book start=2026-11-30T20:00 end=2026-11-30T21:00
          customer | yarn aksam 9 da 1 saatlik rezervasyon               | intent=book start=2026-11-28T21:00 end=2026-11-28T22:00
          customer | Yarın 21.30'da 2 saat ayırır mısınız                | intent=book start=2026-11-28T21:30 end=2026-11-28T23:30
          customer | yarin sabah 10 bos mu                               | intent=availability start=2026-11-28T10:00
          customer | cumartesi saat 9 müsait mi                          | intent=availability start=2026-11-28T21:00
          customer | CUMARTESI 22:30 MUSAIT MI                           | intent=availability start=2026-11-28T22:30
          customer | 2. saha yarin 18:00 bos mu                          | intent=availability start=2026-11-28T18:00 field=Saha 2
          customer | ikinci saha pazar 20:00 uygun mu                    | intent=availability start=2026-11-29T20:00 field=Saha 2
          customer | bugün akşam boş saat var mı                         | intent=availability date=2026-11-27
          customer | rezervasyonlarimi goster                            | intent=list_mine
          customer | yarinki rezervasyonumu iptal etmek istiyorum        | intent=cancel date=2026-11-28
          customer | cumartesi 20:00 rezervasyonumu iptal et             | intent=cancel date=2026-11-28 start=2026-11-28T20:00
          customer | sali 21:00 rezervasyonumu carsambaya 22:00'a tasi   | intent=move from=2026-12-01T21:00 start=2026-12-02T22:00
          customer | saatlik ucret nedir                                 | intent=price
          customer | fiyatlar ne kadar                                   | intent=price
          customer | selam                                               | intent=help
          customer | rezervasyon yapmak istiyorum yarin                  | intent=clarify missing=[time]
          customer | saha ayirmak istiyorum                              | intent=clarify missing=[date,time]
          customer | 5 Aralık 20:00 için yer ayırt                       | intent=book start=2026-12-05T20:00 end=2026-12-05T21:00
          customer | haftaya sali 8 de rezervasyon                       | intent=book start=2026-12-01T20:00 end=2026-12-01T21:00
          customer | Book tomorrow 7pm for 2 hours please                | intent=book start=2026-11-28T19:00 end=2026-11-28T21:00
          customer | I want to book field 2 on Sunday at 8               | intent=book start=2026-11-29T20:00 end=2026-11-29T21:00 field=Saha 2
          customer | is saturday 10am available                          | intent=availability start=2026-11-28T10:00
          customer | any free slots tomorrow?                            | intent=availability date=2026-11-28
          customer | show my bookings                                    | intent=list_mine
          customer | move my Tuesday 21:00 booking to Wednesday 22:00    | intent=move from=2026-12-01T21:00 start=2026-12-02T22:00
          customer | how much is one hour                                | intent=price
          customer | hello                                               | intent=help
          owner    | 30 Kasim 19:00-20:30 mehmet kaya icin rezervasyon, numarasi 0532 111 22 33 | intent=book start=2026-11-30T19:00 end=2026-11-30T20:30 customer_name=Mehmet Kaya phone=905321112233
          owner    | Pazar 21:00 Ali Veli adına rezervasyon 05321234567  | intent=book start=2026-11-29T21:00 end=2026-11-29T22:00 customer_name=Ali Veli phone=905321234567
          owner    | book Monday 8pm for John Smith, phone +90 532 111 22 44 | intent=book start=2026-11-30T20:00 end=2026-11-30T21:00 customer_name=John Smith phone=905321112244
          owner    | gecen haftanin tablosu                              | intent=table from=2026-11-16 to=2026-11-22
          owner    | haftaya tabloyu at                                  | intent=table from=2026-11-30 to=2026-12-06
          owner    | tabloyu goster                                      | intent=table from=2026-11-23 to=2026-11-29
          owner    | last week's table                                   | intent=table from=2026-11-16 to=2026-11-22
          owner    | bu ay ne kadar kazandik                             | intent=sales from=2026-11-01 to=2026-11-30
          owner    | gecen hafta kac saat sattik                         | intent=sales from=2026-11-16 to=2026-11-22
          owner    | how many hours did we sell this week                | intent=sales from=2026-11-23 to=2026-11-29
          owner    | en yogun saatler hangileri                          | intent=peak_hours
          owner    | busiest hours                                       | intent=peak_hours
          owner    | who are my most loyal customers                     | intent=loyal_customers
          owner    | which customers cancel the most                     | intent=cancellations
          owner    | en cok iptal eden musteriler                        | intent=cancellations
          """)
  void understands(String role, String text, String expected) {
    Map<String, String> want = parse(expected);

    Interpretation got = understanding.understand(text, context(role.equals("owner")));

    Map<String, String> actual = new LinkedHashMap<>();
    want.keySet().forEach(k -> actual.put(k, slot(got, k)));
    assertThat(actual).as(text).isEqualTo(want);
  }

  private static Map<String, String> parse(String expected) {
    Map<String, String> out = new LinkedHashMap<>();
    for (String part : expected.trim().split(" (?=[a-z_]+=)")) {
      int eq = part.indexOf('=');
      out.put(part.substring(0, eq), part.substring(eq + 1).trim());
    }
    return out;
  }
}
