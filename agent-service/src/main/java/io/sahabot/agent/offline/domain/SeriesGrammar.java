package io.sahabot.agent.offline.domain;

import java.text.Normalizer;
import java.time.LocalDate;
import java.time.Month;
import java.time.temporal.ChronoUnit;
import java.util.List;
import java.util.Optional;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Recurring bookings and waitlists in a message, read before the rest of the grammar:
 *
 * <ul>
 *   <li>a weekly series: "her salı 21:00, 8 hafta", "her hafta cuma 20-22 mart'a kadar", "every
 *       Tuesday at 9pm until March", "weekly on friday 8pm for 6 weeks": the recurrence and its
 *       length (a number of weeks, or the month it runs until, that month excluded) are taken out,
 *       and what remains ("salı 21:00") is read by {@link Understanding} for the first occurrence;
 *   <li>cancelling the rest of a series: "salı serisini iptal et", "kalan haftaları iptal et",
 *       "cancel the rest of my weekly booking";
 *   <li>joining a waitlist: "yarın 21:00 için sıraya yaz", "bekleme listesine ekle", "put me on the
 *       waitlist for Friday 8pm".
 * </ul>
 */
public final class SeriesGrammar {

  private SeriesGrammar() {}

  /**
   * A weekly series asked for.
   *
   * @param rest the message without the recurrence and its length: the first occurrence
   * @param weeks the number of weeks said, or null
   * @param until the month the series runs until (excluded), or null
   */
  public record Series(String rest, Integer weeks, Month until) {

    /**
     * The first occurrence as a booking request, for {@link Understanding} ("salı 21:00 ayır"): a
     * booking keeps the customer's name and phone an owner gave, and ends after a slot.
     */
    public String firstBooking() {
      return rest + " ayır";
    }

    /** The occurrences from {@code first} on: the weeks said, or those before {@code until}. */
    public Optional<Integer> occurrences(LocalDate first, int max) {
      if (weeks != null) {
        return weeks >= 1 ? Optional.of(Math.min(weeks, max)) : Optional.empty();
      }
      if (until == null) {
        return Optional.empty();
      }
      LocalDate boundary = first.withDayOfMonth(1).withMonth(until.getValue());
      if (!boundary.isAfter(first)) {
        boundary = boundary.plusYears(1);
      }
      long days = ChronoUnit.DAYS.between(first, boundary);
      int n = (int) ((days + 6) / 7);
      return Optional.of(Math.max(1, Math.min(n, max)));
    }
  }

  private static final String TR_DAYS = "pazartesi|sali|carsamba|persembe|cumartesi|cuma|pazar";
  private static final String EN_DAYS = "monday|tuesday|wednesday|thursday|friday|saturday|sunday";
  private static final List<String> TR_MONTHS =
      List.of(
          "ocak", "subat", "mart", "nisan", "mayis", "haziran", "temmuz", "agustos", "eylul",
          "ekim", "kasim", "aralik");
  private static final List<String> EN_MONTHS =
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

  /** "her salı" keeps "salı", "every tuesday" keeps "tuesday"; "her hafta", "weekly" go. */
  private static final Pattern RECUR =
      Pattern.compile(
          "\\bher\\s+(?:hafta\\s+)?("
              + TR_DAYS
              + ")(?:\\s+gunu)?\\b|\\bevery\\s+(?:week\\s+on\\s+)?("
              + EN_DAYS
              + ")\\b|\\bher\\s+hafta\\b|\\bhaftalik\\b|\\bevery\\s+week\\b|\\bweekly(?:\\s+on)?\\b");

