package io.sahabot.agent.offline.domain;

import java.util.ArrayList;
import java.util.List;
import java.util.Set;

/**
 * The words, numbers and signs of a (folded, partly blanked) text, each with its place, for the
 * date and time rules: "20:00'den" is {@code 20 : 00 ' den}, "9da" is {@code 9 da}.
 */
final class Tokens {

  /** Turkish case endings written after a number or a name, with or without an apostrophe. */
  static final Set<String> SUFFIXES =
      Set.of(
          "de", "da", "te", "ta", "e", "a", "ye", "ya", "i", "u", "yi", "yu", "den", "dan", "ten",
          "tan", "dir", "dur", "ne", "na", "nde", "nda", "inde", "unda", "si", "su", "ndan", "nden",
          "ine", "una", "inci", "nci", "uncu", "ncu");

  /** One token: its text and where it starts and ends in the text read. */
  record Token(String text, int start, int end, boolean spaceBefore) {

    boolean number() {
      return Character.isDigit(text.charAt(0));
    }

    boolean word() {
      return Character.isLetter(text.charAt(0));
    }

    int value() {
      return text.length() > 4 ? Integer.MAX_VALUE : Integer.parseInt(text);
    }

    boolean is(String... candidates) {
      for (String c : candidates) {
        if (text.equals(c)) {
          return true;
        }
      }
      return false;
    }

    boolean startsWith(String... stems) {
      for (String s : stems) {
        if (text.startsWith(s)) {
          return true;
        }
      }
      return false;
    }

    /** Written right after the token before it, with no space between. */
    boolean attached() {
      return !spaceBefore;
    }
  }

  private Tokens() {}

  static List<Token> of(CharSequence text) {
    List<Token> out = new ArrayList<>();
    int i = 0;
    boolean space = true;
    while (i < text.length()) {
      char c = text.charAt(i);
      if (Character.isWhitespace(c)) {
        space = true;
        i++;
        continue;
      }
      int j = i + 1;
      if (Character.isDigit(c)) {
        while (j < text.length() && Character.isDigit(text.charAt(j))) {
          j++;
        }
      } else if (Character.isLetter(c)) {
        while (j < text.length() && Character.isLetter(text.charAt(j))) {
          j++;
        }
      }
      out.add(new Token(text.subSequence(i, j).toString(), i, j, space));
      space = false;
      i = j;
    }
    return out;
  }

  /** The token at {@code i}, or a blank one past the end, so that rules can look ahead freely. */
  static Token at(List<Token> tokens, int i) {
    if (i < 0 || i >= tokens.size()) {
      return new Token(" ", Integer.MAX_VALUE, Integer.MAX_VALUE, true);
    }
    return tokens.get(i);
  }

  /**
   * The index after a Turkish ending at {@code i} ("'da", "da", "'e"), or {@code i} when there is
   * none. A separate "de"/"da" counts too ("9 da").
   */
  static int suffix(List<Token> tokens, int i) {
    Token t = at(tokens, i);
    if (t.is("'") && t.attached() && at(tokens, i + 1).attached()) {
      Token s = at(tokens, i + 1);
      return s.word() && (SUFFIXES.contains(s.text) || s.text.length() <= 5) ? i + 2 : i + 1;
    }
    if (t.word() && t.attached() && SUFFIXES.contains(t.text)) {
      return i + 1;
    }
    if (t.word() && t.is("de", "da", "te", "ta")) {
      return i + 1;
    }
    return i;
  }

  /** Blanks out tokens {@code from} (inclusive) to {@code to} (exclusive) of the reading's text. */
  static void consume(Reading r, List<Token> tokens, int from, int to) {
    if (to <= from) {
      return;
    }
    int start = tokens.get(from).start();
    int end = tokens.get(to - 1).end();
    for (int k = start; k < end; k++) {
      r.text.setCharAt(k, ' ');
    }
  }
}
