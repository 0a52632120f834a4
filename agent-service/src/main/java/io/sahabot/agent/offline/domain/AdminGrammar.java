package io.sahabot.agent.offline.domain;

import java.time.LocalDate;
import java.time.MonthDay;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * An owner running the business by chat, in Turkish or English: the hourly price ("saat ücreti 1200
 * olsun", "Saha 2'nin saat ücreti 1500 olsun", "set the price to 1200"), the opening hours
 * ("çalışma saatleri 09:00-02:00 olsun", "opening hours 09:00-02:00"), a field's name ("Saha 1'in
 * adı Ana Saha olsun", "rename Saha 1 to Ana Saha"), a closed date ("31 Aralık kapalıyız", "we are
 * closed on 31 December"), special hours for dates ("30 Mart - 1 Nisan 12:00-20:00 açığız"), a
 * blocked slot ("yarın 15-17 bakım"), a field removed ("Saha 3'ü kaldır", "remove field 3"), an
 * admin number added or removed ("905321112233 yönetici ekle"), the reminder time ("hatırlatma 2
 * saat önce olsun") and the customers' cancellation notice ("iptal süresi 3 saat olsun"). Each is
 * read as a proposed change (its kind and values), which the owner confirms with a button before it
 * takes effect.
 */
public final class AdminGrammar {

  /** A proposed change: its kind and its values, by the names of the tool's parameters. */
  public record Change(String kind, Map<String, String> args) {}

  private static final Locale TR = Locale.forLanguageTag("tr");
  private static final String MONTHS =
      "ocak|subat|mart|nisan|mayis|haziran|temmuz|agustos|eylul|ekim|kasim|aralik"
          + "|january|february|march|april|may|june|july|august|september|october|november"
          + "|december|jan|feb|mar|apr|jun|jul|aug|sep|sept|oct|nov|dec";
  private static final String DATE =
      "(?:\\d{4}-\\d{2}-\\d{2}|\\d{1,2}[./]\\d{1,2}(?:[./]\\d{2,4})?|\\d{1,2}\\s+(?:"
          + MONTHS
          + ")\\w*(?:\\s+\\d{4})?|(?:"
          + MONTHS
          + ")\\w*\\s+\\d{1,2}(?:st|nd|rd|th)?(?:\\s+\\d{4})?|bugun|yarin|today|tomorrow)";
  private static final Pattern DATE_RANGE =
      Pattern.compile(
          "(?<![\\d:.])(" + DATE + ")(?:\\s*(?:-|–|ile|to|until|through|ve)\\s*(" + DATE + "))?");
  private static final Pattern TIME_RANGE =
      Pattern.compile(
          "(?<![\\d./-])([01]?\\d|2[0-4])(?:[:.]([0-5]\\d))?\\s*(?:-|–|ile|to|until|arasi)\\s*"
              + "([01]?\\d|2[0-4])(?:[:.]([0-5]\\d))?(?![\\d./])");
  private static final Pattern AMOUNT =
      Pattern.compile("(?<![\\d:.])(\\d{2,6}(?:[.,]\\d{1,2})?)(?![\\d:.])");
  private static final Pattern PHONE = Pattern.compile("\\+?(\\d[\\d ]{8,18}\\d)");

  private static final Pattern PRICE =
      Pattern.compile("\\b(saat(lik)? ucret\\w*|ucret\\w*|fiyat\\w*|price|hourly rate|rate)\\b");
  private static final Pattern SET =
      Pattern.compile("\\b(olsun|olacak|yap|yapin|yapalim|ayarla|set|change|make|should be|be)\\b");
  private static final Pattern HOURS =
      Pattern.compile(
          "\\b(calisma saat\\w*|acilis|acik oldugumuz|saatlerimiz|opening hours|hours|open from)\\b");
  private static final Pattern RENAME_TR =
      Pattern.compile(
          "^(.+?)(?:'?(?:n?[iıuü]n))?\\s+(?:ad[iı]|ismi|adini|ismini)\\s+(.+?)\\s+(?:olsun|yap|olarak"
              + " degistir)\\.?$",
          Pattern.CASE_INSENSITIVE | Pattern.UNICODE_CASE);
  private static final Pattern RENAME_EN =
      Pattern.compile("^rename\\s+(.+?)\\s+(?:to|as)\\s+(.+?)\\.?$", Pattern.CASE_INSENSITIVE);
  private static final Pattern CLOSED =
      Pattern.compile("\\b(kapali\\w*|kapatiyoruz|kapatacagiz|tatil|closed|close on|shut)\\b");
  private static final Pattern OPEN_SPECIAL =
      Pattern.compile("\\b(acigiz|acik|acilacak|calisacagiz|open|hours)\\b");
  private static final Pattern BLOCK =
      Pattern.compile("\\b(bakim\\w*|blokla\\w*|maintenance|block|blocked)\\b");
  private static final Pattern ADMIN =
      Pattern.compile("\\b(yonetici\\w*|admin\\w*|sahip numara\\w*|yetkili\\w*)\\b");
  private static final Pattern ADD = Pattern.compile("\\b(ekle\\w*|add|olsun)\\b");
  private static final Pattern REMOVE =
      Pattern.compile("\\b(cikar\\w*|sil\\w*|kaldir\\w*|remove|delete)\\b");

  /** "field 3", "saha 3", "pitch 3": a field named by its number. */
  private static final Pattern FIELD_NUMBER =
      Pattern.compile("\\b(?:saha|field|pitch|court|kort)\\s*(\\d{1,3})\\b");

  private static final Pattern BOOKING_WORDS =
      Pattern.compile("\\b(rezervasyon\\w*|randevu\\w*|booking\\w*|reservation\\w*|mac\\w*)\\b");
  private static final Pattern REMINDER =
      Pattern.compile("\\b(hatirlatma\\w*|hatirlat\\w*|remind\\w*)\\b");
  private static final Pattern DURATION =
      Pattern.compile("(\\d{1,4})\\s*(saat|sa|hours?|hrs?|dakika|dk|minutes?|mins?)\\b");
  private static final Pattern NOTICE =
      Pattern.compile(
          "\\b(iptal (suresi|siniri|limiti|kurali|politikasi)|cancellation (notice|policy|limit)"
              + "|cancel(lation)? notice)\\b");

  /** A question ("kapalı mıyız?", "what is the price?") proposes nothing. */
  private static final Pattern QUESTION =
      Pattern.compile("\\?|\\bm[iu](s[iu]n\\w*|y[iu]z)?\\b|\\b(what|how much|is it)\\b");

  private AdminGrammar() {}

  /** The change an owner's message proposes; empty when it proposes none. */
  public static Optional<Change> read(String message, ConversationContext ctx) {
    String original = message == null ? "" : message.strip();
    String text = fold(original);
    LocalDate today = ctx.now().toLocalDate();
    Map<String, String> args = new LinkedHashMap<>();
    if (QUESTION.matcher(text).find()) {
      return Optional.empty();
    }

    if (NOTICE.matcher(text).find()) {
      Matcher d = DURATION.matcher(text);
      if (d.find()) {
        args.put("value", Integer.toString(minutes(d) / 60));
        return change("cancellation-notice", args);
      }
    }
    if (REMINDER.matcher(text).find()) {
      Matcher d = DURATION.matcher(text);
      if (d.find()) {
        args.put("value", Integer.toString(minutes(d)));
        return change("reminder", args);
      }
    }
    if (ADMIN.matcher(text).find()) {
      Matcher p = PHONE.matcher(original);
      if (p.find()) {
        args.put("value", p.group(1).replace(" ", ""));
        if (REMOVE.matcher(text).find()) {
          return change("remove-admin", args);
        }
        if (ADD.matcher(text).find()) {
          return change("add-admin", args);
        }
      }
    }
    Optional<Change> rename = rename(original, ctx);
    if (rename.isPresent()) {
      return rename;
    }
    Matcher times = TIME_RANGE.matcher(text);
    boolean hasTimes = times.find();
    Matcher dates = DATE_RANGE.matcher(text);
    boolean hasDates = dates.find();
    if (REMOVE.matcher(text).find()
        && !hasTimes
        && !hasDates
        && !BOOKING_WORDS.matcher(text).find()) {
      Optional<String> removed = field(text, ctx).or(() -> numbered(text, ctx));
      if (removed.isPresent()) {
        args.put("field", removed.get());
        return change("remove-field", args);
      }
    }
    if (BLOCK.matcher(text).find() && hasTimes) {
      LocalDate day = hasDates ? date(dates.group(1), today) : today;
      if (day == null) {
        return Optional.empty();
      }
      field(text, ctx).ifPresent(f -> args.put("field", f));
      args.put("start", day + "T" + hm(times.group(1), times.group(2)));
      int end = minute(times.group(3), times.group(4));
      args.put(
          "end",
          (end >= 24 * 60
              ? day.plusDays(1) + "T00:00"
              : day + "T" + hm(times.group(3), times.group(4))));
      return change("block", args);
    }
    if (hasDates && CLOSED.matcher(text).find() && !hasTimes) {
      return dated("closed", dates, today, args);
    }
    if (hasDates && hasTimes && OPEN_SPECIAL.matcher(text).find()) {
      args.put("open", hm(times.group(1), times.group(2)));
      args.put("close", hm(times.group(3), times.group(4)));
      return dated("special-hours", dates, today, args);
    }
    if (!hasDates && hasTimes && HOURS.matcher(text).find()) {
      args.put("open", hm(times.group(1), times.group(2)));
      args.put("close", hm(times.group(3), times.group(4)));
      return change("hours", args);
    }
    if (PRICE.matcher(text).find() && SET.matcher(text).find()) {
      Matcher amount = AMOUNT.matcher(text);
      if (amount.find()) {
        args.put("value", amount.group(1).replace(',', '.'));
        field(text, ctx).ifPresent(f -> args.put("field", f));
        return change("price", args);
      }
    }
    return Optional.empty();
  }

  private static Optional<Change> dated(
      String kind, Matcher dates, LocalDate today, Map<String, String> args) {
    LocalDate from = date(dates.group(1), today);
    LocalDate to = dates.group(2) == null ? from : date(dates.group(2), from);
    if (from == null || to == null) {
      return Optional.empty();
    }
    if (to.isBefore(from)) {
      to = to.plusYears(1);
    }
    args.put("from", from.toString());
    args.put("to", to.toString());
    return change(kind, args);
  }

  private static Optional<Change> rename(String original, ConversationContext ctx) {
    for (Pattern p : List.of(RENAME_TR, RENAME_EN)) {
      Matcher m = p.matcher(original);
      if (m.matches()) {
        String before = m.group(1).strip();
        Optional<String> field = field(fold(before), ctx);
        String newName = m.group(2).strip().replaceAll("^[\"'“”]|[\"'“”]$", "");
        if (field.isPresent() && !newName.isBlank() && newName.length() <= 100) {
          Map<String, String> args = new LinkedHashMap<>();
          args.put("field", field.get());
          args.put("value", newName);
          return change("rename", args);
        }
      }
    }
    return Optional.empty();
  }

  /** The tenant's field the text names, the longest name first. */
  private static Optional<String> field(String folded, ConversationContext ctx) {
    return ctx.fields().stream()
        .sorted((a, b) -> b.length() - a.length())
        .filter(f -> Pattern.compile("\\b" + Pattern.quote(fold(f)) + "\\b").matcher(folded).find())
        .findFirst();
  }

  /** The tenant's field whose name carries the number "field 3" names ("Saha 3", "Field 3"). */
  private static Optional<String> numbered(String folded, ConversationContext ctx) {
    Matcher m = FIELD_NUMBER.matcher(folded);
    if (!m.find()) {
      return Optional.empty();
    }
    Pattern number = Pattern.compile("(?<!\\d)" + Integer.parseInt(m.group(1)) + "(?!\\d)");
    List<String> named = ctx.fields().stream().filter(f -> number.matcher(fold(f)).find()).toList();
    return named.size() == 1 ? Optional.of(named.get(0)) : Optional.empty();
  }

  private static Optional<Change> change(String kind, Map<String, String> args) {
    return Optional.of(new Change(kind, Map.copyOf(args)));
  }

  /** A date as written; the next such day from {@code after} when the year is not given. */
  static LocalDate date(String written, LocalDate after) {
    String w = written.strip();
    switch (w) {
      case "bugun", "today" -> {
        return after;
      }
      case "yarin", "tomorrow" -> {
        return after.plusDays(1);
      }
      default -> {}
    }
    try {
      if (w.matches("\\d{4}-\\d{2}-\\d{2}")) {
        return LocalDate.parse(w);
      }
      Matcher numeric = Pattern.compile("(\\d{1,2})[./](\\d{1,2})(?:[./](\\d{2,4}))?").matcher(w);
      if (numeric.matches()) {
        return withYear(
            Integer.parseInt(numeric.group(1)),
            Integer.parseInt(numeric.group(2)),
            numeric.group(3),
            after);
      }
      Matcher named = Pattern.compile("(\\d{1,2})\\s+([a-z]+)(?:\\s+(\\d{4}))?").matcher(w);
      if (named.matches()) {
        Integer month = month(named.group(2));
        return month == null
            ? null
            : withYear(Integer.parseInt(named.group(1)), month, named.group(3), after);
      }
      Matcher english =
          Pattern.compile("([a-z]+)\\s+(\\d{1,2})(?:st|nd|rd|th)?(?:\\s+(\\d{4}))?").matcher(w);
      if (english.matches()) {
        Integer month = month(english.group(1));
        return month == null
            ? null
            : withYear(Integer.parseInt(english.group(2)), month, english.group(3), after);
      }
    } catch (java.time.DateTimeException e) {
      return null;
    }
    return null;
  }

  private static LocalDate withYear(int day, int month, String year, LocalDate after) {
    if (year != null) {
      int y = Integer.parseInt(year);
      return LocalDate.of(y < 100 ? 2000 + y : y, month, day);
    }
    LocalDate candidate = MonthDay.of(month, day).atYear(after.getYear());
    return candidate.isBefore(after) ? candidate.plusYears(1) : candidate;
  }

  private static Integer month(String word) {
    String[] tr = {
      "oca", "sub", "mar", "nis", "may", "haz", "tem", "agu", "eyl", "eki", "kas", "ara"
    };
    String[] en = {
      "jan", "feb", "mar", "apr", "may", "jun", "jul", "aug", "sep", "oct", "nov", "dec"
    };
    if (word.length() < 3) {
      return null;
    }
    String stem = word.substring(0, 3);
    for (int i = 0; i < 12; i++) {
      if (tr[i].equals(stem) || en[i].equals(stem)) {
        return i + 1;
      }
    }
    return null;
  }

  private static int minutes(Matcher duration) {
    int n = Integer.parseInt(duration.group(1));
    return duration.group(2).startsWith("sa") || duration.group(2).startsWith("h") ? n * 60 : n;
  }

  private static int minute(String hour, String minute) {
    return Integer.parseInt(hour) * 60 + (minute == null ? 0 : Integer.parseInt(minute));
  }

  private static String hm(String hour, String minute) {
    int h = Integer.parseInt(hour);
    return String.format("%02d:%s", h, minute == null ? "00" : minute);
  }

  /** Lower case (Turkish rules), Turkish letters to their Latin base, punctuation kept. */
  static String fold(String text) {
    String lower = text.toLowerCase(TR);
    StringBuilder out = new StringBuilder(lower.length());
    for (char c : lower.toCharArray()) {
      out.append(
          switch (c) {
            case 'ı' -> 'i';
            case 'ş' -> 's';
            case 'ğ' -> 'g';
            case 'ü' -> 'u';
            case 'ö' -> 'o';
            case 'ç' -> 'c';
            case 'â' -> 'a';
            case 'î' -> 'i';
            case 'û' -> 'u';
            case '’' -> '\'';
            default -> c;
          });
    }
    return out.toString();
  }
}
