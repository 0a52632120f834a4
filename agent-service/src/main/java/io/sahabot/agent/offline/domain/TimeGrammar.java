package io.sahabot.agent.offline.domain;

import io.sahabot.agent.offline.domain.Reading.TimeRef;
import io.sahabot.agent.offline.domain.Tokens.Token;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.regex.Pattern;

/**
 * Durations, times and time ranges, read from tokens ({@link Tokens}) by small rules.
 *
 * <ul>
 *   <li>A time: "21", "saat 21", "21:00", "21.00", "9'da", "9 buçuk" (9:30), "9'u çeyrek geçe"
 *       (9:15), "10'a çeyrek var" (9:45), "7pm", "7 pm", "8 o'clock", "half past 8", "quarter past
 *       7", "quarter to 9". A bare hour from 1 to 11 is the evening when that is within opening
 *       hours; "sabah", "morning", "am" keep the morning; "akşam", "gece", "tonight" the evening.
 *   <li>A range: two times joined by "-", "to", "until", "ile … arası", "ila", "between … and",
 *       "from … to", or a Turkish "from" ending ("20:00'den 22:00'ye"); an am/pm on the second
 *       applies to the first when it fits ("8 to 10pm" is 20–22).
 *   <li>A duration (up to six hours; "9 saat aralığı" is a time): "2 saat", "2 saatlik", "1.5
 *       saat", "1,5 saat", "bir buçuk saat", "yarım saat", "1 saat 30 dakika", "90 dakika", "90
 *       dk", "2 hours", "2-hour", "an hour and a half", "one and a half hours", "half an hour", "90
 *       minutes".
 * </ul>
 *
 * A time the rules see but cannot read (25:00, 21:75, a range that ends before it starts) marks the
 * time unclear, so that the message is asked about rather than guessed.
 */
final class TimeGrammar {

  private static final Map<String, Double> WORD_NUMBERS =
      Map.ofEntries(
          Map.entry("bir", 1.0),
          Map.entry("iki", 2.0),
          Map.entry("uc", 3.0),
          Map.entry("dort", 4.0),
          Map.entry("one", 1.0),
          Map.entry("two", 2.0),
          Map.entry("three", 3.0),
          Map.entry("four", 4.0),
          Map.entry("a", 1.0),
          Map.entry("an", 1.0),
          Map.entry("yarim", 0.5));

  private static final Pattern EVENING =
      Pattern.compile(
          "(aksam|gece|evening|night|tonight)\\w*\\s*(?:saat|at|around|about|civari)?\\s*$");
  private static final Pattern AFTERNOON =
      Pattern.compile(
          "(ogle|oglen|ogleden sonra|afternoon|noon)\\w*\\s*(?:saat|at|around|about|civari)?\\s*$");
  private static final Pattern MORNING =
      Pattern.compile(
          "(sabah|morning|sabahin|sabahleyin)\\w*\\s*(?:saat|at|around|about|civari)?\\s*$");

  /** The meridiem of an hour written with a leading zero ("09"): as written, no evening rule. */
  private static final String H24 = "24h";

  /** A time of day as written, before the evening rule. */
  private record Clock(
      int hour, int minute, String meridiem, int position, int next, boolean from, boolean valid) {}

  // ---- durations -----------------------------------------------------------------------------

  static void readDurations(Reading r) {
    List<Token> t = Tokens.of(r.text);
    for (int i = 0; i < t.size(); i++) {
      Token a = t.get(i);
      int j;
      double amount;
      if (a.is("half") && Tokens.at(t, i + 1).is("an", "a") && isHour(t, i + 2)) {
        finish(r, t, i, i + 3, 30);
        return;
      }
      if (a.number()) {
        Token before = Tokens.at(t, i - 1);
        if (a.text().length() > 3 || (before.is(":", ".", "-", "/") && a.attached())) {
          continue;
        }
        amount = a.value();
        j = i + 1;
        if (Tokens.at(t, j).is(".", ",")
            && Tokens.at(t, j).attached()
            && Tokens.at(t, j + 1).number()
            && Tokens.at(t, j + 1).attached()
            && Tokens.at(t, j + 1).text().length() == 1) {
          amount += Tokens.at(t, j + 1).value() / 10.0;
          j += 2;
        }
      } else if (WORD_NUMBERS.containsKey(a.text())) {
        amount = WORD_NUMBERS.get(a.text());
        j = i + 1;
      } else {
        continue;
      }
      if (Tokens.at(t, j).startsWith("bucuk")) {
        amount += 0.5;
        j++;
      }
      if (andAHalf(t, j)) {
        amount += 0.5;
        j += 3;
      }
      if (Tokens.at(t, j).is("-") && Tokens.at(t, j + 1).startsWith("hour")) {
        j++;
      }
      if (isHour(t, j) && amount > 0 && amount <= 6) {
        int minutes = (int) Math.round(amount * 60);
        j++;
        if (andAHalf(t, j)) {
          minutes += 30;
          j += 3;
        } else if (Tokens.at(t, j).startsWith("bucuk")) {
          minutes += 30;
          j++;
        } else if (Tokens.at(t, j).number() && isMinute(Tokens.at(t, j + 1))) {
          minutes += Tokens.at(t, j).value();
          j += 2;
        }
        finish(r, t, i, j, minutes);
        return;
      }
      if (a.number() && isMinute(Tokens.at(t, j)) && amount >= 10 && amount <= 600) {
        finish(r, t, i, j + 1, (int) amount);
        return;
      }
    }
  }

