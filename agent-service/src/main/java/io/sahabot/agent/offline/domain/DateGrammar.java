package io.sahabot.agent.offline.domain;

import io.sahabot.agent.offline.domain.Reading.DayRef;
import java.time.DayOfWeek;
import java.time.LocalDate;
import java.time.temporal.TemporalAdjusters;
import java.util.List;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/** Days: calendar dates, weekdays ("haftaya salı", "next friday") and relative days ("yarın"). */
final class DateGrammar {

  private static final String MONTHS_TR =
      "ocak|subat|mart|nisan|mayis|haziran|temmuz|agustos|eylul|ekim|kasim|aralik";
  private static final String MONTHS_EN =
      "january|february|march|april|may|june|july|august|september|october|november|december"
          + "|jan|feb|mar|apr|jun|jul|aug|sep|sept|oct|nov|dec";
  private static final Pattern DAY_MONTH =
      Pattern.compile(
          "\\b(\\d{1,2})(?:st|nd|rd|th|'?(?:de|da|te|ta))?\\s*("
              + MONTHS_TR
              + "|"
              + MONTHS_EN
              + ")[a-z']*(?:\\s+(\\d{4}))?");
  private static final Pattern MONTH_DAY =
      Pattern.compile(
          "\\b(" + MONTHS_EN + ")[a-z]*\\.?\\s+(\\d{1,2})(?:st|nd|rd|th)?\\b(?:,?\\s+(\\d{4}))?");
  private static final Pattern NUMERIC_DATE =
      Pattern.compile(
          "\\b(\\d{4})-(\\d{2})-(\\d{2})\\b|\\b(\\d{1,2})/(\\d{1,2})(?:/(\\d{2,4}))?\\b|\\b(\\d{1,2})\\.(\\d{1,2})\\.(\\d{4})\\b");

  private static final String WEEKDAYS =
      "(pazartesi|sali|carsamba|persembe|cumartesi|cuma|pazar"
          + "|monday|tuesday|wednesday|thursday|friday|saturday|sunday)[a-z']*"
          + "|\\b(mon|tue|tues|wed|thu|thur|thurs|fri|sat|sun)\\b";
  private static final Pattern WEEKDAY =
      Pattern.compile(
          "\\b(?:(haftaya|gelecek hafta(?:nin)?|onumuzdeki hafta(?:nin)?|next week'?s?|next|bu hafta(?:nin)?|bu|this|gecen hafta(?:nin)?|gecen|last|onceki)\\s+)?(?:"
              + WEEKDAYS
              + ")");
  private static final Map<String, DayOfWeek> WEEKDAY_NAMES =
      Map.ofEntries(
          Map.entry("pazartesi", DayOfWeek.MONDAY), Map.entry("sali", DayOfWeek.TUESDAY),
          Map.entry("carsamba", DayOfWeek.WEDNESDAY), Map.entry("persembe", DayOfWeek.THURSDAY),
          Map.entry("cuma", DayOfWeek.FRIDAY), Map.entry("cumartesi", DayOfWeek.SATURDAY),
          Map.entry("pazar", DayOfWeek.SUNDAY), Map.entry("monday", DayOfWeek.MONDAY),
          Map.entry("tuesday", DayOfWeek.TUESDAY), Map.entry("wednesday", DayOfWeek.WEDNESDAY),
          Map.entry("thursday", DayOfWeek.THURSDAY), Map.entry("friday", DayOfWeek.FRIDAY),
          Map.entry("saturday", DayOfWeek.SATURDAY), Map.entry("sunday", DayOfWeek.SUNDAY),
          Map.entry("mon", DayOfWeek.MONDAY), Map.entry("tue", DayOfWeek.TUESDAY),
          Map.entry("tues", DayOfWeek.TUESDAY), Map.entry("wed", DayOfWeek.WEDNESDAY),
          Map.entry("thu", DayOfWeek.THURSDAY), Map.entry("thur", DayOfWeek.THURSDAY),
          Map.entry("thurs", DayOfWeek.THURSDAY), Map.entry("fri", DayOfWeek.FRIDAY),
          Map.entry("sat", DayOfWeek.SATURDAY), Map.entry("sun", DayOfWeek.SUNDAY));
  private static final Pattern RELATIVE_DAY =
      Pattern.compile(
          "\\b(yarindan sonra|obur ?gun\\w*|day after tomorrow|yarin\\w*|tomorrow|bugun\\w*|today|tonight|bu aksam\\w*|bu gece|dun\\b|dunku|yesterday)");

