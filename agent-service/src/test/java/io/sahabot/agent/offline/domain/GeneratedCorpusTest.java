package io.sahabot.agent.offline.domain;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.DayOfWeek;
import java.time.LocalDate;
import java.time.LocalDateTime;
import java.time.ZonedDateTime;
import java.time.temporal.TemporalAdjusters;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Random;
import org.junit.jupiter.api.Test;

/**
 * A corpus generated from templates × dates × times × durations × names × phones × spellings (as
 * written, without Turkish letters, in capitals, in lower case, with a one-letter typo), in Turkish
 * and English, for customers and owners, on three days of the week. Each case carries the date,
 * start and end it means, computed here from the calendar, not from the grammar. Every case is
 * scored right, asked (the model asks instead of answering) or wrong; a wrong date or time fails
 * the test, and at least 95% must be right. Seeded: the same cases every run.
 */
class GeneratedCorpusTest {

  private static final long SEED = 20261127L;
  private static final Locale TR = Locale.forLanguageTag("tr");
  private static final List<ZonedDateTime> NOWS =
      List.of(
          ZonedDateTime.parse("2026-11-27T08:30:00+03:00[Europe/Istanbul]"), // a Friday
          ZonedDateTime.parse("2026-11-30T08:30:00+03:00[Europe/Istanbul]"), // a Monday
          ZonedDateTime.parse("2026-12-06T08:30:00+03:00[Europe/Istanbul]")); // a Sunday

  private static final List<String> WEEKDAYS_TR =
      List.of("Pazartesi", "Salı", "Çarşamba", "Perşembe", "Cuma", "Cumartesi", "Pazar");
  private static final List<String> WEEKDAYS_EN =
      List.of("Monday", "Tuesday", "Wednesday", "Thursday", "Friday", "Saturday", "Sunday");
  private static final List<String> MONTHS_TR =
      List.of(
          "Ocak", "Şubat", "Mart", "Nisan", "Mayıs", "Haziran", "Temmuz", "Ağustos", "Eylül",
          "Ekim", "Kasım", "Aralık");
  private static final List<String> MONTHS_EN =
      List.of(
          "January",
          "February",
          "March",
          "April",
          "May",
          "June",
          "July",
          "August",
          "September",
          "October",
          "November",
          "December");

  private static final List<String> NAMES =
      List.of("Mehmet Kaya", "Ayşe Yılmaz", "Can Demir", "Zeynep Şahin", "Elif Öztürk", "Ali Veli");
  private static final List<String> NAMES_EN = List.of("John Smith", "Mary Jones", "Ahmet Aydın");
  private static final List<String> PHONES =
      List.of("0532 111 22 33", "05451234567", "+90 532 765 43 21", "0 (532) 444 55 66");

  private static final List<String> TEMPLATES_TR =
      List.of(
          "{date} {time} {dur} saha ayırmak istiyorum",
          "{date} {time} boş mu?",
          "{time} {date} {dur} için rezervasyon yapmak istiyorum",
          "Merhaba, {date} {time} müsait mi",
          "Saha 2 {date} {time} {dur} ayırır mısınız");
  private static final List<String> TEMPLATES_TR_OWNER =
      List.of(
          "{date} {time} {dur} {name} adına ayır, numarası {phone}",
          "{name} için {date} {time} {dur} rezerve et {phone}");
  private static final List<String> TEMPLATES_EN =
      List.of(
          "Can I book {date} {time} {dur}?",
          "Is {date} {time} free?",
          "I want to book a pitch {time} {date} {dur} please",
          "is field 2 available {date} {time}");
  private static final List<String> TEMPLATES_EN_OWNER =
      List.of("Book {date} {time} {dur} for {name}, phone {phone}");

  /** A way to write a day, and the day it means. */
  record DateForm(String text, LocalDate date) {}

  /** A way to write a time or range: minutes after midnight; {@code end} only for a range. */
  record TimeForm(String text, int start, Integer end) {}

  /** A duration as written and its minutes (null: none written, the 60-minute slot). */
  record Duration(String text, Integer minutes) {}

