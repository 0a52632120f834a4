package io.sahabot.agent.offline.domain;

import java.util.Optional;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * A field size a customer asks for, as players a side: "7'ye 7 saha var mı", "6'ya 6", "7+7",
 * "7x7", "7v7", "7-a-side pitch", "7 kişilik saha" read as {@code 7+7}.
 */
public final class SizeGrammar {

  private static final Pattern PAIR =
      Pattern.compile(
          "(?<![\\d:.])(\\d{1,2})\\s*(?:'?\\s*(?:y?[ae])\\s+|\\s*[+x]\\s*|\\s*vs?\\s*)(\\d{1,2})(?![\\d:.])");
  private static final Pattern A_SIDE = Pattern.compile("\\b(\\d{1,2})[- ]a[- ]side\\b");
  private static final Pattern PLAYERS = Pattern.compile("\\b(\\d{1,2})\\s*kisilik\\b");
  private static final Pattern CONTEXT =
      Pattern.compile("\\b(saha\\w*|field\\w*|pitch\\w*|court\\w*|kort\\w*|a side|kisilik)\\b");

  private SizeGrammar() {}

  /** The size asked for ({@code "7+7"}); empty when the message names none. */
  public static Optional<String> read(String message) {
    String text = AdminGrammar.fold(message == null ? "" : message);
    if (!CONTEXT.matcher(text).find()) {
      return Optional.empty();
    }
    Matcher pair = PAIR.matcher(text);
    while (pair.find()) {
      if (pair.group(1).equals(pair.group(2)) && plausible(pair.group(1))) {
        return Optional.of(pair.group(1) + "+" + pair.group(2));
      }
    }
    for (Pattern p : new Pattern[] {A_SIDE, PLAYERS}) {
      Matcher m = p.matcher(text);
      if (m.find()) {
        int n = Integer.parseInt(m.group(1));
        int side = p == PLAYERS ? n / 2 : n;
        if (plausible(Integer.toString(side))) {
          return Optional.of(side + "+" + side);
        }
      }
    }
    return Optional.empty();
  }

  private static boolean plausible(String players) {
    int n = Integer.parseInt(players);
    return n >= 3 && n <= 11;
  }
}
