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

  /** What one service's recording says. */
  record Summary(
      String service,
      long samples,
      List<Map.Entry<String, Long>> topFrames,
      double allocatedMbPerSecond,
      Path file) {}

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
  static Profiles start(Map<String, Long> pids, Path dir, String label) throws IOException {
    Files.createDirectories(dir);
    Profiles profiles = new Profiles(pids, dir);
    profiles.started = Instant.now();
    for (Map.Entry<String, Long> e : pids.entrySet()) {
      Path file = dir.resolve(label + "-" + e.getKey() + ".jfr");
      Files.deleteIfExists(file);
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
    long samples = 0;
    double allocated = 0;
    for (RecordedEvent event : RecordingFile.readAllEvents(file)) {
      String type = event.getEventType().getName();
      if ("jdk.ExecutionSample".equals(type)) {
        RecordedStackTrace stack = event.getStackTrace();
        if (stack != null && !stack.getFrames().isEmpty()) {
          RecordedFrame frame = stack.getFrames().get(0);
          String name = frame.getMethod().getType().getName() + "." + frame.getMethod().getName();
          self.merge(name, 1L, Long::sum);
          samples++;
        }
      } else if ("jdk.ObjectAllocationSample".equals(type)) {
        allocated += event.getLong("weight");
      }
    }
    List<Map.Entry<String, Long>> frames = new ArrayList<>(self.entrySet());
    frames.sort(Map.Entry.<String, Long>comparingByValue().reversed());
    double seconds = Math.max(1, took.toMillis() / 1000.0);
    return new Summary(
        service,
        samples,
        List.copyOf(frames.subList(0, Math.min(top, frames.size()))),
        allocated / (1024 * 1024) / seconds,
        file);
  }

  /** The report's lines for these summaries: per service, its allocation rate and top frames. */
  static List<List<String>> rows(List<Summary> summaries) {
    List<List<String>> rows = new ArrayList<>();
    for (Summary s : summaries) {
      StringBuilder frames = new StringBuilder();
      for (Map.Entry<String, Long> f : s.topFrames()) {
        if (frames.length() > 0) {
          frames.append("<br>");
        }
        frames.append(
            String.format(
                Locale.ROOT,
                "%.0f%% `%s`",
                s.samples() == 0 ? 0.0 : 100.0 * f.getValue() / s.samples(),
                f.getKey()));
      }
      rows.add(
          List.of(
              s.service(),
              Long.toString(s.samples()),
              String.format(Locale.ROOT, "%.0f MB/s", s.allocatedMbPerSecond()),
              frames.length() == 0 ? "–" : frames.toString()));
    }
    return rows;
  }

  static boolean jcmd(long pid, String... command) {
    List<String> args = new ArrayList<>();
    args.add(Path.of(System.getProperty("java.home"), "bin", "jcmd").toString());
    args.add(Long.toString(pid));
    args.addAll(List.of(command));
    try {
      Process p = new ProcessBuilder(args).redirectErrorStream(true).start();
      String out = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
      return p.waitFor() == 0 && !out.contains("Exception");
    } catch (IOException e) {
      return false;
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      return false;
    }
  }
}