  /** One generated case. */
  record Case(
      String text,
      boolean owner,
      ZonedDateTime now,
      LocalDateTime start,
      LocalDateTime end,
      String name,
      String phone) {}

  private static final List<TimeForm> TIMES_TR =
      List.of(
          new TimeForm("21:00", 21 * 60, null),
          new TimeForm("21.00", 21 * 60, null),
          new TimeForm("saat 21", 21 * 60, null),
          new TimeForm("saat 21'de", 21 * 60, null),
          new TimeForm("saat 20:00'de", 20 * 60, null),
          new TimeForm("akşam 9'da", 21 * 60, null),
          new TimeForm("20:30", 20 * 60 + 30, null),
          new TimeForm("akşam 9", 21 * 60, null),
          new TimeForm("saat 9'da", 21 * 60, null),
          new TimeForm("9 buçukta", 21 * 60 + 30, null),
          new TimeForm("akşam 8 buçuk", 20 * 60 + 30, null),
          new TimeForm("9'u çeyrek geçe", 21 * 60 + 15, null),
          new TimeForm("10'a çeyrek var", 21 * 60 + 45, null),
          new TimeForm("sabah 10", 10 * 60, null),
          new TimeForm("18:00", 18 * 60, null),
          new TimeForm("20-22", 20 * 60, 22 * 60),
          new TimeForm("20:00'den 22:00'ye", 20 * 60, 22 * 60),
          new TimeForm("20 ile 22 arası", 20 * 60, 22 * 60),
          new TimeForm("19:30-21:00", 19 * 60 + 30, 21 * 60),
          new TimeForm("9-10 arası", 21 * 60, 22 * 60));
  private static final List<TimeForm> TIMES_EN =
      List.of(
          new TimeForm("at 9pm", 21 * 60, null),
          new TimeForm("at 7 pm", 19 * 60, null),
          new TimeForm("at 21:00", 21 * 60, null),
          new TimeForm("at 8", 20 * 60, null),
          new TimeForm("at half past 8", 20 * 60 + 30, null),
          new TimeForm("at quarter to 9", 20 * 60 + 45, null),
          new TimeForm("at a quarter past 7", 19 * 60 + 15, null),
          new TimeForm("at 10am", 10 * 60, null),
          new TimeForm("at 8:30pm", 20 * 60 + 30, null),
          new TimeForm("at 8 o'clock", 20 * 60, null),
          new TimeForm("in the evening at 9", 21 * 60, null),
          new TimeForm("8 to 10pm", 20 * 60, 22 * 60),
          new TimeForm("from 6pm to 8pm", 18 * 60, 20 * 60),
          new TimeForm("between 7 and 9pm", 19 * 60, 21 * 60),
          new TimeForm("20:00-22:00", 20 * 60, 22 * 60));
  private static final List<Duration> DURATIONS_TR =
      List.of(
          new Duration("", null),
          new Duration("", null),
          new Duration("2 saatlik", 120),
          new Duration("1.5 saat", 90),
          new Duration("1,5 saat", 90),
          new Duration("bir buçuk saat", 90),
          new Duration("90 dakika", 90),
          new Duration("1 saat", 60),
          new Duration("2 saat", 120));
  private static final List<Duration> DURATIONS_EN =
      List.of(
          new Duration("", null),
          new Duration("", null),
          new Duration("for 2 hours", 120),
          new Duration("for an hour and a half", 90),
          new Duration("for 90 minutes", 90),
          new Duration("for one hour", 60),
          new Duration("for 1.5 hours", 90));