  private static void finish(Reading r, List<Token> t, int from, int to, int minutes) {
    r.durationMinutes = minutes;
    Tokens.consume(r, t, from, to);
  }

  private static boolean isHour(List<Token> t, int j) {
    Token u = Tokens.at(t, j);
    return (u.is("saat") && !Tokens.at(t, j + 1).number())
        || u.startsWith("saatlik", "saatlig")
        || u.startsWith("hour")
        || u.is("hr", "hrs")
        || (u.is("h") && u.attached());
  }

  private static boolean isMinute(Token u) {
    return u.startsWith("dakika", "minute") || u.is("dk", "min", "mins", "dak");
  }

  private static boolean andAHalf(List<Token> t, int j) {
    return Tokens.at(t, j).is("and", "ve")
        && Tokens.at(t, j + 1).is("a")
        && Tokens.at(t, j + 2).is("half");
  }

  // ---- times ---------------------------------------------------------------------------------

  static void readTimes(Reading r) {
    List<Token> t = Tokens.of(r.text);
    for (int i = 0; i < t.size(); i++) {
      boolean between = t.get(i).is("between", "from");
      int first = between ? i + 1 : i;
      Clock c1 = clock(t, first);
      if (c1 == null) {
        continue;
      }
      int j = c1.next();
      int k = -1;
      if (c1.from()) {
        k = j;
      } else if (Tokens.at(t, j).is("-", "to", "until", "till", "ila", "ile")) {
        k = j + 1;
      } else if (Tokens.at(t, j).is("and", "ve") && (between || rangeWordAfter(t, j))) {
        k = j + 1;
      }
      Clock c2 = k >= 0 ? clock(t, k) : null;
      int end;
      if (c2 != null) {
        end = c2.next();
        if (Tokens.at(t, end).startsWith("arasi", "arasin", "kadar")) {
          end++;
        }
        range(r, c1, c2);
      } else {
        end = c1.next();
        single(r, c1);
      }
      Tokens.consume(r, t, i, end);
      i = end - 1;
    }
    r.times.sort(Comparator.comparingInt(TimeRef::position));
  }

  private static boolean rangeWordAfter(List<Token> t, int j) {
    for (int k = j + 1; k <= j + 6; k++) {
      if (Tokens.at(t, k).startsWith("arasi", "arasin")) {
        return true;
      }
    }
    return false;
  }

  private static void single(Reading r, Clock c) {
    if (!c.valid() || c.hour() == 24) {
      r.unclear.add("time");
      return;
    }
    r.times.add(
        new TimeRef(
            c.position(), adjust(r, c.hour(), c.minute(), c.meridiem(), c.position()), null));
  }

  private static void range(Reading r, Clock c1, Clock c2) {
    if (!c1.valid() || !c2.valid()) {
      r.unclear.add("time");
      return;
    }
    String m1 = c1.meridiem();
    if (m1 == null && c2.meridiem() != null && c1.hour() < 12) {
      int second = adjust(r, c2.hour(), c2.minute(), c2.meridiem(), c2.position());
      if ((c1.hour() + 12) * 60 + c1.minute() < second) {
        m1 = c2.meridiem();
      }
    }
    int start = adjust(r, c1.hour(), c1.minute(), m1, c1.position());
    boolean shifted = start != c1.hour() * 60 + c1.minute();
    int end;
    if (c2.meridiem() != null) {
      end = adjust(r, c2.hour(), c2.minute(), c2.meridiem(), c2.position());
    } else if (shifted && c2.hour() <= 12) {
      end = (c2.hour() + 12) * 60 + c2.minute();
    } else {
      end = c2.hour() * 60 + c2.minute();
    }
    if (end <= start || start >= 24 * 60) {
      r.unclear.add("time");
      return;
    }
    r.times.add(new TimeRef(c1.position(), start, end));
  }

