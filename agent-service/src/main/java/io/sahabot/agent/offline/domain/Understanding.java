package io.sahabot.agent.offline.domain;

import com.google.i18n.phonenumbers.NumberParseException;
import com.google.i18n.phonenumbers.PhoneNumberUtil;
import com.google.i18n.phonenumbers.Phonenumber.PhoneNumber;
import java.time.DayOfWeek;
import java.time.LocalDate;
import java.time.LocalDateTime;
import java.time.LocalTime;
import java.time.temporal.TemporalAdjusters;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Turkish and English booking language, by rules: what a message asks for and the slots it names.
 *
 * <p>The text is folded ({@link Folding}) and read in passes, each consuming what it recognises so
 * that later passes do not misread it: phone numbers, names, fields, calendar dates, durations, day
 * references (relative days and weekdays), periods (weeks and months), and last the times. A bare
 * hour from 1 to 11 means the evening when that is inside opening hours; "sabah"/"morning"/ "am"
 * keep the morning. Relative dates resolve from the message's own moment.
 */
public final class Understanding {

  private static final PhoneNumberUtil PHONES = PhoneNumberUtil.getInstance();

  private static final Pattern PHONE = Pattern.compile("\\+?\\d[\\d \\-().]{7,18}\\d");
  private static final Pattern NAME_BEFORE_FOR =
      Pattern.compile(
          "((?:\\p{Lu}[\\p{L}]*)(?:\\s+\\p{Lu}[\\p{L}]*){0,3})\\s+(?iu:için|icin|adına|adina|namına)");
  private static final Pattern LOWER_NAME_BEFORE_FOR =
      Pattern.compile(
          "((?:\\p{L}+\\s+){0,2}\\p{L}+)\\s+(?iu:için|icin|adına|adina|namına)",
          Pattern.UNICODE_CASE);
  private static final Pattern NAME_AFTER_FOR =
      Pattern.compile("\\b(?i:for)\\s+(\\p{Lu}[\\p{L}]*(?:\\s+\\p{Lu}[\\p{L}]*){0,2})");
  private static final Pattern NAME_LABELLED =
      Pattern.compile(
          "(?iu:müşteri|musteri|isim|ismi|adı|adi|name)\\s*[:=]\\s*(\\p{L}+(?:\\s+\\p{L}+){0,2})");

  private static final Pattern FIELD_NUMBER_AFTER =
      Pattern.compile(
          "\\b(?:saha|field|pitch|court|kort)\\s*(?:no\\.?\\s*|numara\\s*|#)?(\\d{1,2})\\b");
  private static final Pattern FIELD_NUMBER_BEFORE =
      Pattern.compile(
          "\\b(\\d{1,2})\\s*(?:\\.|'?(?:nci|inci|uncu|ncu|nolu|no'lu|numarali))?\\s*(?:saha|field|pitch|court|kort)\\b");
  private static final Pattern FIELD_ORDINAL =
      Pattern.compile(
          "\\b(birinci|ilk|ikinci|ucuncu|dorduncu|besinci|first|second|third|fourth|fifth)\\s+(?:saha|field|pitch|court|kort)\\w*");
  private static final Map<String, Integer> ORDINALS =
      Map.ofEntries(
          Map.entry("birinci", 1),
          Map.entry("ilk", 1),
          Map.entry("first", 1),
          Map.entry("ikinci", 2),
          Map.entry("second", 2),
          Map.entry("ucuncu", 3),
          Map.entry("third", 3),
          Map.entry("dorduncu", 4),
          Map.entry("fourth", 4),
          Map.entry("besinci", 5),
          Map.entry("fifth", 5));

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

  private static final Pattern DURATION_HOURS =
      Pattern.compile(
          "(?<![-:.\\d])(?<![-:.]\\s)\\b(\\d+(?:[.,]\\d+)?|bir|iki|uc|one|two|three|an?)\\s*(bucuk\\s*)?"
              + "(?:saatlik|saat(?!ler|te|ta|i\\b|in|e\\b|a\\b)|hours?\\b|hrs?\\b)");
  private static final Pattern DURATION_MINUTES =
      Pattern.compile(
          "\\b(\\d{2,3})\\s*(?:dakika\\w*|dk\\b|min\\w*)|\\byarim saat\\w*|\\bhalf an hour\\b");
  private static final Map<String, Double> WORD_NUMBERS =
      Map.of(
          "bir", 1.0, "iki", 2.0, "uc", 3.0, "one", 1.0, "two", 2.0, "three", 3.0, "a", 1.0, "an",
          1.0);

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

