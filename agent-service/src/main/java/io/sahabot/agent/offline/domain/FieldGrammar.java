package io.sahabot.agent.offline.domain;

import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/** The field a message names: a tenant's by name, "saha 2", "2 nolu saha", "ikinci saha". */
final class FieldGrammar {

  private static final Pattern FIELD_NUMBER_AFTER =
      Pattern.compile(
          "\\b(?:saha|field|pitch|court|kort)\\s*(?:no\\.?\\s*|numara\\s*|#)?(\\d{1,2})\\b"
              + "(?![:.]\\d|\\s*(?:-|to\\b|am\\b|pm\\b|ile\\b))");
  private static final Pattern FIELD_NUMBER_BEFORE =
      Pattern.compile(
          "\\b(\\d{1,2})\\s*(\\.|'?(?:nci|inci|uncu|ncu|nolu|no'lu|numarali))?\\s*(?:saha|field|pitch|court|kort)\\b");
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

  static void readField(Reading r) {
    for (String candidate :
        r.ctx.fields().stream()
            .sorted(Comparator.comparingInt(String::length).reversed())
            .toList()) {
      Pattern exact = Pattern.compile("\\b" + Pattern.quote(Folding.fold(candidate)) + "\\b");
      if (exact.matcher(r.text).find()) {
        r.field = candidate;
        r.consumeAll(exact);
        return;
      }
    }
    for (Pattern p : List.of(FIELD_NUMBER_AFTER, FIELD_NUMBER_BEFORE)) {
      Matcher m = p.matcher(r.text);
      while (m.find()) {
        int n = Integer.parseInt(m.group(1));
        if (p == FIELD_NUMBER_BEFORE && m.group(2) == null && n > r.ctx.fields().size()) {
          continue; // "saat 21 saha ayır": an hour before the word, not a field
        }
        r.field = fieldNumbered(r, n);
        r.consume(m);
        return;
      }
    }
    Matcher m = FIELD_ORDINAL.matcher(r.text);
    if (m.find()) {
      r.field = fieldNumbered(r, ORDINALS.get(m.group(1)));
      r.consume(m);
    }
  }

  private static String fieldNumbered(Reading r, int n) {
    for (String candidate : r.ctx.fields()) {
      if (Folding.fold(candidate).matches(".*\\D" + n + "$") || candidate.equals("" + n)) {
        return candidate;
      }
    }
    return "Saha " + n;
  }

  private FieldGrammar() {}
}
