package io.sahabot.agent.turn;

/**
 * A value of the system prompt's facts block ({@code key=value}, one per line): written on one line
 * by the prompt, read back as written by the offline model.
 */
public final class FactsText {

  private FactsText() {}

  /** {@code text} on one line: {@code \\} and {@code \n} escaped, {@code \r} dropped. */
  public static String oneLine(String text) {
    return text.replace("\\", "\\\\").replace("\r", "").replace("\n", "\\n");
  }

  /** A value of {@link #oneLine} back as it was written. */
  public static String unescape(String value) {
    StringBuilder out = new StringBuilder(value.length());
    for (int i = 0; i < value.length(); i++) {
      char c = value.charAt(i);
      if (c == '\\' && i + 1 < value.length()) {
        char next = value.charAt(++i);
        out.append(next == 'n' ? '\n' : next);
      } else {
        out.append(c);
      }
    }
    return out.toString();
  }
}
