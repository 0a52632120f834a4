package io.sahabot.platform.privacy;

import java.util.Collection;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.stream.Collectors;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.node.ArrayNode;
import tools.jackson.databind.node.ObjectNode;

/**
 * Takes one customer out of a stored JSON document (a stored outcome event, a turn's outbound
 * records), keeping its shape valid for the records it is read as: an object that names the
 * customer by phone or user id (a {@code CustomerRef}, an {@code Actor}, an outbound message's
 * {@code to}) gets the anonymous id instead ({@code phone} becomes null, {@code name} of that
 * object null), and any other text that contains an identifier or one of the names has it replaced
 * by the anonymous id.
 */
public final class PersonalJson {

  private static final Set<String> NAME_KEYS = Set.of("name", "customerName", "profileName");

  private PersonalJson() {}

  /**
   * Scrubs {@code node} in place.
   *
   * @param identifiers the customer's user ids and phones (compared as {@link ErasureList#subject})
   * @param names the customer's names as stored (compared ignoring case)
   * @param anonymous what stands in for the customer from now on, e.g. {@code erased-42}
   * @return whether anything changed
   */
  public static boolean scrub(
      JsonNode node, Collection<String> identifiers, Collection<String> names, String anonymous) {
    Set<String> subjects = ErasureList.subjects(identifiers);
    Set<String> lowerNames =
        names.stream()
            .filter(n -> n != null && n.strip().length() >= 2)
            .map(n -> n.strip().toLowerCase(Locale.ROOT))
            .collect(Collectors.toSet());
    return walk(node, subjects, lowerNames, anonymous);
  }

  private static boolean walk(JsonNode node, Set<String> ids, Set<String> names, String anon) {
    boolean changed = false;
    if (node instanceof ObjectNode object) {
      boolean namesCustomer = false;
      for (Map.Entry<String, JsonNode> e : object.properties()) {
        if (e.getValue().isString() && isIdentifier(e.getValue().asString(), ids)) {
          namesCustomer = true;
        }
      }
      for (String key : object.propertyNames()) {
        JsonNode value = object.get(key);
        if (value.isString()) {
          String text = value.asString();
          if (isIdentifier(text, ids)) {
            if (key.equals("phone")) {
              object.putNull(key);
            } else {
              object.put(key, anon);
            }
            changed = true;
          } else if (namesCustomer && NAME_KEYS.contains(key)) {
            object.putNull(key);
            changed = true;
          } else {
            String replaced = replaceWithin(text, ids, names, anon);
            if (!replaced.equals(text)) {
              object.put(key, replaced);
              changed = true;
            }
          }
        } else {
          changed |= walk(value, ids, names, anon);
        }
      }
      if (namesCustomer
          && object.has("phone")
          && object.get("phone").isNull()
          && object.has("userId")
          && object.get("userId").isNull()) {
        object.put("userId", anon); // a CustomerRef needs one of the two
      }
    } else if (node instanceof ArrayNode array) {
      for (int i = 0; i < array.size(); i++) {
        JsonNode value = array.get(i);
        if (value.isString()) {
          String replaced = replaceWithin(value.asString(), ids, names, anon);
          if (!replaced.equals(value.asString())) {
            array.set(i, array.stringNode(replaced));
            changed = true;
          }
        } else {
          changed |= walk(value, ids, names, anon);
        }
      }
    }
    return changed;
  }

  private static boolean isIdentifier(String text, Set<String> ids) {
    if (text == null || text.isBlank()) {
      return false;
    }
    return ids.contains(ErasureList.subject(text));
  }

  /** A phone number as people write it: "+90 545 403 19 18", "0545-403-1918", "(0545) 4031918". */
  private static final java.util.regex.Pattern WRITTEN_NUMBER =
      java.util.regex.Pattern.compile("\\+?\\(?\\d[\\d \\-().]{6,}\\d");

  /** Whether digits written in a text are one of the phone identifiers (its last ten digits). */
  private static boolean samePhone(String written, Set<String> ids) {
    String digits = written.replaceAll("[^0-9]", "");
    if (digits.length() < 10) {
      return false;
    }
    String tail = digits.substring(digits.length() - 10);
    for (String id : ids) {
      if (id.matches("[0-9]{10,}") && id.endsWith(tail)) {
        return true;
      }
    }
    return false;
  }

  private static String replaceWithin(
      String text, Set<String> ids, Set<String> names, String anon) {
    java.util.regex.Matcher numbers = WRITTEN_NUMBER.matcher(text);
    StringBuilder written = new StringBuilder();
    while (numbers.find()) {
      numbers.appendReplacement(
          written,
          java.util.regex.Matcher.quoteReplacement(
              samePhone(numbers.group(), ids) ? anon : numbers.group()));
    }
    numbers.appendTail(written);
    String out = written.toString();
    for (String id : ids) {
      if (id.length() >= 4 && out.contains(id)) {
        out = out.replace(id, anon);
      }
    }
    String lower = out.toLowerCase(Locale.ROOT);
    for (String name : names) {
      int at = lower.indexOf(name);
      while (at >= 0) {
        out = out.substring(0, at) + anon + out.substring(at + name.length());
        lower = out.toLowerCase(Locale.ROOT);
        at = lower.indexOf(name, at + anon.length());
      }
    }
    return out;
  }
}
