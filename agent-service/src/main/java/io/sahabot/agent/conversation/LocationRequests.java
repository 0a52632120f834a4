package io.sahabot.agent.conversation;

import java.util.Locale;
import java.util.regex.Pattern;

/**
 * Whether a text asks where the business is ("adres", "konum", "neredesiniz", "where are you"):
 * answered with the business's location message, without the model.
 */
final class LocationRequests {

  private static final Locale TURKISH = Locale.forLanguageTag("tr");

  private static final Pattern ASKS =
      Pattern.compile(
          "\\b(adres\\w*|konum\\w*|nere ?de(siniz|sin|yiz)?|nerdesiniz|yol tarifi\\w*"
              + "|nasil gelir\\w*|where are you|where is (it|the (pitch|field|court|place))"
              + "|where are (the )?(pitch|field|court)s?|address|location|directions)\\b");

  private LocationRequests() {}

  static boolean asks(String text) {
    if (text == null || text.isBlank() || text.length() > 200) {
      return false;
    }
    return ASKS.matcher(fold(text)).find();
  }

  /** Lower case (the Turkish way) without the Turkish letters. */
  static String fold(String text) {
    String lower = text.toLowerCase(TURKISH);
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
            default -> c;
          });
    }
    return out.toString().replace("\u0307", "");
  }
}
