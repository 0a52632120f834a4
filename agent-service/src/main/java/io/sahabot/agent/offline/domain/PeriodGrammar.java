package io.sahabot.agent.offline.domain;

import java.time.DayOfWeek;
import java.time.LocalDate;
import java.time.temporal.TemporalAdjusters;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/** Report and table periods: this, last or next week or month, and "two weeks ago". */
final class PeriodGrammar {

  private static final Pattern WEEK_PERIOD =
      Pattern.compile(
          "\\b(bu hafta\\w*|this week'?s?|gecen hafta\\w*|last week'?s?|onceki hafta\\w*|haftaya\\w*|gelecek hafta\\w*|onumuzdeki hafta\\w*|next week'?s?)");
  private static final Pattern WEEKS_AGO =
      Pattern.compile(
          "\\b(\\d+|bir|iki|uc|dort|one|two|three|four)\\s*(?:hafta\\s*(once|onceki|evvel|sonra|sonraki)\\w*|weeks?\\s+(ago|later|from now))");
  private static final Pattern IN_WEEKS =
      Pattern.compile("\\bin\\s+(\\d+|one|two|three|four)\\s+weeks?\\b");
  private static final Pattern MONTH_PERIOD =
      Pattern.compile(
          "\\b(bu ay\\w*|this month'?s?|gecen ay\\w*|last month'?s?|onceki ay\\w*|gelecek ay\\w*|next month'?s?)");

  static void readPeriods(Reading r) {
    LocalDate monday = r.today.with(TemporalAdjusters.previousOrSame(DayOfWeek.MONDAY));
    Matcher m = WEEKS_AGO.matcher(r.text);
    if (m.find()) {
      int n = count(m.group(1));
      String direction = m.group(2) != null ? m.group(2) : m.group(3);
      boolean past =
          direction.startsWith("once") || direction.startsWith("evvel") || direction.equals("ago");
      week(r, monday.plusWeeks(past ? -n : n));
      r.consume(m);
      return;
    }
    m = IN_WEEKS.matcher(r.text);
    if (m.find()) {
      week(r, monday.plusWeeks(count(m.group(1))));
      r.consume(m);
      return;
    }
    m = WEEK_PERIOD.matcher(r.text);
    if (m.find()) {
      String w = m.group(1);
      int shift =
          w.startsWith("gecen") || w.startsWith("last") || w.startsWith("onceki")
              ? -1
              : w.startsWith("bu") || w.startsWith("this") ? 0 : 1;
      week(r, monday.plusWeeks(shift));
      r.consume(m);
      return;
    }
    m = MONTH_PERIOD.matcher(r.text);
    if (m.find()) {
      String w = m.group(1);
      LocalDate first = r.today.withDayOfMonth(1);
      if (w.startsWith("gecen") || w.startsWith("last") || w.startsWith("onceki")) {
        first = first.minusMonths(1);
      } else if (w.startsWith("gelecek") || w.startsWith("next")) {
        first = first.plusMonths(1);
      }
      r.periodFrom = first;
      r.periodTo = first.with(TemporalAdjusters.lastDayOfMonth());
      r.consume(m);
    }
  }

  private static void week(Reading r, LocalDate monday) {
    r.periodFrom = monday;
    r.periodTo = monday.plusDays(6);
  }

  private static int count(String word) {
    return switch (word) {
      case "bir", "one" -> 1;
      case "iki", "two" -> 2;
      case "uc", "three" -> 3;
      case "dort", "four" -> 4;
      default -> Integer.parseInt(word);
    };
  }

  private PeriodGrammar() {}
}
