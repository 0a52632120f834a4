package io.sahabot.agent.offline.domain;

import java.text.Normalizer;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.function.UnaryOperator;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Text as the rules read it: lower case, Turkish letters folded to ASCII (ç→c, ğ→g, ı→i, ö→o, ş→s,
 * ü→u), apostrophes unified, and words a thumb mistyped by one letter corrected to the vocabulary
 * word they start with.
 */
final class Folding {

  /** Stems the rules look for; a word one edit away from starting with one is corrected. */
  private static final List<String> VOCABULARY =
      List.of(
          "pazartesi",
          "sali",
          "carsamba",
          "persembe",
          "cumartesi",
          "cuma",
          "pazar",
          "monday",
          "tuesday",
          "wednesday",
          "thursday",
          "friday",
          "saturday",
          "sunday",
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
          "january",
          "february",
          "march",
          "april",
          "june",
          "july",
          "august",
          "september",
          "october",
          "november",
          "december",
          "yarin",
          "yarim",
          "sonra",
          "after",
          "bucuk",
          "ceyrek",
          "gelecek",
          "onumuzdeki",
          "weekend",
          "quarter",
          "bugun",
          "aksam",
          "sabah",
          "gece",
          "oglen",
          "ogleden",
          "haftaya",
          "hafta",
          "gecen",
          "onceki",
          "rezervasyon",
          "rezerve",
          "randevu",
          "iptal",
          "ayir",
          "musait",
          "uygun",
          "tablo",
          "sadik",
          "musteri",
          "kazandim",
          "kazanc",
          "ucret",
          "fiyat",
          "merhaba",
          "selam",
          "yardim",
          "saatlik",
          "dakika",
          "minute",
          "hours",
          "field",
          "pitch",
          "between",
          "tomorrow",
          "today",
          "tonight",
          "evening",
          "morning",
          "afternoon",
          "cancel",
          "reservation",
          "booking",
          "available",
          "schedule",
          "table",
          "earn",
          "revenue",
          "loyal",
          "customer",
          "price",
          "hello",
          "please",
          "cancellation",
          "busiest",
          "yogun",
          "sattim",
          "satis",
          "kazan");

  private static final Pattern WORD = Pattern.compile("[a-z]+");

  /**
   * Folded texts and corrected words already seen: both are pure functions of their input, and a
   * message is folded by every part of the grammar that reads it, its words corrected against the
   * whole vocabulary each time (the benchmark's profile had a quarter of agent-service's CPU in
   * {@link #distance}). Emptied when full, so any input is bounded.
   */
  private static final int REMEMBERED = 20_000;

  private static final Map<String, String> FOLDED = new ConcurrentHashMap<>();
  private static final Map<String, String> CORRECTED = new ConcurrentHashMap<>();

  private Folding() {}

  static String fold(String text) {
    return remembered(FOLDED, text, Folding::foldNow);
  }

  private static String remembered(
      Map<String, String> memo, String input, UnaryOperator<String> function) {
    String known = memo.get(input);
    if (known != null) {
      return known;
    }
    String result = function.apply(input);
    if (memo.size() >= REMEMBERED) {
      memo.clear();
    }
    memo.put(input, result);
    return result;
  }

  private static String foldNow(String text) {
    StringBuilder out = new StringBuilder(text.length());
    for (int i = 0; i < text.length(); i++) {
      out.append(foldChar(text.charAt(i)));
    }
    return correctTypos(out.toString());
  }

  private static char foldChar(char c) {
    switch (c) {
      case 'ı', 'İ', 'I' -> {
        return 'i';
      }
      case '’', '‘', 'ʼ', '´', '`' -> {
        return '\'';
      }
      case '–', '—' -> {
        return '-';
      }
      default -> {}
    }
    String decomposed = Normalizer.normalize(String.valueOf(c), Normalizer.Form.NFD);
    char base = decomposed.charAt(0);
    return Character.toLowerCase(base);
  }

