package io.sahabot.agent.offline.domain;

import io.sahabot.agent.offline.domain.Reading.DayRef;
import io.sahabot.agent.offline.domain.Tokens.Token;
import java.time.DateTimeException;
import java.time.DayOfWeek;
import java.time.LocalDate;
import java.time.temporal.TemporalAdjusters;
import java.util.List;

/**
 * Days, read from tokens ({@link Tokens}) by small rules: calendar dates, weekdays with their
 * modifiers, and relative days. The rules, on the message's own day:
 *
 * <ul>
 *   <li>"29.11", "29/11", "29.11.2026", "2026-11-29", "28 Kasım", "28 December", "Dec 28", "the
 *       28th", "ayın 28'i": that day; without a year, a day already past this year is next year's.
 *       "20.10" alone could be 20:10: it is a date when the message names a time elsewhere, a time
 *       when a Turkish ending follows ("20.10'da"), and asked about otherwise.
 *   <li>A plain weekday ("cuma", "friday") is the coming one, today included ("cuma" on a Friday is
 *       today, or next Friday once the time asked has passed). "bu cuma" / "this friday": the
 *       coming one, today included.
 *   <li>"gelecek cuma", "önümüzdeki cuma", "haftaya cuma", "gelecek haftanın cuması", "next
 *       friday", "friday next week": the Friday of next week (weeks run Monday to Sunday), as
 *       Turkish speakers use them: on a Monday, "gelecek cuma" is eleven days ahead.
 *   <li>"geçen cuma" / "last friday": the Friday of last week.
 *   <li>"bugün", "bu akşam", "bu gece", "today", "tonight": today; "yarın", "tomorrow": tomorrow;
 *       "öbür gün", "yarından sonra", "the day after tomorrow": the day after; "haftaya bugün": a
 *       week today; "hafta sonu", "this weekend": the coming Saturday (today on a Sunday).
 * </ul>
 *
 * A date the rules see but cannot read (31 February, a month 13, a weekday too mistyped to repair)
 * marks the date unclear, so that the message is asked about rather than guessed.
 */
final class DateGrammar {

  private static final List<String> MONTHS_TR =
      List.of(
          "ocak", "subat", "mart", "nisan", "mayis", "haziran", "temmuz", "agustos", "eylul",
          "ekim", "kasim", "aralik");
  private static final List<String> MONTHS_EN =
      List.of(
          "january",
          "february",
          "march",
          "april",
          "may",
          "june",
          "july",
          "august",
          "september",
          "october",
          "november",
          "december");
  private static final List<String> MONTHS_SHORT =
      List.of("jan", "feb", "mar", "apr", "may", "jun", "jul", "aug", "sep", "oct", "nov", "dec");

  /** Longest first, so that "cumartesi" is not read as "cuma". */
  private static final List<String> WEEKDAYS_TR =
      List.of("pazartesi", "cumartesi", "carsamba", "persembe", "pazar", "sali", "cuma");

  private static final List<DayOfWeek> WEEKDAYS_TR_DAYS =
      List.of(
          DayOfWeek.MONDAY,
          DayOfWeek.SATURDAY,
          DayOfWeek.WEDNESDAY,
          DayOfWeek.THURSDAY,
          DayOfWeek.SUNDAY,
          DayOfWeek.TUESDAY,
          DayOfWeek.FRIDAY);
  private static final List<String> WEEKDAYS_EN =
      List.of("monday", "tuesday", "wednesday", "thursday", "friday", "saturday", "sunday");
  private static final List<List<String>> WEEKDAYS_EN_SHORT =
      List.of(
          List.of("mon"),
          List.of("tue", "tues"),
          List.of("wed"),
          List.of("thu", "thur", "thurs"),
          List.of("fri"),
          List.of("sat"),
          List.of("sun"));

  /** Which week a weekday is in. */
  private enum Week {
    COMING,
    THIS,
    NEXT,
    LAST,
    UNCLEAR
  }

  // ---- calendar dates ------------------------------------------------------------------------

  static void readCalendarDates(Reading r) {
    List<Token> t = Tokens.of(r.text);
    for (int i = 0; i < t.size(); i++) {
      int end = calendarDate(r, t, i);
      if (end > i) {
        Tokens.consume(r, t, i, end);
        i = end - 1;
      }
    }
    readStandaloneMonths(r);
  }