  @Test
  void readsGeneratedRequestsWithoutAWrongDateOrTime() {
    List<Case> cases = generate(new Random(SEED));
    Understanding understanding = new Understanding();
    int right = 0;
    int asked = 0;
    List<String> wrongDates = new ArrayList<>();
    List<String> wrongTimes = new ArrayList<>();
    List<String> askedCases = new ArrayList<>();
    int named = 0;
    List<String> missedNames = new ArrayList<>();
    List<String> wrongPhones = new ArrayList<>();

    for (Case c : cases) {
      ConversationContext context =
          new ConversationContext(
              c.now(), List.of("Saha 1", "Saha 2"), 9 * 60, 24 * 60, 60, c.owner());
      Interpretation got = understanding.understand(c.text(), context);
      if (got.intent() == Intent.CLARIFY) {
        asked++;
        askedCases.add(c.text() + " → asks for " + got.missing());
      } else if (got.start() == null
          || !got.start().toLocalDate().equals(c.start().toLocalDate())) {
        wrongDates.add(describe(c, got));
      } else if (!got.start().equals(c.start()) || !c.end().equals(got.end())) {
        wrongTimes.add(describe(c, got));
      } else {
        right++;
      }
      if (got.intent() != Intent.CLARIFY && c.phone() != null && !c.phone().equals(got.phone())) {
        wrongPhones.add(c.text() + " → " + got.phone() + " (expected " + c.phone() + ")");
      }
      if (got.intent() != Intent.CLARIFY && c.name() != null) {
        named++;
        // a name is kept as written: one written with a typo is read with it
        if (got.customerName() == null
            || Folding.distance(
                    Folding.fold(got.customerName()).toLowerCase(Locale.ROOT),
                    Folding.fold(c.name()).toLowerCase(Locale.ROOT))
                > 2) {
          missedNames.add(c.text() + " → " + got.customerName() + " (expected " + c.name() + ")");
        }
      }
    }

    int n = cases.size();
    int wrong = wrongDates.size() + wrongTimes.size();
    System.out.printf(
        "Generated corpus: %d cases: right %.1f%%, asked %.1f%%, wrong %.1f%% (dates %d, times %d)%n",
        n,
        100.0 * right / n,
        100.0 * asked / n,
        100.0 * wrong / n,
        wrongDates.size(),
        wrongTimes.size());
    System.out.printf(
        "  owner's customers: %d named, names right %.1f%%, phones wrong %d%n",
        named, 100.0 * (named - missedNames.size()) / Math.max(1, named), wrongPhones.size());
    missedNames.stream().limit(20).forEach(m -> System.out.println("  NAME MISSED " + m));
    wrongPhones.stream().limit(20).forEach(w -> System.out.println("  WRONG PHONE " + w));
    wrongDates.stream().limit(40).forEach(w -> System.out.println("  WRONG DATE " + w));
    wrongTimes.stream().limit(40).forEach(w -> System.out.println("  WRONG TIME " + w));
    askedCases.stream().limit(40).forEach(a -> System.out.println("  ASKED " + a));
    assertThat(n).isGreaterThanOrEqualTo(2000);
    assertThat(wrongDates).as("wrong dates").isEmpty();
    assertThat(wrongTimes).as("wrong times").isEmpty();
    assertThat(wrongPhones).as("wrong phones").isEmpty();
    assertThat(100.0 * (named - missedNames.size()) / named)
        .as("owner's customers' names read")
        .isGreaterThanOrEqualTo(95.0);
    assertThat(100.0 * right / n).as("share right").isGreaterThanOrEqualTo(95.0);
  }

  private static String describe(Case c, Interpretation got) {
    return "\""
        + c.text()
        + "\" at "
        + c.now().toLocalDateTime()
        + "\n    expected "
        + c.start()
        + "–"
        + c.end()
        + "\n    got      "
        + got.intent()
        + " "
        + got.start()
        + "–"
        + got.end()
        + " date="
        + got.date();
  }

  // ---- the generator -------------------------------------------------------------------------

  static List<Case> generate(Random random) {
    List<Case> out = new ArrayList<>();
    for (ZonedDateTime now : NOWS) {
      LocalDate today = now.toLocalDate();
      for (boolean english : List.of(false, true)) {
        for (DateForm date : english ? datesEn(today) : datesTr(today)) {
          for (int k = 0; k < 7; k++) {
            out.add(oneCase(random, now, english, date));
          }
        }
      }
    }
    return out;
  }

