package io.sahabot.agent.tools;

import java.math.BigDecimal;
import java.math.RoundingMode;
import java.text.NumberFormat;
import java.time.DayOfWeek;
import java.time.LocalDate;
import java.time.YearMonth;
import java.time.format.DateTimeFormatter;
import java.time.format.TextStyle;
import java.util.Locale;

/**
 * The pieces of a report sentence in the reader's language: "1 Eylül – 30 Kasım", "Salı", "21:00–
 * 22:00", "8.400 TRY", "1,5 saat", "%31"; never an enum name or an ISO date.
 */
public final class ReportTexts {

  private ReportTexts() {}

  /** "1 Eylül – 30 Kasım" / "1 September – 30 November", with the years when they differ. */
  public static String period(String language, LocalDate from, LocalDate to) {
    Locale locale = Texts.locale(language);
    boolean sameYear = from.getYear() == to.getYear();
    DateTimeFormatter withYear = DateTimeFormatter.ofPattern("d MMMM yyyy", locale);
    DateTimeFormatter noYear = DateTimeFormatter.ofPattern("d MMMM", locale);
    if (from.equals(to)) {
      return from.format(withYear);
    }
    return (sameYear ? from.format(noYear) : from.format(withYear)) + " – " + to.format(withYear);
  }

  /** The two ends of {@link #period}: "1 Eylül", "30 Kasım 2026". */
  public static String[] ends(String language, LocalDate from, LocalDate to) {
    Locale locale = Texts.locale(language);
    DateTimeFormatter withYear = DateTimeFormatter.ofPattern("d MMMM yyyy", locale);
    DateTimeFormatter noYear = DateTimeFormatter.ofPattern("d MMMM", locale);
    return new String[] {
      from.getYear() == to.getYear() ? from.format(noYear) : from.format(withYear),
      to.format(withYear)
    };
  }

  /** "Kasım 2026" / "November 2026". */
  public static String month(String language, YearMonth month) {
    Locale locale = Texts.locale(language);
    return month.getMonth().getDisplayName(TextStyle.FULL_STANDALONE, locale)
        + " "
        + month.getYear();
  }

  /** "Salı" / "Tuesday" from {@code TUESDAY}. */
  public static String weekday(String language, String weekday) {
    return DayOfWeek.valueOf(weekday).getDisplayName(TextStyle.FULL, Texts.locale(language));
  }

  /** "21:00–22:00". */
  public static String hour(int hour) {
    return String.format(Locale.ROOT, "%02d:00–%02d:00", hour, (hour + 1) % 24);
  }

  /** "12 rezervasyon" / "12 bookings", "1 booking". */
  public static String bookings(String language, long n) {
    return Texts.text(language, n == 1 ? "count_bookings_one" : "count_bookings_many", n);
  }

  /** "1,5 saat" / "1.5 hours", "1 hour". */
  public static String hours(String language, String decimal) {
    BigDecimal h = decimal(decimal);
    return Texts.text(
        language,
        h.compareTo(BigDecimal.ONE) == 0 ? "count_hours_one" : "count_hours_many",
        number(language, h));
  }

  /** "8.400 TRY" / "8,400 TRY"; decimals only when there are any. */
  public static String money(String language, String decimal, String currency) {
    return number(language, decimal(decimal)) + (currency == null ? "" : " " + currency);
  }

  /** "%31" / "31%" from the rate {@code 0.3100}. */
  public static String percent(String language, String rate) {
    String n =
        decimal(rate)
            .multiply(BigDecimal.valueOf(100))
            .setScale(0, RoundingMode.HALF_UP)
            .toString();
    return Texts.text(language, "percent", n);
  }

  static String number(String language, BigDecimal value) {
    NumberFormat format = NumberFormat.getNumberInstance(Texts.locale(language));
    format.setMinimumFractionDigits(0);
    format.setMaximumFractionDigits(2);
    return format.format(value);
  }

  private static BigDecimal decimal(String s) {
    try {
      return s == null ? BigDecimal.ZERO : new BigDecimal(s);
    } catch (NumberFormatException e) {
      return BigDecimal.ZERO;
    }
  }
}