  /** A calendar date starting at token {@code i}: the index after it, or {@code i} if none. */
  private static int calendarDate(Reading r, List<Token> t, int i) {
    Token a = Tokens.at(t, i);
    if (a.number()) {
      int end = isoDate(r, t, i);
      if (end == i) {
        end = numericDate(r, t, i);
      }
      if (end == i) {
        end = dayMonthName(r, t, i);
      }
      if (end == i) {
        end = ordinalDay(r, t, i, i);
      }
      return end;
    }
    if (a.is("the", "ayin") && Tokens.at(t, i + 1).number()) {
      int end = dayMonthName(r, t, i + 1);
      return end > i + 1 ? end : ordinalDay(r, t, i + 1, i);
    }
    Integer month = month(a, false);
    if (month != null && Tokens.at(t, i + 1).number() && Tokens.at(t, i + 1).text().length() <= 2) {
      int j = i + 1;
      if (a.text().length() <= 4 && Tokens.at(t, i + 1).is(".")) {
        j++;
      }
      int day = Tokens.at(t, j).value();
      j++;
      if (Tokens.at(t, j).is("st", "nd", "rd", "th")) {
        j++;
      }
      if (Tokens.at(t, j).is(",")) {
        j++;
      }
      String year = null;
      if (Tokens.at(t, j).number() && Tokens.at(t, j).text().length() == 4) {
        year = Tokens.at(t, j).text();
        j++;
      }
      addDate(r, a.start(), day, month, year);
      return j;
    }
    return i;
  }

  private static int isoDate(Reading r, List<Token> t, int i) {
    if (t.get(i).text().length() == 4
        && Tokens.at(t, i + 1).is("-")
        && Tokens.at(t, i + 2).number()
        && Tokens.at(t, i + 3).is("-")
        && Tokens.at(t, i + 4).number()
        && Tokens.at(t, i + 4).attached()) {
      addDate(
          r,
          t.get(i).start(),
          Tokens.at(t, i + 4).value(),
          Tokens.at(t, i + 2).value(),
          t.get(i).text());
      return i + 5;
    }
    return i;
  }

  /** "29.11", "29/11", "29.11.2026", "29/11/26". */
  private static int numericDate(Reading r, List<Token> t, int i) {
    Token d = t.get(i);
    Token sep = Tokens.at(t, i + 1);
    Token m = Tokens.at(t, i + 2);
    if (d.text().length() > 2
        || !sep.is(".", "/")
        || !sep.attached()
        || !m.number()
        || !m.attached()
        || m.text().length() > 2
        || (i > 0 && Tokens.at(t, i - 1).attached() && Tokens.at(t, i - 1).is(".", "/", ":"))) {
      return i;
    }
    int end = i + 3;
    String year = null;
    Token sep2 = Tokens.at(t, i + 3);
    Token y = Tokens.at(t, i + 4);
    if (sep2.is(sep.text())
        && sep2.attached()
        && y.number()
        && y.attached()
        && (y.text().length() == 2 || y.text().length() == 4)) {
      year = y.text();
      end = i + 5;
    }
    if (sep.is(".") && year == null) {
      Token next = Tokens.at(t, end);
      if (next.startsWith("saatlik", "hour", "hrs", "dakika", "min")
          || next.is("h", "hr", "saatligine")
          || (next.is("saat") && !Tokens.at(t, end + 1).number())) {
        return i; // "1.5 saat": an amount
      }
      boolean couldBeTime = d.value() <= 24 && m.text().length() == 2;
      if (couldBeTime && (m.value() == 0 || m.value() > 12)) {
        return i; // "21.00", "20.30": a time
      }
      if (couldBeTime) {
        if (Tokens.suffix(t, end) > end || next.is("am", "pm")) {
          return i; // "20.10'da": a time
        }
        if (!timeElsewhere(t, i, end)) {
          r.unclear.add("date");
          r.unclear.add("time");
          return end;
        }
      }
    }
    addDate(r, d.start(), d.value(), m.value(), year);
    return end;
  }

  /** Whether the message names an hour outside tokens {@code from}..{@code to}. */
  private static boolean timeElsewhere(List<Token> t, int from, int to) {
    for (int k = 0; k < t.size(); k++) {
      if (k >= from && k < to) {
        continue;
      }
      Token x = t.get(k);
      if (x.is("saat", "at") || (x.number() && x.text().length() <= 2 && x.value() <= 24)) {
        return true;
      }
    }
    return false;
  }