  private static Case oneCase(Random random, ZonedDateTime now, boolean english, DateForm date) {
    boolean owner = random.nextInt(4) == 0;
    List<String> templates =
        english
            ? owner ? TEMPLATES_EN_OWNER : TEMPLATES_EN
            : owner ? TEMPLATES_TR_OWNER : TEMPLATES_TR;
    String template = pick(random, templates);
    TimeForm time = pick(random, english ? TIMES_EN : TIMES_TR);
    Duration duration =
        time.end() != null || !template.contains("{dur}")
            ? new Duration("", null)
            : pick(random, english ? DURATIONS_EN : DURATIONS_TR);
    String name = pick(random, english ? NAMES_EN : NAMES);
    String phone = pick(random, PHONES);
    String text =
        template
            .replace("{date}", date.text())
            .replace("{time}", time.text())
            .replace("{dur}", duration.text())
            .replace("{name}", name)
            .replace("{phone}", phone)
            .replaceAll("\\s+", " ")
            .replace(" ?", "?")
            .replace(" ,", ",")
            .strip();
    text = spell(random, text);
    LocalDateTime start = date.date().atStartOfDay().plusMinutes(time.start());
    LocalDateTime end =
        time.end() != null
            ? date.date().atStartOfDay().plusMinutes(time.end())
            : start.plusMinutes(duration.minutes() == null ? 60 : duration.minutes());
    return new Case(
        text,
        owner,
        now,
        start,
        end,
        template.contains("{name}") ? name : null,
        template.contains("{phone}")
            ? "90" + phone.replaceAll("\\D", "").replaceFirst("^(90|0)", "")
            : null);
  }

  /** As written, without Turkish letters, in capitals, in lower case, or with one typo. */
  static String spell(Random random, String text) {
    return switch (random.nextInt(5)) {
      case 1 -> withoutTurkishLetters(text);
      case 2 -> text.toUpperCase(TR);
      case 3 -> withoutTurkishLetters(text).toLowerCase(Locale.ROOT);
      case 4 -> typo(random, text);
      default -> text;
    };
  }

  static String withoutTurkishLetters(String text) {
    StringBuilder out = new StringBuilder();
    for (char c : text.toCharArray()) {
      int i = "çğıöşüÇĞİÖŞÜ".indexOf(c);
      out.append(i < 0 ? c : "cgiosuCGIOSU".charAt(i));
    }
    return out.toString();
  }

  private static final String[] KEYBOARD = {"qwertyuiop", "asdfghjkl", "zxcvbnm"};

  /**
   * One typo a thumb makes in one word of five letters or more, not its first letter: a letter
   * dropped, two swapped, doubled, or a neighbour key hit instead.
   */
  static String typo(Random random, String text) {
    String[] words = text.split(" ");
    List<Integer> candidates = new ArrayList<>();
    for (int i = 0; i < words.length; i++) {
      if (words[i].length() >= 5 && words[i].chars().allMatch(Character::isLetter)) {
        candidates.add(i);
      }
    }
    if (candidates.isEmpty()) {
      return text;
    }
    int w = pick(random, candidates);
    String word = words[w];
    int p = 1 + random.nextInt(word.length() - 2);
    String typed =
        switch (random.nextInt(4)) {
          case 0 -> word.substring(0, p) + word.substring(p + 1);
          case 1 ->
              word.substring(0, p) + word.charAt(p + 1) + word.charAt(p) + word.substring(p + 2);
          case 2 -> word.substring(0, p) + word.charAt(p) + word.substring(p);
          default -> word.substring(0, p) + neighbour(word.charAt(p)) + word.substring(p + 1);
        };
    words[w] = typed;
    return String.join(" ", words);
  }

  private static char neighbour(char c) {
    char lower = Character.toLowerCase(c);
    for (String row : KEYBOARD) {
      int i = row.indexOf(lower);
      if (i >= 0) {
        char n = row.charAt(i + 1 < row.length() ? i + 1 : i - 1);
        return Character.isUpperCase(c) ? Character.toUpperCase(n) : n;
      }
    }
    return c;
  }

  // ---- dates, computed from the calendar ------------------------------------------------------