  private static String correctTypos(String folded) {
    Matcher words = WORD.matcher(folded);
    StringBuilder out = new StringBuilder();
    while (words.find()) {
      words.appendReplacement(out, Matcher.quoteReplacement(correct(words.group())));
    }
    words.appendTail(out);
    return out.toString();
  }

  /**
   * The word, or the word with its start corrected to a vocabulary stem. A longer stem one edit
   * away wins over a shorter exact one ("pazartsi" is Monday, not "pazar" with a suffix), and a
   * four-letter word missing one letter of a stem is that stem ("yarn" is "yarin"). Of the prefixes
   * one edit from the stem, the whole word wins, then the stem's own length ("haftayya" is
   * "haftaya", not "haftaya" + "a").
   */
  static String correct(String word) {
    if (word.length() < 4) {
      return word;
    }
    return remembered(CORRECTED, word, Folding::correctNow);
  }

  private static String correctNow(String word) {
    int exact = 0;
    for (String stem : VOCABULARY) {
      if (word.startsWith(stem)) {
        exact = Math.max(exact, stem.length());
      }
    }
    List<String> whole = new ArrayList<>();
    List<String> wholeStems = new ArrayList<>();
    List<String> partial = new ArrayList<>();
    List<String> partialStems = new ArrayList<>();
    for (String stem : VOCABULARY) {
      if (stem.length() < 5 || stem.length() <= exact) {
        continue;
      }
      if (word.length() < 5) {
        if (word.length() == stem.length() - 1 && exact == 0 && distance(word, stem) == 1) {
          whole.add(stem);
          wholeStems.add(stem);
        }
        continue;
      }
      int best = -1;
      for (int k = stem.length() - 1; k <= Math.min(word.length(), stem.length() + 1); k++) {
        if (distance(word.substring(0, k), stem) <= 1
            && (best < 0 || k == word.length() || (best != word.length() && k == stem.length()))) {
          best = k;
        }
      }
      if (best == word.length()) {
        whole.add(stem);
        wholeStems.add(stem);
      } else if (best >= 0) {
        partial.add(stem + word.substring(best));
        partialStems.add(stem);
      }
    }
    if (!whole.isEmpty()) {
      return unrelated(wholeStems) ? word : whole.get(0);
    }
    if (!partial.isEmpty()) {
      return unrelated(partialStems) ? word : partial.get(0);
    }
    return word;
  }

  /**
   * Whether two of the stems are different words, not one the other's extension (cuma, cumartesi).
   */
  private static boolean unrelated(List<String> stems) {
    for (String a : stems) {
      for (String b : stems) {
        if (!a.startsWith(b) && !b.startsWith(a)) {
          return true;
        }
      }
    }
    return false;
  }

  /** Optimal string alignment distance (Damerau-Levenshtein with adjacent transpositions). */
  static int distance(String a, String b) {
    int[][] d = new int[a.length() + 1][b.length() + 1];
    for (int i = 0; i <= a.length(); i++) {
      d[i][0] = i;
    }
    for (int j = 0; j <= b.length(); j++) {
      d[0][j] = j;
    }
    for (int i = 1; i <= a.length(); i++) {
      for (int j = 1; j <= b.length(); j++) {
        int cost = a.charAt(i - 1) == b.charAt(j - 1) ? 0 : 1;
        d[i][j] = Math.min(Math.min(d[i - 1][j] + 1, d[i][j - 1] + 1), d[i - 1][j - 1] + cost);
        if (i > 1
            && j > 1
            && a.charAt(i - 1) == b.charAt(j - 2)
            && a.charAt(i - 2) == b.charAt(j - 1)) {
          d[i][j] = Math.min(d[i][j], d[i - 2][j - 2] + 1);
        }
      }
    }
    return d[a.length()][b.length()];
  }

  /** Title case for a name typed in lower case, with Turkish rules (i→İ). */
  static String titleCase(String name) {
    StringBuilder out = new StringBuilder();
    for (String part : name.trim().split("\\s+")) {
      if (!out.isEmpty()) {
        out.append(' ');
      }
      out.append(part.substring(0, 1).toUpperCase(Locale.forLanguageTag("tr")))
          .append(part.substring(1));
    }
    return out.toString();
  }
}