  private static final Pattern HALF_PAST =
      Pattern.compile("(?<![\\d:.])\\b(\\d{1,2})\\s*bucuk\\w*");
  private static final Pattern TIME_RANGE =
      Pattern.compile(
          "(?<![\\d/.:])(\\d{1,2})(?:[:.](\\d{2}))?\\s*(am|pm)?\\s*"
              + "(?:-|to|until|till|ile|ila|'?(?:den|dan|ten|tan)\\s+)\\s*"
              + "(\\d{1,2})(?:[:.](\\d{2}))?\\s*(am|pm)?(?![\\d/])");
  private static final Pattern TIME_SINGLE =
      Pattern.compile("(?<![\\d/.:])(\\d{1,2})(?:[:.](\\d{2}))?\\s*(am|pm|o'?clock)?(?![\\d/])");
  private static final Pattern EVENING =
      Pattern.compile(
          "(aksam|gece|evening|night|tonight)\\w*\\s*(?:saat|at|around|about|civari)?\\s*$");
  private static final Pattern AFTERNOON =
      Pattern.compile(
          "(ogle|oglen|ogleden sonra|afternoon|noon)\\w*\\s*(?:saat|at|around|about|civari)?\\s*$");
  private static final Pattern MORNING =
      Pattern.compile(
          "(sabah|morning|sabahin|sabahleyin)\\w*\\s*(?:saat|at|around|about|civari)?\\s*$");

  private static final Pattern CANCELLATIONS =
      Pattern.compile(
          "cancellations|most cancel|cancels? the most|who cancel|frequent cancel"
              + "|(?=.*iptal)(?=.*(en cok|en fazla|hangi|kimler|sirala|listele|musteriler|siklikla|sik ))");
  private static final Pattern LOYAL =
      Pattern.compile(
          "sadik|loyal|en iyi musteri|en cok gelen|en cok rezervasyon yapan|top customer|best customer|regular customer|most bookings");
  private static final Pattern PEAK =
      Pattern.compile(
          "yogun|peak|busiest|en cok hangi saat|populer saat|popular hour|en cok tercih");
  private static final Pattern SALES =
      Pattern.compile(
          "sattim|sattik|satis|satil|\\bsell|kazandim|kazanc|kazandik|ciro|gelir|hasilat|kac saat sat|earn|revenue|sales|sold|income|doluluk|occupancy");
  private static final Pattern TABLE =
      Pattern.compile("tablo|\\btable\\b|cizelge|schedule|takvim|\\bprogram");
  private static final Pattern MOVE =
      Pattern.compile(
          "tasi|ertele|degistir|kaydir|\\bmove\\b|reschedule|postpone|\\bchange\\b|yerine|'?(?:y?[ae]|[iu]) al\\b|[a-z](?:y?[ae]) al\\b");
  private static final Pattern CANCEL =
      Pattern.compile("iptal|cancel|vazgec|\\bsil\\b|kaldir|istemiyorum");
  private static final Pattern LIST_MINE =
      Pattern.compile(
          "rezervasyonlarim|randevularim|rezervasyonum var|randevum var|my (?:reservations|bookings)|what did i book|rezervasyonlarimi|rezervasyonlarima|my upcoming");
  private static final Pattern PRICE =
      Pattern.compile(
          "ucret|fiyat|kac para|kac tl|ne kadar|\\bprice|\\bcost|how much|\\brate\\b|tarife");
  private static final Pattern AVAILABILITY =
      Pattern.compile(
          "\\bbos\\w*|musait|uygun|\\bfree\\b|available|availability|acik mi|\\bvar mi|doluluk durumu|\\bis there");
  private static final Pattern BOOK =
      Pattern.compile(
          "ayir|rezerv|randevu|\\bbook|reserve|\\btut\\b|tutmak|tutar mi|tutabilir|kirala|istiyorum|alabilir miyim|ayarla|\\bwant\\b|\\bneed\\b");
  private static final Pattern HELP =
      Pattern.compile(
          "merhaba|selam|hello|\\bhi\\b|\\bhey\\b|yardim|help|ne yapabilir|nasil|\\bslm\\b|\\bmrb\\b|iyi gunler|good (?:morning|evening)");