  static List<DateForm> datesTr(LocalDate today) {
    List<DateForm> out = new ArrayList<>();
    out.add(new DateForm("bugün", today));
    out.add(new DateForm("yarın", today.plusDays(1)));
    out.add(new DateForm("öbür gün", today.plusDays(2)));
    out.add(new DateForm("yarından sonra", today.plusDays(2)));
    out.add(new DateForm("hafta sonu", weekend(today)));
    LocalDate nextMonday = today.with(TemporalAdjusters.next(DayOfWeek.MONDAY));
    for (DayOfWeek d : DayOfWeek.values()) {
      String name = WEEKDAYS_TR.get(d.ordinal());
      LocalDate coming = today.with(TemporalAdjusters.nextOrSame(d));
      LocalDate nextWeek = nextMonday.plusDays(d.ordinal());
      out.add(new DateForm(name, coming));
      out.add(new DateForm("bu " + name, coming));
      out.add(new DateForm("gelecek " + name, nextWeek));
      out.add(new DateForm("önümüzdeki " + name, nextWeek));
      out.add(new DateForm("haftaya " + name, nextWeek));
      out.add(new DateForm("gelecek hafta " + name, nextWeek));
      out.add(new DateForm(name + " günü", coming));
    }
    for (LocalDate target : targets(today)) {
      int d = target.getDayOfMonth();
      int m = target.getMonthValue();
      out.add(new DateForm(d + "." + m, target));
      out.add(new DateForm(String.format("%02d.%02d", d, m), target));
      out.add(new DateForm(d + "/" + m, target));
      out.add(new DateForm(d + "." + m + "." + target.getYear(), target));
      out.add(new DateForm(d + " " + MONTHS_TR.get(m - 1), target));
      out.add(new DateForm(d + " " + MONTHS_TR.get(m - 1) + " " + target.getYear(), target));
    }
    return out;
  }

  static List<DateForm> datesEn(LocalDate today) {
    List<DateForm> out = new ArrayList<>();
    out.add(new DateForm("today", today));
    out.add(new DateForm("tomorrow", today.plusDays(1)));
    out.add(new DateForm("the day after tomorrow", today.plusDays(2)));
    out.add(new DateForm("this weekend", weekend(today)));
    LocalDate nextMonday = today.with(TemporalAdjusters.next(DayOfWeek.MONDAY));
    for (DayOfWeek d : DayOfWeek.values()) {
      String name = WEEKDAYS_EN.get(d.ordinal());
      LocalDate coming = today.with(TemporalAdjusters.nextOrSame(d));
      out.add(new DateForm("on " + name, coming));
      out.add(new DateForm("this " + name, coming));
      out.add(new DateForm("next " + name, nextMonday.plusDays(d.ordinal())));
      out.add(new DateForm(name + " next week", nextMonday.plusDays(d.ordinal())));
    }
    for (LocalDate target : targets(today)) {
      int d = target.getDayOfMonth();
      String month = MONTHS_EN.get(target.getMonthValue() - 1);
      out.add(new DateForm("on " + month.substring(0, 3) + " " + d, target));
      out.add(new DateForm("on " + month + " " + d + ordinal(d), target));
      out.add(new DateForm("on " + d + " " + month, target));
      out.add(new DateForm("on the " + d + ordinal(d) + " of " + month, target));
      out.add(new DateForm(d + "/" + target.getMonthValue(), target));
      if (!target.isBefore(today) && target.isBefore(today.plusMonths(1).withDayOfMonth(1))) {
        out.add(new DateForm("on the " + d + ordinal(d), target));
      }
    }
    return out;
  }

  /** Days ahead, and one already past this year: written without a year, next year's. */
  private static List<LocalDate> targets(LocalDate today) {
    return List.of(
        today.plusDays(3), today.plusDays(10), today.plusDays(25), today.minusDays(5).plusYears(1));
  }

  /** The coming Saturday, or today on a Sunday. */
  private static LocalDate weekend(LocalDate today) {
    return today.getDayOfWeek() == DayOfWeek.SUNDAY
        ? today
        : today.with(TemporalAdjusters.nextOrSame(DayOfWeek.SATURDAY));
  }

  private static String ordinal(int d) {
    if (d % 10 == 1 && d != 11) {
      return "st";
    }
    if (d % 10 == 2 && d != 12) {
      return "nd";
    }
    if (d % 10 == 3 && d != 13) {
      return "rd";
    }
    return "th";
  }

  private static <T> T pick(Random random, List<T> list) {
    return list.get(random.nextInt(list.size()));
  }
}
