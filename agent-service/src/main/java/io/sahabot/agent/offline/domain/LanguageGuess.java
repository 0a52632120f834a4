package io.sahabot.agent.offline.domain;

import java.util.Locale;
import java.util.Set;
import java.util.regex.Pattern;

/**
 * Whether a message is Turkish or English, by its letters and its everyday words; neither when it
 * does not show ("9", "ok", "Saha 2"): the conversation's language then stays as it was.
 */
public final class LanguageGuess {

  private static final Pattern TURKISH_LETTERS = Pattern.compile("[çğışöüÇĞİŞÖÜ]");
  private static final Pattern WORD = Pattern.compile("[a-z']+");

  private static final Set<String> TURKISH =
      Set.of(
          "merhaba",
          "uzgunum",
          "maalesef",
          "selam",
          "slm",
          "mrb",
          "evet",
          "hayir",
          "olur",
          "tamam",
          "yarin",
          "bugun",
          "bos",
          "mu",
          "mi",
          "musait",
          "saat",
          "saatte",
          "aksam",
          "sabah",
          "gece",
          "ayir",
          "ayirin",
          "ayirir",
          "rezervasyon",
          "rezervasyonlarim",
          "rezervasyonumu",
          "iptal",
          "olsun",
          "istiyorum",
          "icin",
          "lutfen",
          "tesekkurler",
          "tesekkur",
          "sag",
          "degil",
          "var",
          "yok",
          "kac",
          "ne",
          "neler",
          "haftaya",
          "gelecek",
          "pazartesi",
          "sali",
          "carsamba",
          "persembe",
          "cuma",
          "cumartesi",
          "pazar",
          "vazgectim",
          "onu",
          "ilkini",
          "sonuncusu",
          "alayim",
          "et",
          "ucret",
          "fiyat",
          "kadar",
          "nedir",
          "bir",
          "daha",
          "pardon",
          "de",
          "da",
          "ile",
          "hafta",
          "sonu",
          "bu",
          "yap",
          "rezerve",
          "boş",
          "acik",
          "kapali",
          "musaitlik");
  private static final Set<String> ENGLISH =
      Set.of(
          "hello",
          "hi",
          "hey",
          "is",
          "are",
          "free",
          "available",
          "book",
          "booking",
          "bookings",
          "tomorrow",
          "today",
          "tonight",
          "please",
          "yes",
          "yeah",
          "yep",
          "no",
          "nope",
          "the",
          "my",
          "cancel",
          "what",
          "when",
          "how",
          "much",
          "thanks",
          "thank",
          "you",
          "sure",
          "can",
          "i",
          "pm",
          "am",
          "next",
          "this",
          "field",
          "want",
          "need",
          "it",
          "at",
          "on",
          "for",
          "to",
          "monday",
          "tuesday",
          "wednesday",
          "thursday",
          "friday",
          "saturday",
          "sunday",
          "show",
          "reservation",
          "reservations",
          "price",
          "week",
          "weekend",
          "first",
          "one",
          "that",
          "do",
          "have",
          "there",
          "any",
          "slot",
          "slots",
          "hour",
          "hours",
          "earn",
          "did",
          "last",
          "make",
          "instead",
          "not",
          "of",
          "and",
          "morning",
          "evening",
          "afternoon");

  private LanguageGuess() {}

  /** {@code tr}, {@code en}, or null when the message does not show its language. */
  public static String of(String message) {
    if (message == null || message.isBlank()) {
      return null;
    }
    int tr = TURKISH_LETTERS.matcher(message).find() ? 2 : 0;
    int en = 0;
    var words = WORD.matcher(Folding.fold(message).toLowerCase(Locale.ROOT));
    while (words.find()) {
      String w = words.group().replace("'", "");
      if (TURKISH.contains(w)) {
        tr++;
      }
      if (ENGLISH.contains(w)) {
        en++;
      }
    }
    return tr > en ? "tr" : en > tr ? "en" : null;
  }

  /**
   * Whether a reply mixes the two languages in one sentence: a sentence with Turkish letters or
   * words and English words.
   */
  public static boolean mixes(String reply) {
    for (String sentence : reply.split("[.!?\\n:•]+")) {
      int tr = 0;
      String[] tokens = sentence.strip().split("\\s+");
      for (int i = 0; i < tokens.length; i++) {
        String token = tokens[i];
        // a name inside a sentence ("Yıldız Halı Saha", "Ayşe") is written as it is in either
        // language; the sentence's first word is not a name
        boolean name = i > 0 && !token.isEmpty() && Character.isUpperCase(token.codePointAt(0));
        if (!name && TURKISH_LETTERS.matcher(token).find()) {
          tr = 2;
        }
      }
      int en = 0;
      var words = WORD.matcher(Folding.fold(sentence).toLowerCase(Locale.ROOT));
      while (words.find()) {
        String w = words.group().replace("'", "");
        if (TURKISH.contains(w) && !ENGLISH.contains(w)) {
          tr++;
        }
        if (ENGLISH.contains(w) && !TURKISH.contains(w)) {
          en++;
        }
      }
      if (tr > 0 && en > 1) {
        return true;
      }
    }
    return false;
  }
}