  static void readCalendarDates(Reading r) {
    Matcher m = DAY_MONTH.matcher(r.text);
    while (m.find()) {
      Integer month = month(m.group(2));
      int day = Integer.parseInt(m.group(1));
      addDate(r, m.start(), day, month, m.group(3));
      r.consume(m);
    }
    m = MONTH_DAY.matcher(r.text);
    while (m.find()) {
      addDate(r, m.start(), Integer.parseInt(m.group(2)), month(m.group(1)), m.group(3));
      r.consume(m);
    }
    m = NUMERIC_DATE.matcher(r.text);
    while (m.find()) {
      if (m.group(1) != null) {
        addDate(
            r, m.start(), Integer.parseInt(m.group(3)), Integer.parseInt(m.group(2)), m.group(1));
      } else if (m.group(4) != null) {
        addDate(
            r, m.start(), Integer.parseInt(m.group(4)), Integer.parseInt(m.group(5)), m.group(6));
      } else {
        addDate(
            r, m.start(), Integer.parseInt(m.group(7)), Integer.parseInt(m.group(8)), m.group(9));
      }
      r.consume(m);
    }
  }

  private static void addDate(Reading r, int position, int day, Integer month, String year) {
    if (month == null || month < 1 || month > 12 || day < 1 || day > 31) {
      return;
    }
    int y = year == null ? r.today.getYear() : Integer.parseInt(year);
    if (y < 100) {
      y += 2000;
    }
    try {
      LocalDate date = LocalDate.of(y, month, day);
      if (year == null && date.isBefore(r.today.minusDays(60))) {
        date = date.plusYears(1);
      }
      r.days.add(new DayRef(position, date, false));
    } catch (java.time.DateTimeException e) {
      // 31 February: not a date
    }
  }

  private static Integer month(String word) {
    List<String> tr = List.of(MONTHS_TR.split("\\|"));
    int i = tr.indexOf(word);
    if (i >= 0) {
      return i + 1;
    }
    String[] en = {
      "jan", "feb", "mar", "apr", "may", "jun", "jul", "aug", "sep", "oct", "nov", "dec"
    };
    for (int k = 0; k < en.length; k++) {
      if (word.startsWith(en[k])) {
        return k + 1;
      }
    }
    return null;
  }

  static void readWeekdays(Reading r) {
    Matcher m = WEEKDAY.matcher(r.text);
    while (m.find()) {
      String modifier = m.group(1);
      String name = m.group(2) != null ? m.group(2) : m.group(3);
      DayOfWeek dow = WEEKDAY_NAMES.get(name);
      LocalDate monday = r.today.with(TemporalAdjusters.previousOrSame(DayOfWeek.MONDAY));
      LocalDate date;
      boolean flexible = false;
      if (modifier == null) {
        date = r.today.with(TemporalAdjusters.nextOrSame(dow));
        flexible = true;
      } else if (modifier.startsWith("haftaya")
          || modifier.startsWith("gelecek")
          || modifier.startsWith("onumuzdeki")
          || modifier.startsWith("next week")) {
        date = monday.plusWeeks(1).plusDays(dow.getValue() - 1L);
      } else if (modifier.equals("next")) {
        date = r.today.with(TemporalAdjusters.next(dow));
      } else if (modifier.startsWith("gecen")
          || modifier.equals("last")
          || modifier.equals("onceki")) {
        date = monday.minusWeeks(1).plusDays(dow.getValue() - 1L);
      } else {
        date = monday.plusDays(dow.getValue() - 1L);
      }
      r.days.add(new DayRef(m.start(), date, flexible));
      r.consume(m);
    }
  }

  static void readRelativeDays(Reading r) {
    Matcher m = RELATIVE_DAY.matcher(r.text);
    while (m.find()) {
      String word = m.group(1);
      int offset;
      if (word.startsWith("yarindan") || word.startsWith("obur") || word.startsWith("day after")) {
        offset = 2;
      } else if (word.startsWith("yarin") || word.equals("tomorrow")) {
        offset = 1;
      } else if (word.startsWith("dun") || word.equals("yesterday")) {
        offset = -1;
      } else {
        offset = 0;
      }
      r.days.add(new DayRef(m.start(), r.today.plusDays(offset), false));
      r.consume(m);
    }
  }

  private DateGrammar() {}
}
