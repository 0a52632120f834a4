package io.sahabot.bench;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;

/**
 * Where the time goes: the services' timers from {@code /actuator/prometheus} (every {@code
 * *_seconds_count}/{@code _sum} series, such as the webhook latency, Kafka listeners and templates,
 * HTTP client and server requests), scraped before and after a benchmark so each stage's calls and
 * mean time are those of that benchmark alone.
 */
final class StageMetrics {

  /**
   * One scrape: per service, series name with labels → value; {@code failures} names the services
   * whose scrape failed, with why (their series are then empty).
   */
  record Scrape(Map<String, Map<String, Double>> byService, Map<String, String> failures) {
    Scrape(Map<String, Map<String, Double>> byService) {
      this(byService, Map.of());
    }
  }

  /** A stage's share of a benchmark. */
  record Stage(
      String service, String series, long calls, double meanMs, double maxMs, double totalS) {}

  private static final HttpClient HTTP =
      HttpClient.newBuilder()
          .version(HttpClient.Version.HTTP_1_1)
          .connectTimeout(Duration.ofSeconds(5))
          .build();

  /**
   * A scrape of a service that is saturated (every core busy, a profile being recorded) can take
   * seconds: it is given this long, and a second try.
   */
  static final Duration SCRAPE_TIMEOUT = Duration.ofSeconds(30);

  private StageMetrics() {}

  /** Every service's metrics, scraped at the same time. */
  static Scrape scrape(Map<String, Integer> ports) {
    Map<String, CompletableFuture<String>> pending = new LinkedHashMap<>();
    ports.forEach((service, port) -> pending.put(service, fetch(port, 2)));
    Map<String, Map<String, Double>> all = new LinkedHashMap<>();
    Map<String, String> failures = new LinkedHashMap<>();
    pending.forEach(
        (service, body) -> {
          try {
            all.put(service, parse(body.join()));
          } catch (RuntimeException e) {
            Throwable cause = e.getCause() == null ? e : e.getCause();
            all.put(service, Map.of());
            failures.put(
                service,
                cause.getClass().getSimpleName()
                    + (cause.getMessage() == null ? "" : ": " + cause.getMessage()));
          }
        });
    return new Scrape(all, failures);
  }

  private static CompletableFuture<String> fetch(int port, int tries) {
    HttpRequest request =
        HttpRequest.newBuilder(URI.create("http://localhost:" + port + "/actuator/prometheus"))
            .timeout(SCRAPE_TIMEOUT)
            .build();
    return HTTP.sendAsync(request, HttpResponse.BodyHandlers.ofString())
        .thenApply(
            response -> {
              if (response.statusCode() != 200) {
                throw new IllegalStateException("HTTP " + response.statusCode());
              }
              return response.body();
            })
        .exceptionallyCompose(
            e -> tries > 1 ? fetch(port, tries - 1) : CompletableFuture.failedFuture(e));
  }

  /**
   * What a table of stages leaves unsaid: each service whose scrape failed before or after (so it
   * has no rows), and each scraped service none of whose timers recorded a call in between.
   */
  static List<String> gaps(Scrape before, Scrape after, List<Stage> stages) {
    List<String> gaps = new ArrayList<>();
    after
        .byService()
        .keySet()
        .forEach(
            service -> {
              String failed = after.failures().get(service);
              if (failed == null) {
                failed = before.failures().get(service);
              }
              if (failed != null) {
                gaps.add(service + ": its metrics could not be scraped (" + failed + ")");
              } else if (stages.stream().noneMatch(s -> s.service().equals(service))) {
                gaps.add(service + ": no timer recorded a call in this window");
              }
            });
    return gaps;
  }

  /** Prometheus text format: {@code name{labels} value}, comments skipped. */
  static Map<String, Double> parse(String text) {
    Map<String, Double> series = new HashMap<>();
    for (String line : text.split("\n")) {
      if (line.isBlank() || line.startsWith("#")) {
        continue;
      }
      int space = line.lastIndexOf(' ');
      if (space < 0) {
        continue;
      }
      try {
        series.put(line.substring(0, space), Double.parseDouble(line.substring(space + 1)));
      } catch (NumberFormatException e) {
        // not a sample
      }
    }
    return series;
  }

  /** The stages that took the most time between two scrapes, most first, per service. */
  static List<Stage> between(Scrape before, Scrape after, int perService) {
    List<Stage> stages = new ArrayList<>();
    after
        .byService()
        .forEach(
            (service, now) -> {
              Map<String, Double> then = before.byService().getOrDefault(service, Map.of());
              List<Stage> mine = new ArrayList<>();
              now.forEach(
                  (key, count) -> {
                    int brace = key.indexOf('{');
                    String name = brace < 0 ? key : key.substring(0, brace);
                    if (!name.endsWith("_seconds_count") || scrapeItself(key)) {
                      return;
                    }
                    String base = name.substring(0, name.length() - "_count".length());
                    String labels = brace < 0 ? "" : key.substring(brace);
                    double calls = count - then.getOrDefault(key, 0.0);
                    double sum =
                        now.getOrDefault(base + "_sum" + labels, 0.0)
                            - then.getOrDefault(base + "_sum" + labels, 0.0);
                    if (calls >= 1) {
                      mine.add(
                          new Stage(
                              service,
                              base + shortLabels(labels),
                              (long) calls,
                              1000 * sum / calls,
                              1000 * now.getOrDefault(base + "_max" + labels, Double.NaN),
                              sum));
                    }
                  });
              mine.sort(Comparator.comparingDouble(Stage::totalS).reversed());
              stages.addAll(mine.subList(0, Math.min(perService, mine.size())));
            });
    return stages;
  }

  /**
   * The scrapes' own requests, and long task timers ({@code *_active_seconds}: tasks running at the
   * time of the scrape, not calls).
   */
  private static boolean scrapeItself(String key) {
    return key.contains("uri=\"/actuator") || key.contains("_active_seconds_count");
  }

  /** Drops the labels that say nothing here: the application, and those whose value is none. */
  static String shortLabels(String labels) {
    if (labels.isEmpty()) {
      return "";
    }
    List<String> kept = new ArrayList<>();
    for (String label : labels.substring(1, labels.length() - 1).split(",(?=[a-zA-Z_]+=\")")) {
      if (!label.startsWith("application=") && !label.endsWith("=\"none\"")) {
        kept.add(label);
      }
    }
    return kept.isEmpty() ? "" : "{" + String.join(",", kept) + "}";
  }

  static List<List<String>> rows(List<Stage> stages) {
    List<List<String>> rows = new ArrayList<>();
    for (Stage s : stages) {
      rows.add(
          List.of(
              s.service(),
              "`" + s.series() + "`",
              Report.count(s.calls()),
              Report.ms(s.meanMs()),
              Report.ms(s.maxMs()),
              String.format(java.util.Locale.ROOT, "%.1f s", s.totalS())));
    }
    return rows;
  }

  static final List<String> HEADER =
      List.of("service", "timer", "calls", "mean", "max (recent)", "total time");
}
