package io.sahabot.agent.offline.domain;

import java.time.Month;
import java.time.YearMonth;
import java.time.ZonedDateTime;
import java.util.Optional;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * An owner's request for the monthly report: "aylık rapor", "bu ayın raporu", "geçen ayın raporu",
 * "Kasım raporu", "Kasım 2026 raporu", "monthly report", "report for November", "last month's
 * report". The month is this one unless the message names another; a month named without a year
 * that has not begun yet is last year's.
 */
public final class MonthlyReportGrammar {

  private static final String[] TR = {
    "ocak", "subat", "mart", "nisan", "mayis", "haziran", "temmuz", "agustos", "eylul", "ekim",
    "kasim", "aralik"
  };
  private static final String[] EN = {
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
    "december"
  };

  private static final Pattern REPORT =
      Pattern.compile(
          "aylik rapor|ay(?:in|lik)? raporu|ayin ozeti|aylik ozet|monthly report|month(?:'s|s)?"
              + " report|report (?:for|of) (?:the month|this month|last month|"
              + String.join("|", EN)
              + ")|("
              + String.join("|", TR)
              + ")(?: \\d{4})? (?:ayi )?rapor");

  private static final Pattern MONTH_NAME =
      Pattern.compile(
          "\\b(" + String.join("|", TR) + "|" + String.join("|", EN) + ")\\b(?: (\\d{4}))?");

  private MonthlyReportGrammar() {}

  /** The month a report request asks for; empty when the message is not one. */
  public static Optional<YearMonth> read(String text, ZonedDateTime now) {
    if (text == null) {
      return Optional.empty();
    }
    String t = DataRightsGrammar.fold(text);
    if (!REPORT.matcher(t).find()) {
      return Optional.empty();
    }
    YearMonth current = YearMonth.from(now);
    if (t.matches(".*\\b(gecen ay|last month|onceki ay|previous month).*")) {
      return Optional.of(current.minusMonths(1));
    }
    Matcher m = MONTH_NAME.matcher(t);
    if (m.find()) {
      Month month = month(m.group(1));
      if (m.group(2) != null) {
        return Optional.of(YearMonth.of(Integer.parseInt(m.group(2)), month));
      }
      YearMonth named = YearMonth.of(current.getYear(), month);
      return Optional.of(named.isAfter(current) ? named.minusYears(1) : named);
    }
    return Optional.of(current);
  }

  private static Month month(String name) {
    for (int i = 0; i < 12; i++) {
      if (TR[i].equals(name) || EN[i].equals(name)) {
        return Month.of(i + 1);
      }
    }
    throw new IllegalArgumentException(name);
  }
}
