package io.sahabot.bench;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

/**
 * The Markdown report: a summary with every figure beside its limit or target and the ratio, then
 * one section per benchmark (its tables, and where the time goes when a figure falls short).
 */
final class Report {

  /**
   * One line of the summary.
   *
   * @param benchmark e.g. {@code 2. Ingress}
   * @param figure what was measured, with its value
   * @param limit what it is compared with, with its value (a limit measured in the same run)
   * @param ratio figure / limit, or NaN when there is no measured limit
   * @param target the figure to reach
   * @param met whether the target is met; null when it cannot be told
   */
  record Line(
      String benchmark, String figure, String limit, double ratio, String target, Boolean met) {}

  private final List<Line> summary = new ArrayList<>();
  private final List<String> failures = new ArrayList<>();
  private final StringBuilder sections = new StringBuilder();

  void summary(Line line) {
    summary.add(line);
  }

  void failed(String benchmark, String why) {
    failures.add(benchmark + ": " + why);
    section(benchmark + " (failed)").line("**Failed:** " + why);
  }

  List<String> failures() {
    return List.copyOf(failures);
  }

  Section section(String title) {
    sections.append("\n## ").append(title).append("\n\n");
    return new Section();
  }

  /** A section's content, appended in order. */
  final class Section {

    Section line(String text) {
      sections.append(text).append("\n");
      return this;
    }

    Section table(List<String> header, List<List<String>> rows) {
      sections.append(row(header));
      sections.append(row(header.stream().map(h -> "---").toList()));
      rows.forEach(r -> sections.append(row(r)));
      sections.append("\n");
      return this;
    }

    private static String row(List<String> cells) {
      return "| " + String.join(" | ", cells) + " |\n";
    }
  }

  String markdown(String title, List<String> preamble, List<List<String>> machine) {
    StringBuilder md = new StringBuilder("# ").append(title).append("\n\n");
    preamble.forEach(p -> md.append(p).append("\n"));
    md.append("\n| | |\n|---|---|\n");
    machine.forEach(r -> md.append("| ").append(String.join(" | ", r)).append(" |\n"));
    md.append("\n## Summary\n\n");
    md.append("| benchmark | figure | limit (same run) | ratio | target | met |\n");
    md.append("|---|---|---|---|---|---|\n");
    for (Line l : summary) {
      md.append("| ")
          .append(
              String.join(
                  " | ",
                  l.benchmark(),
                  l.figure(),
                  l.limit(),
                  Double.isNaN(l.ratio()) ? "–" : pct(l.ratio()),
                  l.target(),
                  l.met() == null ? "–" : l.met() ? "yes" : "**no**"))
          .append(" |\n");
    }
    if (!failures.isEmpty()) {
      md.append("\n**Failed:** ").append(String.join("; ", failures)).append("\n");
    }
    md.append(sections);
    return md.toString();
  }

  /** A percentile of latencies recorded in microseconds, in milliseconds; NaN when none. */
  static double percentileMs(org.HdrHistogram.Histogram micros, double p) {
    return micros.getTotalCount() == 0 ? Double.NaN : micros.getValueAtPercentile(p) / 1000.0;
  }

  static String rate(double perSecond) {
    if (Double.isNaN(perSecond)) {
      return "–";
    }
    return String.format(Locale.ROOT, perSecond >= 100 ? "%,.0f/s" : "%,.1f/s", perSecond);
  }

  static String ms(double millis) {
    if (Double.isNaN(millis)) {
      return "–";
    }
    return String.format(Locale.ROOT, millis >= 100 ? "%,.0f ms" : "%.1f ms", millis);
  }

  static String pct(double ratio) {
    return String.format(Locale.ROOT, "%.0f%%", 100 * ratio);
  }

  static String count(long n) {
    return String.format(Locale.ROOT, "%,d", n);
  }
}