  /** "28 Kasım", "28'inde Kasım", "28th December", "28th of December", "28 Aralık 2026". */
  private static int dayMonthName(Reading r, List<Token> t, int i) {
    Token d = t.get(i);
    Token before = Tokens.at(t, i - 1);
    if (d.text().length() > 2 || (before.is("-", ":", ".") && d.attached())) {
      return i; // "20-22 aralığında": a range of hours, not 22 December
    }
    int j = i + 1;
    if (Tokens.at(t, j).is("st", "nd", "rd", "th") && Tokens.at(t, j).attached()) {
      j++;
    } else if (Tokens.at(t, j).is(".") && Tokens.at(t, j).attached()) {
      j++;
    } else {
      j = Tokens.suffix(t, j);
    }
    if (Tokens.at(t, j).is("of")) {
      j++;
    }
    Integer month = month(Tokens.at(t, j), true);
    if (month == null) {
      return i;
    }
    j++;
    j = Tokens.suffix(t, j);
    String year = null;
    if (Tokens.at(t, j).number() && Tokens.at(t, j).text().length() == 4) {
      year = Tokens.at(t, j).text();
      j++;
    }
    addDate(r, d.start(), d.value(), month, year);
    return j;
  }

  /** "the 28th", "28th", "ayın 28'i": that day of this month, or of next month once passed. */
  private static int ordinalDay(Reading r, List<Token> t, int i, int from) {
    Token d = Tokens.at(t, i);
    Token s = Tokens.at(t, i + 1);
    boolean english = s.is("st", "nd", "rd", "th") && s.attached();
    boolean turkish = Tokens.at(t, from).is("ayin");
    if (d.text().length() > 2 || !(english || turkish)) {
      return from;
    }
    int end = english ? i + 2 : Tokens.suffix(t, i + 1);
    int day = d.value();
    LocalDate first = r.today.withDayOfMonth(1);
    if (day < r.today.getDayOfMonth()) {
      first = first.plusMonths(1);
    }
    if (day < 1 || day > first.lengthOfMonth()) {
      r.unclear.add("date");
    } else {
      r.days.add(new DayRef(t.get(from).start(), first.withDayOfMonth(day), false));
    }
    return end;
  }

  /** A month named with no day ("Aralık'ta"): a date the message means but does not give. */
  private static void readStandaloneMonths(Reading r) {
    List<Token> t = Tokens.of(r.text);
    for (int i = 0; i < t.size(); i++) {
      Token x = t.get(i);
      if (x.word()
          && x.text().length() >= 4
          && !x.is("may", "march")
          && !x.startsWith("aralik")
          && month(x, true) != null) {
        r.unclear.add("date");
      }
    }
  }

  private static void addDate(Reading r, int position, int day, Integer month, String year) {
    if (month == null || month < 1 || month > 12 || day < 1 || day > 31) {
      r.unclear.add("date");
      return;
    }
    int y = year == null ? r.today.getYear() : Integer.parseInt(year);
    if (y < 100) {
      y += 2000;
    }
    try {
      LocalDate date = LocalDate.of(y, month, day);
      if (year == null && date.isBefore(r.today)) {
        date = date.plusYears(1);
      }
      r.days.add(new DayRef(position, date, false));
    } catch (DateTimeException e) {
      r.unclear.add("date"); // 31 February
    }
  }

  /** The month a word names; Turkish and full English names may carry an ending. */
  static Integer month(Token w, boolean shortForms) {
    if (!w.word()) {
      return null;
    }
    String s = w.text();
    for (int k = 0; k < 12; k++) {
      if (s.startsWith(MONTHS_TR.get(k))
          || s.equals(MONTHS_EN.get(k))
          || (MONTHS_EN.get(k).length() >= 5 && s.startsWith(MONTHS_EN.get(k)))
          || (shortForms && s.equals(MONTHS_SHORT.get(k)))
          || (shortForms && k == 8 && s.equals("sept"))) {
        return k + 1;
      }
    }
    if (!shortForms) {
      for (int k = 0; k < 12; k++) {
        if (s.equals(MONTHS_SHORT.get(k)) || (k == 8 && s.equals("sept"))) {
          return k + 1;
        }
      }
    }
    return null;
  }

  // ---- weekdays ------------------------------------------------------------------------------

