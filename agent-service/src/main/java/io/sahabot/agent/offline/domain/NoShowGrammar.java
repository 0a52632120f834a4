package io.sahabot.agent.offline.domain;

import java.text.Normalizer;
import java.time.LocalDate;
import java.time.LocalTime;
import java.time.ZonedDateTime;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * An owner saying a customer did not come: "Mehmet gelmedi", "dünkü 21:00 gelmedi", "Ali didn't
 * show up"; or, in advance, will not come: "Ali bugün gelmeyecek", "Ahmet's 21:00 won't come" (the
 * slot is freed, and offered to its waitlist). What comes before the verb names the customer (any
 * word that is not a day, a time or a filler) and optionally the day and the start time.
 */
public final class NoShowGrammar {

  private static final Locale TR = Locale.forLanguageTag("tr");
  private static final Pattern VERB =
      Pattern.compile(
          "\\b(gelmedi(ler)?|gelmemis|didn'?t (show|come|turn)|did not (show|come|turn)"
              + "|no[- ]?show)\\b");
  private static final Pattern AHEAD =
      Pattern.compile(
          "\\b(gel(e)?meyecek(ler)?|gelmiyor(lar)?|won'?t (show|come|make it|turn up)"
              + "|will not (show|come|make it|turn up)|(is|are)n'?t coming|not coming)\\b");
  private static final Pattern TIME = Pattern.compile("\\b([01]?\\d|2[0-3])[:.]([0-5]\\d)\\b");
  private static final Pattern HOUR = Pattern.compile("\\b(?:saat|at) ([01]?\\d|2[0-3])\\b");
  private static final Pattern EVENING = Pattern.compile("\\b(aksam|gece|evening|tonight|pm)\\b");
  private static final Set<String> FILLERS =
      Set.of(
          "saat",
          "aksam",
          "sabah",
          "gece",
          "ogle",
          "ogleden",
          "sonra",
          "mac",
          "maci",
          "maca",
          "macina",
          "macta",
          "rezervasyon",
          "rezervasyonu",
          "rezervasyona",
          "bugun",
          "bugunku",
          "dun",
          "dunku",
          "yarin",
          "yarinki",
          "tomorrow",
          "tomorrows",
          "s",
          "evvelsi",
          "onceki",
          "gun",
          "gunku",
          "at",
          "the",
          "up",
          "yesterday",
          "today",
          "for",
          "his",
          "her",
          "booking",
          "match",
          "game",
          "on",
          "in",
          "evening",
          "tonight",
          "pm",
          "am",
          "de",
          "da",
          "ki",
          "bey",
          "hanim",
          "abi",
          "musteri",
          "customer",
          "ve",
          "and",
          "hala",
          "still",
          "yine");

  private NoShowGrammar() {}

  /**
   * Who did not come (or, {@code upcoming}, will not come to a reservation still to come), and
   * when.
   */
  public record NoShow(String customerName, LocalDate date, LocalTime time, boolean upcoming) {

    /** A no-show of a reservation that has started. */
    public NoShow(String customerName, LocalDate date, LocalTime time) {
      this(customerName, date, time, false);
    }
  }

  /** The no-show {@code text} reports, relative to {@code now}; empty when it reports none. */
  public static Optional<NoShow> read(String text, ZonedDateTime now) {
    if (text == null) {
      return Optional.empty();
    }
    String folded = fold(text).replace('’', '\'');
    Matcher verb = AHEAD.matcher(folded);
    boolean upcoming = verb.find();
    if (!upcoming) {
      verb = VERB.matcher(folded);
      if (!verb.find()) {
        return Optional.empty();
      }
    }
    String before = folded.substring(0, verb.start());
    LocalDate today = now.toLocalDate();
    LocalDate date = null;
    if (upcoming && folded.matches(".*\\b(yarin|yarinki|tomorrow'?s?)\\b.*")) {
      date = today.plusDays(1);
    } else if (upcoming && folded.matches(".*\\b(bugun|bugunku|today|tonight)\\b.*")) {
      date = today;
    } else if (before.matches(".*\\b(evvelsi gun|onceki gun|day before yesterday)\\b.*")) {
      date = today.minusDays(2);
    } else if (before.matches(".*\\b(dun|dunku|yesterday)\\b.*")) {
      date = today.minusDays(1);
    } else if (before.matches(".*\\b(bugun|bugunku|today|tonight|this (morning|evening))\\b.*")) {
      date = today;
    }
    LocalTime time = null;
    Matcher t = TIME.matcher(before);
    if (t.find()) {
      time = LocalTime.of(Integer.parseInt(t.group(1)), Integer.parseInt(t.group(2)));
    } else {
      Matcher h = HOUR.matcher(before);
      if (h.find()) {
        int hour = Integer.parseInt(h.group(1));
        if (hour < 12 && EVENING.matcher(before).find()) {
          hour += 12;
        }
        time = LocalTime.of(hour, 0);
      }
    }
    List<String> name = new ArrayList<>();
    for (String word : text.substring(0, Math.min(text.length(), verb.start())).split("\\s+")) {
      String bare = word.replaceAll("['’].*$", "").replaceAll("[^\\p{L}]", "");
      if (bare.length() >= 2 && !FILLERS.contains(fold(bare)) && !bare.matches("\\d+")) {
        name.add(bare);
      }
    }
    return Optional.of(
        new NoShow(name.isEmpty() ? null : String.join(" ", name), date, time, upcoming));
  }

  /** Lower case, Turkish letters as their Latin base. */
  static String fold(String s) {
    String lower = s.toLowerCase(TR).replace('ı', 'i');
    return Normalizer.normalize(lower, Normalizer.Form.NFD).replaceAll("\\p{M}", "");
  }
}
