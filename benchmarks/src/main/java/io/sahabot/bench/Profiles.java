package io.sahabot.bench;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import jdk.jfr.consumer.RecordedEvent;
import jdk.jfr.consumer.RecordedFrame;
import jdk.jfr.consumer.RecordedStackTrace;
import jdk.jfr.consumer.RecordingFile;

/**
 * JDK Flight Recorder profiles of the running services during one benchmark: started and stopped
 * with {@code jcmd} (the {@code profile} settings: a CPU sample every 10–20 ms of each running
 * thread, allocation samples), then read here into the top frames by self time and the allocation
 * rate, so that a figure that falls short shows where its time went.
 */
final class Profiles {

  /**
   * What one service's recording says.
   *
   * @param samples CPU samples (threads running Java code)
   * @param topFrames the methods most often on top of a sample's stack (self time)
   * @param ownFrames the methods of SahaBot's own code ({@code io.sahabot.}) most often the first
   *     of it on a sample's stack, counting from the top: the code that called into the libraries
   *     where the self time was spent
   * @param allocatedMbPerSecond the allocation rate (JFR's weighted allocation samples)
   */
  record Summary(
      String service,
      long samples,
      List<Map.Entry<String, Long>> topFrames,
      List<Map.Entry<String, Long>> ownFrames,
      double allocatedMbPerSecond,
      Path file) {

    Summary(
        String service,
        long samples,
        List<Map.Entry<String, Long>> topFrames,
        double allocatedMbPerSecond,
        Path file) {
      this(service, samples, topFrames, List.of(), allocatedMbPerSecond, file);
    }
  }

  static final String OWN_CODE = "io.sahabot.";

  private static final String NAME = "sahabot-bench";

  private final Map<String, Long> pids;
  private final Map<String, Path> files = new LinkedHashMap<>();
  private final Path dir;
  private Instant started;

  private Profiles(Map<String, Long> pids, Path dir) {
    this.pids = pids;
    this.dir = dir;
  }

  /** Starts a recording in each service ({@code name → pid}); files go to {@code dir}. */
  static Profiles start(Map<String, Long> pids, Path dir, String label) {
    Profiles profiles = new Profiles(pids, dir);
    profiles.started = Instant.now();
    for (Map.Entry<String, Long> e : pids.entrySet()) {
      Path file = dir.resolve(label + "-" + e.getKey() + ".jfr");
      try {
        Files.createDirectories(dir);
        Files.deleteIfExists(file);
      } catch (IOException failed) {
        continue;
      }
      if (jcmd(
          e.getValue(),
          "JFR.start",
          "name=" + NAME,
          "settings=profile",
          "filename=" + file.toAbsolutePath())) {
        profiles.files.put(e.getKey(), file);
      }
    }
    return profiles;
  }

  /** Stops the recordings (writing their files) and reads them. */
  List<Summary> stop(int top) {
    Duration took = Duration.between(started, Instant.now());
    List<Summary> summaries = new ArrayList<>();
    for (String service : pids.keySet()) {
      if (!files.containsKey(service)) {
        // jcmd JFR.start failed (the process gone, or no attach): said so in the table
        summaries.add(new Summary(service, 0, List.of(), 0, null));
      }
    }
    for (Map.Entry<String, Path> e : files.entrySet()) {
      jcmd(pids.get(e.getKey()), "JFR.stop", "name=" + NAME);
      try {
        summaries.add(read(e.getKey(), e.getValue(), took, top));
      } catch (IOException | RuntimeException failed) {
        summaries.add(new Summary(e.getKey(), 0, List.of(), 0, e.getValue()));
      }
    }
    return summaries;
  }

  static Summary read(String service, Path file, Duration took, int top) throws IOException {
    Map<String, Long> self = new HashMap<>();
    Map<String, Long> own = new HashMap<>();
    long samples = 0;
    double allocated = 0;
    try (RecordingFile recording = new RecordingFile(file)) {
      while (recording.hasMoreEvents()) {
        RecordedEvent event = recording.readEvent();
        String type = event.getEventType().getName();
        if ("jdk.ExecutionSample".equals(type)) {
          RecordedStackTrace stack = event.getStackTrace();
          if (stack != null && !stack.getFrames().isEmpty()) {
            self.merge(name(stack.getFrames().get(0)), 1L, Long::sum);
            for (RecordedFrame frame : stack.getFrames()) {
              if (frame.isJavaFrame()
                  && frame.getMethod().getType().getName().startsWith(OWN_CODE)) {
                own.merge(name(frame), 1L, Long::sum);
                break;
              }
            }
            samples++;
          }
        } else if ("jdk.ObjectAllocationSample".equals(type)) {
          allocated += event.getLong("weight");
        }
      }
    }
    double seconds = Math.max(1, took.toMillis() / 1000.0);
    return new Summary(
        service,
        samples,
        top(self, top),
        top(own, Math.max(1, top / 2)),
        allocated / (1024 * 1024) / seconds,
        file);
  }

  private static String name(RecordedFrame frame) {
    return frame.getMethod().getType().getName() + "." + frame.getMethod().getName();
  }

  private static List<Map.Entry<String, Long>> top(Map<String, Long> counts, int n) {
    List<Map.Entry<String, Long>> sorted = new ArrayList<>(counts.entrySet());
    sorted.sort(
        Map.Entry.<String, Long>comparingByValue()
            .reversed()
            .thenComparing(Map.Entry.comparingByKey()));
    return List.copyOf(sorted.subList(0, Math.min(n, sorted.size())));
  }

  /**
   * The report's lines for these summaries: per service, its CPU samples, allocation rate, top
   * frames by self time and the own code they ran for.
   */
  static List<List<String>> rows(List<Summary> summaries) {
    List<List<String>> rows = new ArrayList<>();
    for (Summary s : summaries) {
      rows.add(
          List.of(
              s.service(),
              s.file() == null ? "not recorded" : Long.toString(s.samples()),
              String.format(Locale.ROOT, "%.0f MB/s", s.allocatedMbPerSecond()),
              frames(s.topFrames(), s.samples()),
              frames(s.ownFrames(), s.samples())));
    }
    return rows;
  }

  static final List<String> HEADER =
      List.of(
          "service",
          "CPU samples",
          "allocation",
          "top frames (self time)",
          "SahaBot's code under them (first own frame)");

  private static String frames(List<Map.Entry<String, Long>> frames, long samples) {
    StringBuilder text = new StringBuilder();
    for (Map.Entry<String, Long> f : frames) {
      if (text.length() > 0) {
        text.append("<br>");
      }
      text.append(
          String.format(
              Locale.ROOT,
              "%.0f%% `%s`",
              samples == 0 ? 0.0 : 100.0 * f.getValue() / samples,
              f.getKey()));
    }
    return text.length() == 0 ? "–" : text.toString();
  }

  static boolean jcmd(long pid, String... command) {
    String out = jcmdOutput(pid, command);
    return out != null && !out.contains("Exception");
  }

  /** What {@code jcmd <pid> command…} printed, or null when it failed. */
  static String jcmdOutput(long pid, String... command) {
    List<String> args = new ArrayList<>();
    args.add(Path.of(System.getProperty("java.home"), "bin", "jcmd").toString());
    args.add(Long.toString(pid));
    args.addAll(List.of(command));
    try {
      Process p = new ProcessBuilder(args).redirectErrorStream(true).start();
      String out = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
      return p.waitFor() == 0 ? out : null;
    } catch (IOException e) {
      return null;
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      return null;
    }
  }
}