  static void readWeekdays(Reading r) {
    List<Token> t = Tokens.of(r.text);
    for (int i = 0; i < t.size(); i++) {
      DayOfWeek dow = weekday(t.get(i));
      if (dow == null) {
        continue;
      }
      int from = i;
      int to = i + 1;
      Week week = Week.COMING;
      Token p1 = Tokens.at(t, i - 1);
      Token p2 = Tokens.at(t, i - 2);
      if (p1.startsWith("hafta") && !p1.startsWith("haftaya") || p1.is("week")) {
        week = modifier(p2); // "gelecek haftanın cuması", "bu hafta cuma", "next week friday"
        from = i - 2;
        if (week == Week.COMING) {
          week = Week.UNCLEAR; // "hafta cuma": which week?
          from = i - 1;
        }
      } else if (p1.is("s") && p2.is("'") && Tokens.at(t, i - 3).is("week")) {
        week = modifier(Tokens.at(t, i - 4)); // "next week's friday"
        from = week == Week.COMING ? i : i - 4;
      } else if (modifier(p1) != Week.COMING) {
        week = modifier(p1);
        from = i - 1;
      } else if (p1.is("obur", "ertesi", "diger", "other")) {
        week = Week.UNCLEAR; // "öbür cuma": the one after next?
        from = i - 1;
      }
      Token n1 = Tokens.at(t, i + 1);
      Token n2 = Tokens.at(t, i + 2);
      if (week == Week.COMING && n2.is("week") && modifier(n1) != Week.COMING) {
        week = modifier(n1); // friday next week
        to = i + 3;
      } else if (week == Week.COMING && n1.is("haftaya")) {
        week = Week.NEXT;
        to = i + 2;
      }
      LocalDate monday = r.today.with(TemporalAdjusters.previousOrSame(DayOfWeek.MONDAY));
      switch (week) {
        case COMING ->
            r.days.add(
                new DayRef(
                    t.get(from).start(), r.today.with(TemporalAdjusters.nextOrSame(dow)), true));
        case THIS ->
            r.days.add(
                new DayRef(
                    t.get(from).start(), r.today.with(TemporalAdjusters.nextOrSame(dow)), false));
        case NEXT ->
            r.days.add(
                new DayRef(
                    t.get(from).start(), monday.plusWeeks(1).plusDays(dow.getValue() - 1L), false));
        case LAST ->
            r.days.add(
                new DayRef(
                    t.get(from).start(),
                    monday.minusWeeks(1).plusDays(dow.getValue() - 1L),
                    false));
        case UNCLEAR -> r.unclear.add("date");
      }
      Tokens.consume(r, t, Math.max(0, from), to);
      i = to - 1;
    }
  }

  private static Week modifier(Token w) {
    if (w.is("bu", "this")) {
      return Week.THIS;
    }
    if (w.is("gelecek", "onumuzdeki", "next", "sonraki") || w.startsWith("haftaya")) {
      return Week.NEXT;
    }
    if (w.is("gecen", "last", "onceki", "gectigimiz")) {
      return Week.LAST;
    }
    return Week.COMING;
  }

  static DayOfWeek weekday(Token w) {
    if (!w.word()) {
      return null;
    }
    String s = w.text();
    for (int k = 0; k < WEEKDAYS_TR.size(); k++) {
      if (s.startsWith(WEEKDAYS_TR.get(k))) {
        return WEEKDAYS_TR_DAYS.get(k);
      }
    }
    for (int k = 0; k < 7; k++) {
      if (s.startsWith(WEEKDAYS_EN.get(k)) || WEEKDAYS_EN_SHORT.get(k).contains(s)) {
        return DayOfWeek.of(k + 1);
      }
    }
    return null;
  }

  // ---- relative days -------------------------------------------------------------------------