  private static final Set<String> NOT_NAMES =
      Set.of(
          "pazartesi",
          "sali",
          "carsamba",
          "persembe",
          "cuma",
          "cumartesi",
          "pazar",
          "haftaya",
          "gelecek",
          "bu",
          "yarin",
          "bugun",
          "aksam",
          "sabah",
          "gece",
          "saha",
          "saat",
          "saatlerini",
          "saatleri",
          "rezervasyon",
          "rezerve",
          "randevu",
          "ocak",
          "subat",
          "mart",
          "nisan",
          "mayis",
          "haziran",
          "temmuz",
          "agustos",
          "eylul",
          "ekim",
          "kasim",
          "aralik",
          "musteri",
          "lutfen",
          "bir",
          "ve",
          "de",
          "da",
          "benim",
          "arkadasim",
          "monday",
          "tuesday",
          "wednesday",
          "thursday",
          "friday",
          "saturday",
          "sunday",
          "tomorrow",
          "today",
          "field",
          "saatini",
          "saatlik",
          "et");

  /** Reads one message. */
  public Interpretation understand(String message, ConversationContext context) {
    return new Reading(message, context).interpret();
  }

  private static final class Reading {

    private final String original;
    private final ConversationContext ctx;
    private final LocalDate today;
    private final String folded;
    private final StringBuilder text;

    private final List<DayRef> days = new ArrayList<>();
    private final List<TimeRef> times = new ArrayList<>();
    private LocalDate periodFrom;
    private LocalDate periodTo;
    private Integer durationMinutes;
    private String field;
    private String name;
    private String phone;

    Reading(String message, ConversationContext ctx) {
      this.original = message == null ? "" : message.strip();
      this.ctx = ctx;
      this.today = ctx.now().toLocalDate();
      this.folded = Folding.fold(original);
      this.text = new StringBuilder(folded);
    }

    Interpretation interpret() {
      readPhone();
      readName();
      readField();
      readCalendarDates();
      readDurations();
      readWeekdays();
      readRelativeDays();
      readPeriods();
      readTimes();
      return assemble(intent());
    }

    // ---- passes -------------------------------------------------------------------------------

    private void readPhone() {
      Matcher m = PHONE.matcher(original);
      while (m.find()) {
        String digits = m.group().replaceAll("\\D", "");
        if (digits.length() < 10 || digits.length() > 13) {
          continue;
        }
        try {
          PhoneNumber number = PHONES.parse(m.group(), "TR");
          if (PHONES.isPossibleNumber(number)) {
            phone = PHONES.format(number, PhoneNumberUtil.PhoneNumberFormat.E164).replace("+", "");
            consumeAll(Pattern.compile(Pattern.quote(m.group())));
            return;
          }
        } catch (NumberParseException e) {
          // not a phone number: the digits are read by later passes
        }
      }
    }

    private void readName() {
      if (!ctx.owner()) {
        return;
      }
      String found = nameFrom(NAME_BEFORE_FOR.matcher(original), false);
      if (found == null) {
        found = nameFrom(NAME_LABELLED.matcher(original), true);
      }
      if (found == null) {
        found = nameFrom(NAME_AFTER_FOR.matcher(original), false);
      }
      if (found == null) {
        found = nameFrom(LOWER_NAME_BEFORE_FOR.matcher(original), true);
      }
      if (found != null) {
        name = found;
        consumeAll(Pattern.compile("\\b" + Pattern.quote(Folding.fold(found)) + "\\b"));
      }
    }

    /** The trailing words of the match that are not calendar or booking words. */
    private String nameFrom(Matcher m, boolean titleCase) {
      while (m.find()) {
        String[] words = m.group(1).trim().split("\\s+");
        List<String> kept = new ArrayList<>();
        for (String word : words) {
          if (NOT_NAMES.contains(Folding.fold(word)) || word.chars().anyMatch(Character::isDigit)) {
            kept.clear();
          } else {
            kept.add(word);
          }
        }
        if (!kept.isEmpty()) {
          String joined = String.join(" ", kept);
          return titleCase ? Folding.titleCase(joined) : joined;
        }
      }
      return null;
    }

