package io.sahabot.bench;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * A service's heap by class ({@code jcmd <pid> GC.class_histogram}, which runs a full GC first),
 * and what grew between two of them: what provisioning the tenants left in each service's heap, by
 * class, so that a cache that grows with the tenants is named.
 */
final class ClassHistogram {

  /** One class's live instances and bytes. */
  record Entry(long instances, long bytes) {}

  /** A class that grew: its name, and how many instances and bytes more. */
  record Growth(String className, long instances, long bytes) {}

  private static final Pattern ROW =
      Pattern.compile("^\\s*\\d+:\\s+(\\d+)\\s+(\\d+)\\s+(\\S+).*$", Pattern.MULTILINE);

  private ClassHistogram() {}

  /** {@code GC.class_histogram}'s rows: class name → instances and bytes. */
  static Map<String, Entry> parse(String histogram) {
    Map<String, Entry> classes = new HashMap<>();
    if (histogram == null) {
      return classes;
    }
    Matcher m = ROW.matcher(histogram);
    while (m.find()) {
      classes.merge(
          m.group(3),
          new Entry(Long.parseLong(m.group(1)), Long.parseLong(m.group(2))),
          (a, b) -> new Entry(a.instances() + b.instances(), a.bytes() + b.bytes()));
    }
    return classes;
  }

  /** The {@code top} classes that grew most in bytes from {@code before} to {@code after}. */
  static List<Growth> growth(Map<String, Entry> before, Map<String, Entry> after, int top) {
    List<Growth> grown = new ArrayList<>();
    after.forEach(
        (name, now) -> {
          Entry then = before.getOrDefault(name, new Entry(0, 0));
          long bytes = now.bytes() - then.bytes();
          if (bytes > 0) {
            grown.add(new Growth(name, now.instances() - then.instances(), bytes));
          }
        });
    grown.sort(Comparator.comparingLong(Growth::bytes).reversed());
    return List.copyOf(grown.subList(0, Math.min(top, grown.size())));
  }

  /** For the report: {@code `class` +1.2 MiB (+10,000)}, one a line. */
  static String cell(List<Growth> growth) {
    if (growth.isEmpty()) {
      return "–";
    }
    List<String> lines = new ArrayList<>();
    for (Growth g : growth) {
      lines.add(
          String.format(
              Locale.ROOT,
              "`%s` +%.1f MiB (%+,d)",
              g.className(),
              g.bytes() / 1048576.0,
              g.instances()));
    }
    return String.join("<br>", lines);
  }
}