  static void readRelativeDays(Reading r) {
    List<Token> t = Tokens.of(r.text);
    for (int i = 0; i < t.size(); i++) {
      Token w = t.get(i);
      Token n1 = Tokens.at(t, i + 1);
      Token n2 = Tokens.at(t, i + 2);
      int to = i + 1;
      int from = i;
      LocalDate date = null;
      if (w.startsWith("yarindan") && n1.is("sonra")) {
        date = r.today.plusDays(2);
        to = i + 2;
      } else if (w.startsWith("yarindan")) {
        r.unclear.add("date"); // "yarından …": after tomorrow, or from tomorrow on
      } else if (w.startsWith("tomorrow")
          && Tokens.at(t, i - 2).is("day")
          && !Tokens.at(t, i - 1).is("after")) {
        r.unclear.add("date"); // "the day … tomorrow", the word between unread
      } else if (w.is("obur") && n1.startsWith("gun")) {
        date = r.today.plusDays(2);
        to = i + 2;
      } else if (w.startsWith("oburgun")) {
        date = r.today.plusDays(2);
      } else if (w.is("day") && n1.is("after") && n2.is("tomorrow")) {
        date = r.today.plusDays(2);
        to = i + 3;
        if (Tokens.at(t, i - 1).is("the")) {
          from = i - 1;
        }
      } else if (w.is("yarim") && !n1.startsWith("saat")) {
        r.unclear.add("date"); // "yarım" alone: "yarın" mistyped, or half of something
      } else if (w.startsWith("yarin") || w.startsWith("tomorrow")) {
        date = r.today.plusDays(1);
      } else if (w.is("haftaya") && n1.startsWith("bugun")) {
        date = r.today.plusWeeks(1);
        to = i + 2;
      } else if (w.startsWith("bugun", "today", "tonight")) {
        date = r.today;
      } else if (w.is("bu") && n1.startsWith("aksam", "gece")) {
        date = r.today; // "akşam" stays for the times, which read the folded text
      } else if (w.is("dun", "dunku", "yesterday")) {
        date = r.today.minusDays(1);
      } else if ((w.is("hafta") && n1.startsWith("sonu")) || w.startsWith("haftasonu")) {
        to = w.is("hafta") ? i + 2 : i + 1;
        date = weekend(r, Tokens.at(t, i - 1));
        if (modifier(Tokens.at(t, i - 1)) != Week.COMING) {
          from = i - 1;
        }
      } else if (w.startsWith("weekend")) {
        date = weekend(r, Tokens.at(t, i - 1));
        if (modifier(Tokens.at(t, i - 1)) != Week.COMING) {
          from = i - 1;
        }
      }
      if (date != null) {
        r.days.add(new DayRef(t.get(from).start(), date, false));
        Tokens.consume(r, t, from, to);
        i = to - 1;
      }
    }
    readUnrepairedDays(r);
  }

  /** "hafta sonu": the coming Saturday (today on a Sunday); "haftaya hafta sonu": next week's. */
  private static LocalDate weekend(Reading r, Token before) {
    LocalDate coming =
        r.today.getDayOfWeek() == DayOfWeek.SUNDAY
            ? r.today
            : r.today.with(TemporalAdjusters.nextOrSame(DayOfWeek.SATURDAY));
    if (modifier(before) == Week.NEXT) {
      LocalDate monday = r.today.with(TemporalAdjusters.previousOrSame(DayOfWeek.MONDAY));
      return monday.plusWeeks(1).plusDays(5);
    }
    return coming;
  }

  /**
   * Words left unread that are too far from a weekday or month for {@link Folding} to repair
   * ("cmrtsi", "pzartsi"): the message names a day the grammar cannot read. ("aralık" is left out:
   * it is also the everyday word for an interval.)
   */
  private static void readUnrepairedDays(Reading r) {
    if (!r.days.isEmpty()) {
      return; // a day was read; a near word beside it is some other word ("money for monday")
    }
    for (Token w : Tokens.of(r.text)) {
      if (!w.word() || w.text().length() < 5) {
        continue;
      }
      for (String stem : UNREPAIRED_STEMS) {
        if (near(w.text(), stem)) {
          r.unclear.add("date");
          return;
        }
      }
    }
  }

  private static final List<String> UNREPAIRED_STEMS =
      List.of(
          "pazartesi",
          "cumartesi",
          "carsamba",
          "persembe",
          "monday",
          "tuesday",
          "wednesday",
          "thursday",
          "friday",
          "saturday",
          "sunday",
          "tomorrow",
          "haziran",
          "temmuz",
          "agustos",
          "january",
          "february",
          "september",
          "october",
          "november",
          "december");

  /** Same first letter and at most a third of the stem's letters away ("cmrtsi", "wednsdy"). */
  private static boolean near(String word, String stem) {
    if (word.charAt(0) != stem.charAt(0)) {
      return false;
    }
    int allowed = stem.length() / 3;
    for (int k = stem.length() - allowed; k <= Math.min(word.length(), stem.length() + 2); k++) {
      if (k > 0 && k <= word.length() && Folding.distance(word.substring(0, k), stem) <= allowed) {
        return true;
      }
    }
    return false;
  }

  private DateGrammar() {}
}