    private void readField() {
      for (String candidate :
          ctx.fields().stream()
              .sorted(Comparator.comparingInt(String::length).reversed())
              .toList()) {
        Pattern exact = Pattern.compile("\\b" + Pattern.quote(Folding.fold(candidate)) + "\\b");
        if (exact.matcher(text).find()) {
          field = candidate;
          consumeAll(exact);
          return;
        }
      }
      for (Pattern p : List.of(FIELD_NUMBER_AFTER, FIELD_NUMBER_BEFORE)) {
        Matcher m = p.matcher(text);
        if (m.find()) {
          field = fieldNumbered(Integer.parseInt(m.group(1)));
          consume(m);
          return;
        }
      }
      Matcher m = FIELD_ORDINAL.matcher(text);
      if (m.find()) {
        field = fieldNumbered(ORDINALS.get(m.group(1)));
        consume(m);
      }
    }

    private String fieldNumbered(int n) {
      for (String candidate : ctx.fields()) {
        if (Folding.fold(candidate).matches(".*\\D" + n + "$") || candidate.equals("" + n)) {
          return candidate;
        }
      }
      return "Saha " + n;
    }

    private void readCalendarDates() {
      Matcher m = DAY_MONTH.matcher(text);
      while (m.find()) {
        Integer month = month(m.group(2));
        int day = Integer.parseInt(m.group(1));
        addDate(m.start(), day, month, m.group(3));
        consume(m);
      }
      m = MONTH_DAY.matcher(text);
      while (m.find()) {
        addDate(m.start(), Integer.parseInt(m.group(2)), month(m.group(1)), m.group(3));
        consume(m);
      }
      m = NUMERIC_DATE.matcher(text);
      while (m.find()) {
        if (m.group(1) != null) {
          addDate(
              m.start(), Integer.parseInt(m.group(3)), Integer.parseInt(m.group(2)), m.group(1));
        } else if (m.group(4) != null) {
          addDate(
              m.start(), Integer.parseInt(m.group(4)), Integer.parseInt(m.group(5)), m.group(6));
        } else {
          addDate(
              m.start(), Integer.parseInt(m.group(7)), Integer.parseInt(m.group(8)), m.group(9));
        }
        consume(m);
      }
    }