  private static final Pattern COUNT =
      Pattern.compile(
          "(?:\\bfor\\s+)?\\b(\\d{1,2})\\s*(?:haftalik|hafta|weeks?)\\b(?:\\s+boyunca)?(?!\\s*(?:sonra|once|later|ago))");
  private static final Pattern UNTIL =
      Pattern.compile(
          "\\b(?:until|till|through|up to)\\s+(?:the\\s+end\\s+of\\s+)?("
              + String.join("|", EN_MONTHS)
              + ")\\b|\\b("
              + String.join("|", TR_MONTHS)
              + ")(?:'?\\s?y?[ae])?\\s+kadar\\b");
  private static final Pattern CANCEL =
      Pattern.compile("iptal|\\bcancel|vazgec|istemiyorum|\\bstop\\b");
  private static final Pattern SERIES_WORDS =
      Pattern.compile(
          "\\bseri|her hafta|kalan hafta|geri kalan|kalanlar|butun "
              + TR_DAYS.replace("|", "lari|")
              + "lari|\\bseries\\b|\\brest of\\b|\\bremaining\\b|every week|weekly|all (?:my |the )?(?:"
              + EN_DAYS.replace("|", "s|")
              + "s)");
  private static final Pattern WAITLIST =
      Pattern.compile(
          "bekleme liste|\\bsiraya\\b|\\bsirada bekle|\\bsiraya (?:gir|yaz|al|ekle)|waitlist|waiting list|wait list|wait-list"
              + "|bosalirsa haber|bosalinca haber|if it frees|when it frees|if it becomes free");

  /** The series a message asks for, if it asks for one. */
  public static Optional<Series> read(String text) {
    // matched on the plain folding (same length as the text), cut out of the text as written, so
    // that what remains keeps its capitals (a customer's name) for the rest of the grammar
    String original = text;
    Matcher recur = RECUR.matcher(plain(original));
    if (!recur.find()) {
      return Optional.empty();
    }
    int dayGroup = recur.group(1) != null ? 1 : recur.group(2) != null ? 2 : 0;
    String day =
        dayGroup == 0 ? "" : original.substring(recur.start(dayGroup), recur.end(dayGroup));
    String remaining = original.substring(0, recur.start()) + day + original.substring(recur.end());
    Integer weeks = null;
    Matcher count = COUNT.matcher(plain(remaining));
    if (count.find()) {
      weeks = Integer.parseInt(count.group(1));
      remaining = remaining.substring(0, count.start()) + " " + remaining.substring(count.end());
    }
    Month until = null;
    Matcher month = UNTIL.matcher(plain(remaining));
    if (month.find()) {
      until =
          month.group(1) != null
              ? Month.of(EN_MONTHS.indexOf(month.group(1)) + 1)
              : Month.of(TR_MONTHS.indexOf(month.group(2)) + 1);
      remaining = remaining.substring(0, month.start()) + " " + remaining.substring(month.end());
    }
    return Optional.of(new Series(remaining.replaceAll("\\s+", " ").strip(), weeks, until));
  }

  /**
   * Lower case without the Turkish letters, one character for one (no typo repair, which could turn
   * "kalan" into another word): what the patterns here read.
   */
  static String plain(String text) {
    StringBuilder out = new StringBuilder(text.length());
    for (int i = 0; i < text.length(); i++) {
      char c = text.charAt(i);
      if (c == 'ı' || c == 'İ' || c == 'I') {
        out.append('i');
      } else if (c == '’' || c == '‘' || c == 'ʼ' || c == '´' || c == '`') {
        out.append('\'');
      } else {
        String decomposed = Normalizer.normalize(String.valueOf(c), Normalizer.Form.NFD);
        out.append(Character.toLowerCase(decomposed.charAt(0)));
      }
    }
    return out.toString();
  }

  /** Whether the message cancels the rest of a series ("kalan haftaları iptal et"). */
  public static boolean cancelsSeries(String text) {
    String folded = plain(text);
    return CANCEL.matcher(folded).find() && SERIES_WORDS.matcher(folded).find();
  }

  /** Whether the message asks to wait for a taken slot ("sıraya yaz", "waitlist"). */
  public static boolean joinsWaitlist(String text) {
    return WAITLIST.matcher(plain(text)).find();
  }
}