  /** A time of day starting at token {@code i}, or null. */
  private static Clock clock(List<Token> t, int i) {
    Token a = Tokens.at(t, i);
    if (a.is("half") && Tokens.at(t, i + 1).is("past") && hour(t, i + 2)) {
      return phrase(t, i, i + 2, 0, 30);
    }
    int q = a.is("a") && Tokens.at(t, i + 1).is("quarter") ? i + 1 : i;
    if (Tokens.at(t, q).is("quarter") && hour(t, q + 2)) {
      if (Tokens.at(t, q + 1).is("past", "after")) {
        return phrase(t, i, q + 2, 0, 15);
      }
      if (Tokens.at(t, q + 1).is("to", "til", "till")) {
        return phrase(t, i, q + 2, -1, 45);
      }
    }
    if (a.is("noon")) {
      return new Clock(12, 0, null, a.start(), i + 1, false, true);
    }
    if (!a.number() || a.text().length() > 2) {
      return null;
    }
    Token before = Tokens.at(t, i - 1);
    if (before.is(":", ".", "/") && a.attached()) {
      return null;
    }
    int hour = a.value();
    int minute = 0;
    int j = i + 1;
    boolean valid = true;
    Token sep = Tokens.at(t, j);
    if (sep.is(":", ".") && sep.attached() && Tokens.at(t, j + 1).number()) {
      Token mm = Tokens.at(t, j + 1);
      if (!mm.attached() || mm.text().length() != 2) {
        valid = false;
      }
      minute = mm.value();
      j += 2;
    }
    // "09:00", "08.30": an hour written with its leading zero is the 24-hour clock's, never the
    // evening's
    String meridiem = a.text().length() == 2 && a.text().charAt(0) == '0' ? H24 : null;
    if (Tokens.at(t, j).is("am", "pm")) {
      meridiem = Tokens.at(t, j).text();
      j++;
    } else if (Tokens.at(t, j).is("o")
        && Tokens.at(t, j + 1).is("'")
        && Tokens.at(t, j + 2).is("clock")) {
      j += 3;
    }
    boolean from = false;
    if (Tokens.at(t, j).startsWith("bucuk") && minute == 0) {
      minute = 30;
      j++;
    } else {
      int s = Tokens.suffix(t, j);
      Token after = Tokens.at(t, s);
      if (after.is("ceyrek") && Tokens.at(t, s + 1).startsWith("gece")) {
        minute = 15;
        j = s + 2;
      } else if (after.is("ceyrek") && Tokens.at(t, s + 1).startsWith("var")) {
        hour -= 1;
        minute = 45;
        j = s + 2;
      } else if (s > j) {
        String ending = Tokens.at(t, s - 1).text();
        from =
            ending.equals("den")
                || ending.equals("dan")
                || ending.equals("ten")
                || ending.equals("tan");
        j = s;
        if (Tokens.at(t, j).startsWith("bucuk") && minute == 0) {
          minute = 30;
          j++;
        }
      }
    }
    if (hour > 24 || hour < 0 || minute > 59 || (hour == 24 && minute > 0)) {
      valid = false;
    }
    if (meridiem != null && !meridiem.equals(H24) && (hour == 0 || hour > 12)) {
      valid = false;
    }
    return new Clock(hour, minute, meridiem, a.start(), j, from, valid);
  }

  private static boolean hour(List<Token> t, int i) {
    Token h = Tokens.at(t, i);
    return h.number() && h.text().length() <= 2 && h.value() >= 1 && h.value() <= 12;
  }

  /** "half past 8", "quarter to 9": the hour at {@code hourAt}, shifted, with its am/pm. */
  private static Clock phrase(List<Token> t, int i, int hourAt, int shift, int minute) {
    int j = hourAt + 1;
    String meridiem = null;
    if (Tokens.at(t, j).is("am", "pm")) {
      meridiem = Tokens.at(t, j).text();
      j++;
    }
    int hour = Tokens.at(t, hourAt).value() + shift;
    if (hour == 0) {
      hour = 12;
    }
    return new Clock(hour, minute, meridiem, t.get(i).start(), j, false, true);
  }

  /** Minutes after midnight for an hour as written, by its qualifiers and the evening rule. */
  private static int adjust(Reading r, int hour, int minute, String suffix, int position) {
    String before =
        r.folded.substring(Math.max(0, position - 24), Math.min(position, r.folded.length()));
    String s = suffix == null ? "" : suffix;
    int h = hour;
    if (s.equals(H24)) {
      h = hour;
    } else if (s.equals("pm")) {
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
      if (evening >= r.ctx.openMinute() && evening < r.ctx.closeMinute()) {
        h = hour + 12;
      }
    }
    return h * 60 + minute;
  }

  private TimeGrammar() {}
}