    private void addDate(int position, int day, Integer month, String year) {
      if (month == null || month < 1 || month > 12 || day < 1 || day > 31) {
        return;
      }
      int y = year == null ? today.getYear() : Integer.parseInt(year);
      if (y < 100) {
        y += 2000;
      }
      try {
        LocalDate date = LocalDate.of(y, month, day);
        if (year == null && date.isBefore(today.minusDays(60))) {
          date = date.plusYears(1);
        }
        days.add(new DayRef(position, date, false));
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

    private void readDurations() {
      Matcher m = DURATION_HOURS.matcher(text);
      if (m.find()) {
        String amount = m.group(1).replace(',', '.');
        double hours =
            WORD_NUMBERS.containsKey(amount)
                ? WORD_NUMBERS.get(amount)
                : Double.parseDouble(amount);
        if (m.group(2) != null) {
          hours += 0.5;
        }
        durationMinutes = (int) Math.round(hours * 60);
        consume(m);
      }
      m = DURATION_MINUTES.matcher(text);
      if (m.find()) {
        durationMinutes = m.group(1) == null ? 30 : Integer.parseInt(m.group(1));
        consume(m);
      }
    }

    private void readWeekdays() {
      Matcher m = WEEKDAY.matcher(text);
      while (m.find()) {
        String modifier = m.group(1);
        String name = m.group(2) != null ? m.group(2) : m.group(3);
        DayOfWeek dow = WEEKDAY_NAMES.get(name);
        LocalDate monday = today.with(TemporalAdjusters.previousOrSame(DayOfWeek.MONDAY));
        LocalDate date;
        boolean flexible = false;
        if (modifier == null) {
          date = today.with(TemporalAdjusters.nextOrSame(dow));
          flexible = true;
        } else if (modifier.startsWith("haftaya")
            || modifier.startsWith("gelecek")
            || modifier.startsWith("onumuzdeki")
            || modifier.startsWith("next week")) {
          date = monday.plusWeeks(1).plusDays(dow.getValue() - 1L);
        } else if (modifier.equals("next")) {
          date = today.with(TemporalAdjusters.next(dow));
        } else if (modifier.startsWith("gecen")
            || modifier.equals("last")
            || modifier.equals("onceki")) {
          date = monday.minusWeeks(1).plusDays(dow.getValue() - 1L);
        } else {
          date = monday.plusDays(dow.getValue() - 1L);
        }
        days.add(new DayRef(m.start(), date, flexible));
        consume(m);
      }
    }

    private void readRelativeDays() {
      Matcher m = RELATIVE_DAY.matcher(text);
      while (m.find()) {
        String word = m.group(1);
        int offset;
        if (word.startsWith("yarindan")
            || word.startsWith("obur")
            || word.startsWith("day after")) {
          offset = 2;
        } else if (word.startsWith("yarin") || word.equals("tomorrow")) {
          offset = 1;
        } else if (word.startsWith("dun") || word.equals("yesterday")) {
          offset = -1;
        } else {
          offset = 0;
        }
        days.add(new DayRef(m.start(), today.plusDays(offset), false));
        consume(m);
      }
    }

    private void readPeriods() {
      LocalDate monday = today.with(TemporalAdjusters.previousOrSame(DayOfWeek.MONDAY));
      Matcher m = WEEKS_AGO.matcher(text);
      if (m.find()) {
        int n = count(m.group(1));
        String direction = m.group(2) != null ? m.group(2) : m.group(3);
        boolean past =
            direction.startsWith("once")
                || direction.startsWith("evvel")
                || direction.equals("ago");
        week(monday.plusWeeks(past ? -n : n));
        consume(m);
        return;
      }
      m = IN_WEEKS.matcher(text);
      if (m.find()) {
        week(monday.plusWeeks(count(m.group(1))));
        consume(m);
        return;
      }
      m = WEEK_PERIOD.matcher(text);
      if (m.find()) {
        String w = m.group(1);
        int shift =
            w.startsWith("gecen") || w.startsWith("last") || w.startsWith("onceki")
                ? -1
                : w.startsWith("bu") || w.startsWith("this") ? 0 : 1;
        week(monday.plusWeeks(shift));
        consume(m);
        return;
      }
      m = MONTH_PERIOD.matcher(text);
      if (m.find()) {
        String w = m.group(1);
        LocalDate first = today.withDayOfMonth(1);
        if (w.startsWith("gecen") || w.startsWith("last") || w.startsWith("onceki")) {
          first = first.minusMonths(1);
        } else if (w.startsWith("gelecek") || w.startsWith("next")) {
          first = first.plusMonths(1);
        }
        periodFrom = first;
        periodTo = first.with(TemporalAdjusters.lastDayOfMonth());
        consume(m);
      }
    }

    private void week(LocalDate monday) {
      periodFrom = monday;
      periodTo = monday.plusDays(6);
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

    private void readTimes() {
      Matcher m = HALF_PAST.matcher(text);
      while (m.find()) {
        int hour = Integer.parseInt(m.group(1));
        if (hour <= 24) {
          times.add(new TimeRef(m.start(), adjust(hour, 30, null, m.start()), null));
          consume(m);
        }
      }
      m = TIME_RANGE.matcher(text);
      while (m.find()) {
        int h1 = Integer.parseInt(m.group(1));
        int h2 = Integer.parseInt(m.group(4));
        int m1 = minutes(m.group(2));
        int m2 = minutes(m.group(5));
        if (h1 > 24 || h2 > 24 || m1 > 59 || m2 > 59) {
          continue;
        }
        int start = adjust(h1, m1, m.group(3) != null ? m.group(3) : m.group(6), m.start());
        boolean shifted = start != h1 * 60 + m1;
        int end;
        if (m.group(6) != null) {
          end = adjust(h2, m2, m.group(6), m.start());
        } else if (shifted && h2 <= 12) {
          end = (h2 + 12) * 60 + m2;
        } else {
          end = h2 * 60 + m2;
        }
        if (end <= start) {
          continue;
        }
        times.add(new TimeRef(m.start(), start, end));
        consume(m);
      }
      m = TIME_SINGLE.matcher(text);
      while (m.find()) {
        int hour = Integer.parseInt(m.group(1));
        int minute = minutes(m.group(2));
        if (hour > 24 || minute > 59) {
          continue;
        }
        times.add(new TimeRef(m.start(), adjust(hour, minute, m.group(3), m.start()), null));
        consume(m);
      }
      times.sort(Comparator.comparingInt(TimeRef::position));
    }

    private static int minutes(String group) {
      return group == null ? 0 : Integer.parseInt(group);
    }

    /** Minutes after midnight for an hour as written, by its qualifiers and the evening rule. */
    private int adjust(int hour, int minute, String suffix, int position) {
      String before =
          folded.substring(Math.max(0, position - 24), Math.min(position, folded.length()));
      String s = suffix == null ? "" : suffix;
      int h = hour;
      if (s.equals("pm")) {
        h = hour < 12 ? hour + 12 : hour;
      } else if (s.equals("am")) {
        h = hour == 12 ? 0 : hour;
      } else if (MORNING.matcher(before).find()) {
        h = hour;
      } else if (EVENING.matcher(before).find()) {
        h = hour >= 5 && hour < 12 ? hour + 12 : hour;
      } else if (AFTERNOON.matcher(before).find()) {
        h = hour < 8 ? hour + 12 : hour;
      } else if (hour >= 1 && hour <= 11) {
        int evening = (hour + 12) * 60 + minute;
        if (evening >= ctx.openMinute() && evening < ctx.closeMinute()) {
          h = hour + 12;
        }
      }
      return h * 60 + minute;
    }

    // ---- meaning ------------------------------------------------------------------------------

    private Intent intent() {
      String t = folded;
      if (CANCELLATIONS.matcher(t).find()) {
        return Intent.CANCELLATIONS;
      }
      if (LOYAL.matcher(t).find()) {
        return Intent.LOYAL_CUSTOMERS;
      }
      if (PEAK.matcher(t).find()) {
        return Intent.PEAK_HOURS;
      }
      if (SALES.matcher(t).find()) {
        return Intent.SALES;
      }
      if (TABLE.matcher(t).find()) {
        return Intent.TABLE;
      }
      if (MOVE.matcher(t).find() && (times.size() + days.size() >= 1)) {
        return Intent.MOVE;
      }
      if (CANCEL.matcher(t).find()) {
        return Intent.CANCEL;
      }
      if (LIST_MINE.matcher(t).find()) {
        return Intent.LIST_MINE;
      }
      if (PRICE.matcher(t).find()) {
        return Intent.PRICE;
      }
      if (AVAILABILITY.matcher(t).find()) {
        return Intent.AVAILABILITY;
      }
      if (BOOK.matcher(t).find()) {
        return Intent.BOOK;
      }
      if (!times.isEmpty() || !days.isEmpty()) {
        return Intent.AVAILABILITY;
      }
      return Intent.HELP;
    }

    private Interpretation assemble(Intent intent) {
      List<LocalDateTime> moments = moments();
      LocalDate date = days.isEmpty() ? null : days.get(0).date();
      return switch (intent) {
        case BOOK -> book(moments, date);
        case AVAILABILITY -> availability(moments, date);
        case MOVE -> move(moments);
        case CANCEL ->
            new Interpretation(
                Intent.CANCEL,
                times.isEmpty() ? null : moments.get(0),
                null,
                date != null ? date : moments.isEmpty() ? null : moments.get(0).toLocalDate(),
                null,
                null,
                null,
                field,
                null,
                null,
                List.of(),
                null);
        case TABLE, SALES -> period(intent, date);
        default ->
            new Interpretation(
                intent,
                null,
                null,
                null,
                null,
                periodFrom,
                periodTo,
                field,
                null,
                null,
                List.of(),
                null);
      };
    }

    private Interpretation book(List<LocalDateTime> moments, LocalDate date) {
      if (moments.isEmpty()) {
        List<String> missing = date == null ? List.of("date", "time") : List.of("time");
        return new Interpretation(
            Intent.CLARIFY,
            null,
            null,
            date,
            null,
            null,
            null,
            field,
            name,
            phone,
            missing,
            Intent.BOOK);
      }
      LocalDateTime start = moments.get(0);
      return new Interpretation(
          Intent.BOOK,
          start,
          end(start, times.get(0)),
          null,
          null,
          null,
          null,
          field,
          name,
          phone,
          List.of(),
          null);
    }

    private Interpretation availability(List<LocalDateTime> moments, LocalDate date) {
      if (moments.isEmpty()) {
        if (date == null) {
          return new Interpretation(
              Intent.CLARIFY,
              null,
              null,
              null,
              null,
              null,
              null,
              field,
              null,
              null,
              List.of("date"),
              Intent.AVAILABILITY);
        }
        return new Interpretation(
            Intent.AVAILABILITY,
            null,
            null,
            date,
            null,
            null,
            null,
            field,
            null,
            null,
            List.of(),
            null);
      }
      LocalDateTime start = moments.get(0);
      return new Interpretation(
          Intent.AVAILABILITY,
          start,
          end(start, times.get(0)),
          null,
          null,
          null,
          null,
          field,
          null,
          null,
          List.of(),
          null);
    }

    private Interpretation move(List<LocalDateTime> moments) {
      if (moments.isEmpty()) {
        return new Interpretation(
            Intent.CLARIFY,
            null,
            null,
            null,
            null,
            null,
            null,
            field,
            null,
            null,
            List.of("date", "time"),
            Intent.MOVE);
      }
      LocalDateTime from = moments.size() >= 2 ? moments.get(0) : null;
      LocalDateTime start = moments.get(moments.size() - 1);
      TimeRef time = times.get(times.size() - 1);
      LocalDateTime end = time.end() != null || durationMinutes != null ? end(start, time) : null;
      return new Interpretation(
          Intent.MOVE, start, end, null, from, null, null, field, null, null, List.of(), null);
    }

    private Interpretation period(Intent intent, LocalDate date) {
      LocalDate from = periodFrom;
      LocalDate to = periodTo;
      if (from == null && date != null) {
        from = date;
        to = date;
      }
      if (from == null) {
        from = today.with(TemporalAdjusters.previousOrSame(DayOfWeek.MONDAY));
        to = from.plusDays(6);
      }
      return new Interpretation(
          intent, null, null, null, null, from, to, field, null, null, List.of(), null);
    }

    private LocalDateTime end(LocalDateTime start, TimeRef time) {
      if (time.end() != null) {
        LocalDate day = start.toLocalDate();
        return day.atStartOfDay().plusMinutes(time.end());
      }
      return start.plusMinutes(durationMinutes != null ? durationMinutes : ctx.slotMinutes());
    }

    /**
     * Each time paired with the day mentioned before it (else after it); a time with no day is
     * today if it is still ahead, else tomorrow. A weekday named without "this/next" that is today
     * but whose time has passed means next week's.
     */
    private List<LocalDateTime> moments() {
      List<LocalDateTime> out = new ArrayList<>();
      days.sort(Comparator.comparingInt(DayRef::position));
      LocalTime nowTime = ctx.now().toLocalTime();
      for (TimeRef time : times) {
        DayRef day = null;
        for (DayRef d : days) {
          if (d.position() <= time.position()) {
            day = d;
          }
        }
        if (day == null && !days.isEmpty()) {
          day = days.get(0);
        }
        LocalDateTime at;
        if (day == null) {
          LocalDate date = today;
          if (time.start() < 24 * 60
              && LocalTime.of(time.start() / 60, time.start() % 60).isBefore(nowTime)) {
            date = date.plusDays(1);
          }
          at = date.atStartOfDay().plusMinutes(time.start());
        } else {
          at = day.date().atStartOfDay().plusMinutes(time.start());
          if (day.flexible() && day.date().equals(today) && at.toLocalTime().isBefore(nowTime)) {
            at = at.plusWeeks(1);
          }
        }
        out.add(at);
      }
      return out;
    }

    // ---- consuming ----------------------------------------------------------------------------

    private void consume(Matcher m) {
      for (int i = m.start(); i < m.end(); i++) {
        text.setCharAt(i, ' ');
      }
    }

    private void consumeAll(Pattern pattern) {
      Matcher m = pattern.matcher(text);
      while (m.find()) {
        consume(m);
      }
    }
  }

  private record DayRef(int position, LocalDate date, boolean flexible) {}

  /** Minutes after midnight; {@code end} only for a range. */
  private record TimeRef(int position, int start, Integer end) {}
}
