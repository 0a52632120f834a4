package io.sahabot.schemas;

import java.time.Instant;
import java.util.HashSet;
import java.util.List;
import java.util.UUID;
import java.util.function.Function;
import java.util.regex.Pattern;

/**
 * Argument checks shared by the compact constructors of the wire records. Every message starts with
 * the name of the offending field ({@code "tenantId: must not be null"}), so a service can report
 * which field of a request was wrong.
 *
 * <p>Part of this module's implementation; services validate their own domain types themselves.
 */
public final class Require {

  /** E.164 phone number as digits, without '+': country code first, 8 to 15 digits. */
  public static final Pattern E164_DIGITS = Pattern.compile("[1-9][0-9]{7,14}");

  private Require() {}

  /** Rejects {@code null} with a {@link NullPointerException} naming the field. */
  public static <T> T nonNull(T value, String field) {
    if (value == null) {
      throw new NullPointerException(field + ": must not be null");
    }
    return value;
  }

  /** Rejects {@code null}, empty and whitespace-only strings. */
  public static String nonBlank(String value, String field) {
    nonNull(value, field);
    if (value.isBlank()) {
      throw new IllegalArgumentException(field + ": must not be blank");
    }
    return value;
  }

  /** Accepts {@code null}; rejects empty and whitespace-only strings. */
  public static String nullOrNonBlank(String value, String field) {
    return value == null ? null : nonBlank(value, field);
  }

  /** Rejects strings longer than {@code max} characters (Unicode code points); accepts null. */
  public static String maxLength(String value, int max, String field) {
    if (value != null && value.codePointCount(0, value.length()) > max) {
      throw new IllegalArgumentException(
          field + ": must be at most " + max + " characters, was " + length(value));
    }
    return value;
  }

  /** Rejects {@code null} and blank strings, and strings longer than {@code max} characters. */
  public static String text(String value, int max, String field) {
    return maxLength(nonBlank(value, field), max, field);
  }

  /** Like {@link #text} but accepts {@code null}. */
  public static String optionalText(String value, int max, String field) {
    return value == null ? null : text(value, max, field);
  }

  /** Rejects anything but E.164 digits without '+'; accepts {@code null}. */
  public static String optionalPhone(String value, String field) {
    if (value != null && !E164_DIGITS.matcher(value).matches()) {
      throw new IllegalArgumentException(
          field + ": must be E.164 digits without '+' (8 to 15 digits), was '" + value + "'");
    }
    return value;
  }

  /** The tenant of an event or command: never {@code null}. */
  public static UUID tenant(UUID tenantId) {
    return nonNull(tenantId, "tenantId");
  }

  /** Rejects an interval whose end is not strictly after its start ({@code [start, end)}). */
  public static void ordered(Instant start, Instant end, String startField, String endField) {
    nonNull(start, startField);
    nonNull(end, endField);
    if (!end.isAfter(start)) {
      throw new IllegalArgumentException(
          endField + ": must be after " + startField + " (" + start + "), was " + end);
    }
  }

  /** Rejects values below 1 (database ids). */
  public static long positive(long value, String field) {
    if (value < 1) {
      throw new IllegalArgumentException(field + ": must be positive, was " + value);
    }
    return value;
  }

  /**
   * An unmodifiable copy of {@code list}, {@code null} read as empty; rejects {@code null}
   * elements, naming the element's index.
   */
  public static <T> List<T> list(List<T> list, String field) {
    if (list == null) {
      return List.of();
    }
    for (int i = 0; i < list.size(); i++) {
      nonNull(list.get(i), field + "[" + i + "]");
    }
    return List.copyOf(list);
  }

  /** Like {@link #list} but also bounds the size. */
  public static <T> List<T> list(List<T> list, int min, int max, String field) {
    List<T> copy = list(list, field);
    if (copy.size() < min || copy.size() > max) {
      throw new IllegalArgumentException(
          field
              + ": must have "
              + (min == max ? String.valueOf(min) : min + " to " + max)
              + " elements, had "
              + copy.size());
    }
    return copy;
  }

  /** Rejects a list in which two elements have the same key. */
  public static <T, K> List<T> distinct(List<T> list, Function<T, K> key, String field) {
    var seen = new HashSet<K>();
    for (T element : list) {
      if (!seen.add(key.apply(element))) {
        throw new IllegalArgumentException(field + ": duplicate '" + key.apply(element) + "'");
      }
    }
    return list;
  }

  /** An unmodifiable copy of a list of strings, each non-blank. */
  public static List<String> strings(List<String> list, String field) {
    List<String> copy = list(list, field);
    for (int i = 0; i < copy.size(); i++) {
      nonBlank(copy.get(i), field + "[" + i + "]");
    }
    return copy;
  }

  private static int length(String value) {
    return value.codePointCount(0, value.length());
  }
}
