package io.sahabot.agent.offline.domain;

import io.sahabot.agent.offline.domain.Reading.TimeRef;
import java.util.Comparator;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/** Durations, times and time ranges, with am/pm, "sabah"/"akşam" and the evening rule. */
final class TimeGrammar {

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

  static void readDurations(Reading r) {
    Matcher m = DURATION_HOURS.matcher(r.text);
    if (m.find()) {
      String amount = m.group(1).replace(',', '.');
      double hours =
          WORD_NUMBERS.containsKey(amount) ? WORD_NUMBERS.get(amount) : Double.parseDouble(amount);
      if (m.group(2) != null) {
        hours += 0.5;
      }
      r.durationMinutes = (int) Math.round(hours * 60);
      r.consume(m);
    }
    m = DURATION_MINUTES.matcher(r.text);
    if (m.find()) {
      r.durationMinutes = m.group(1) == null ? 30 : Integer.parseInt(m.group(1));
      r.consume(m);
    }
  }

  static void readTimes(Reading r) {
    Matcher m = HALF_PAST.matcher(r.text);
    while (m.find()) {
      int hour = Integer.parseInt(m.group(1));
      if (hour <= 24) {
        r.times.add(new TimeRef(m.start(), adjust(r, hour, 30, null, m.start()), null));
        r.consume(m);
      }
    }
    m = TIME_RANGE.matcher(r.text);
    while (m.find()) {
      int h1 = Integer.parseInt(m.group(1));
      int h2 = Integer.parseInt(m.group(4));
      int m1 = minutes(m.group(2));
      int m2 = minutes(m.group(5));
      if (h1 > 24 || h2 > 24 || m1 > 59 || m2 > 59) {
        continue;
      }
      int start = adjust(r, h1, m1, m.group(3) != null ? m.group(3) : m.group(6), m.start());
      boolean shifted = start != h1 * 60 + m1;
      int end;
      if (m.group(6) != null) {
        end = adjust(r, h2, m2, m.group(6), m.start());
      } else if (shifted && h2 <= 12) {
        end = (h2 + 12) * 60 + m2;
      } else {
        end = h2 * 60 + m2;
      }
      if (end <= start) {
        continue;
      }
      r.times.add(new TimeRef(m.start(), start, end));
      r.consume(m);
    }
    m = TIME_SINGLE.matcher(r.text);
    while (m.find()) {
      int hour = Integer.parseInt(m.group(1));
      int minute = minutes(m.group(2));
      if (hour > 24 || minute > 59) {
        continue;
      }
      r.times.add(new TimeRef(m.start(), adjust(r, hour, minute, m.group(3), m.start()), null));
      r.consume(m);
    }
    r.times.sort(Comparator.comparingInt(TimeRef::position));
  }

  private static int minutes(String group) {
    return group == null ? 0 : Integer.parseInt(group);
  }

  /** Minutes after midnight for an hour as written, by its qualifiers and the evening rule. */
  private static int adjust(Reading r, int hour, int minute, String suffix, int position) {
    String before =
        r.folded.substring(Math.max(0, position - 24), Math.min(position, r.folded.length()));
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
      if (evening >= r.ctx.openMinute() && evening < r.ctx.closeMinute()) {
        h = hour + 12;
      }
    }
    return h * 60 + minute;
  }

  private TimeGrammar() {}
}
