package io.sahabot.ingress.benchmark;

import io.sahabot.testsupport.load.IngressLoad;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.lang.management.ManagementFactory;
import java.lang.management.ThreadInfo;
import java.lang.management.ThreadMXBean;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.function.Supplier;
import jdk.jfr.Recording;
import jdk.jfr.consumer.RecordedEvent;
import jdk.jfr.consumer.RecordedFrame;
import jdk.jfr.consumer.RecordingFile;

/**
 * A JFR recording of one phase of the benchmark (the whole JVM: load generator, service and
 * broker), read back into where the CPU went: execution samples by thread group and by hottest
 * method, GC pauses, and the JVM's share of the machine's CPU (the rest is other processes).
 */
final class WhereTimeGoes {

  private WhereTimeGoes() {}

  /**
   * Runs {@code phase} under a recording and returns its result and the profile as text: CPU time
   * of every thread group per answered request (exact, from the thread CPU clocks), then JFR's
   * execution samples.
   */
  static Profiled<IngressLoad.Result> profile(Supplier<IngressLoad.Result> phase) {
    Path file;
    try {
      file = Files.createTempFile("ingress-benchmark", ".jfr");
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
    IngressLoad.Result result;
    try (Recording recording = new Recording()) {
      recording.enable("jdk.ExecutionSample").withPeriod(Duration.ofMillis(5));
      recording.enable("jdk.CPULoad").withPeriod(Duration.ofSeconds(1));
      recording.enable("jdk.GarbageCollection");
      recording.enable("jdk.Compilation").withThreshold(Duration.ZERO);
      recording.enable("jdk.ObjectAllocationSample").with("throttle", "300/s");
      Map<Long, long[]> before = threadCpu();
      long processBefore = processCpu();
      recording.start();
      result = phase.get();
      recording.stop();
      long requests = Math.max(1, result.ok() + result.failed());
      double perRequest = (processCpu() - processBefore) / 1e3 / requests;
      String cpu = cpuPerRequest(before, processBefore, result);
      recording.dump(file);
      return new Profiled<>(result, perRequest, cpu, read(file));
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    } finally {
      String keep = System.getProperty("bench.jfr"); // -Dbench.jfr=file keeps the recording
      if (keep != null && file.toFile().isFile()) {
        file.toFile().renameTo(Path.of(keep).toFile());
      }
      file.toFile().delete();
    }
  }

  /**
   * @param cpuMicrosPerRequest CPU time of the whole JVM per answered request
   * @param cpu that time by thread group, as text
   * @param samples JFR's execution samples, GC, JIT and allocation, as text
   */
  record Profiled<T>(T result, double cpuMicrosPerRequest, String cpu, String samples) {}

  private static final ThreadMXBean THREADS = ManagementFactory.getThreadMXBean();

  /** Thread id → CPU nanoseconds so far. */
  private static Map<Long, long[]> threadCpu() {
    Map<Long, long[]> cpu = new HashMap<>();
    for (long id : THREADS.getAllThreadIds()) {
      cpu.put(id, new long[] {THREADS.getThreadCpuTime(id)});
    }
    return cpu;
  }

  private static long processCpu() {
    return ((com.sun.management.OperatingSystemMXBean) ManagementFactory.getOperatingSystemMXBean())
        .getProcessCpuTime();
  }

  private static String cpuPerRequest(
      Map<Long, long[]> before, long processBefore, IngressLoad.Result result) {
    long requests = result.ok() + result.failed();
    long process = processCpu() - processBefore;
    Map<String, Long> byGroup = new HashMap<>();
    // the load generator's threads have ended by now: it measures its own CPU
    long client = (long) (result.clientCpuMs() * 1e6);
    byGroup.put(group(IngressLoad.THREAD_NAME), client);
    long javaThreads = client;
    for (ThreadInfo info : THREADS.getThreadInfo(THREADS.getAllThreadIds())) {
      if (info == null) {
        continue;
      }
      long now = THREADS.getThreadCpuTime(info.getThreadId());
      long[] then = before.get(info.getThreadId());
      long delta = now - (then == null ? 0 : then[0]);
      if (delta > 0) {
        byGroup.merge(group(info.getThreadName()), delta, Long::sum);
        javaThreads += delta;
      }
    }
    byGroup.put("JVM's own threads (GC, JIT compiler)", process - javaThreads);
    StringBuilder out = new StringBuilder();
    out.append(
        String.format(
            Locale.ROOT,
            "  CPU time of this JVM per request: %.0f us in all (%d requests), by thread:%n",
            process / 1e3 / Math.max(1, requests),
            requests));
    byGroup.entrySet().stream()
        .sorted(Map.Entry.<String, Long>comparingByValue().reversed())
        .filter(e -> e.getValue() / 1e3 / Math.max(1, requests) >= 0.5)
        .limit(10)
        .forEach(
            e ->
                out.append(
                    String.format(
                        Locale.ROOT,
                        "    %7.0f us  %4.1f%%  %s%n",
                        e.getValue() / 1e3 / Math.max(1, requests),
                        100.0 * e.getValue() / Math.max(1, process),
                        e.getKey())));
    return out.toString();
  }

  private static String read(Path file) throws IOException {
    Map<String, Integer> byGroup = new HashMap<>();
    Map<String, Integer> byMethod = new HashMap<>();
    Map<String, Integer> byOurFrame = new HashMap<>();
    int samples = 0;
    long jitNanos = 0;
    int compilations = 0;
    long allocated = 0;
    Map<String, Integer> byAllocation = new HashMap<>();
    double jvm = 0;
    double machine = 0;
    int loads = 0;
    long gcNanos = 0;
    int gcs = 0;
    for (RecordedEvent event : RecordingFile.readAllEvents(file)) {
      switch (event.getEventType().getName()) {
        case "jdk.ExecutionSample" -> {
          samples++;
          String thread =
              event.getThread("sampledThread") == null
                  ? "?"
                  : String.valueOf(event.getThread("sampledThread").getJavaName());
          byGroup.merge(group(thread), 1, Integer::sum);
          List<RecordedFrame> frames =
              event.getStackTrace() == null ? List.of() : event.getStackTrace().getFrames();
          if (!frames.isEmpty()) {
            byMethod.merge(name(frames.get(0)), 1, Integer::sum);
          }
          for (RecordedFrame frame : frames) {
            if (frame.getMethod().getType().getName().startsWith("io.sahabot.ingress.")) {
              byOurFrame.merge(name(frame), 1, Integer::sum);
              break;
            }
          }
        }
        case "jdk.CPULoad" -> {
          jvm += event.getFloat("jvmUser") + event.getFloat("jvmSystem");
          machine += event.getFloat("machineTotal");
          loads++;
        }
        case "jdk.ObjectAllocationSample" -> {
          long weight = event.getLong("weight");
          allocated += weight;
          List<RecordedFrame> frames =
              event.getStackTrace() == null ? List.of() : event.getStackTrace().getFrames();
          String site = frames.isEmpty() ? "?" : name(frames.get(0));
          for (RecordedFrame frame : frames) {
            String type = frame.getMethod().getType().getName();
            if (!type.startsWith("java.") && !type.startsWith("jdk.") && !type.startsWith("sun.")) {
              site = name(frame);
              break;
            }
          }
          byAllocation.merge(site, (int) Math.min(Integer.MAX_VALUE, weight >> 10), Integer::sum);
        }
        case "jdk.Compilation" -> {
          jitNanos += event.getDuration().toNanos();
          compilations++;
        }
        case "jdk.GarbageCollection" -> {
          gcNanos += event.getDuration().toNanos();
          gcs++;
        }
        default -> {}
      }
    }
    StringBuilder out = new StringBuilder();
    int cores = Runtime.getRuntime().availableProcessors();
    if (loads > 0) {
      out.append(
          String.format(
              Locale.ROOT,
              "  CPU: this JVM %.0f%% of the machine's %d cores, the whole machine %.0f%%"
                  + " (the difference is other processes)%n",
              100 * jvm / loads,
              cores,
              100 * machine / loads));
    }
    out.append(
        String.format(
            Locale.ROOT,
            "  GC: %d collections, %.0f ms of pauses; JIT: %d compilations, %.0f ms%n"
                + "  Java execution samples (%d) by thread:%n",
            gcs,
            gcNanos / 1e6,
            compilations,
            jitNanos / 1e6,
            samples));
    top(out, byGroup, samples, 10);
    out.append("  hottest methods (self):\n");
    top(out, byMethod, samples, 15);
    out.append("  innermost ingress-service frame on the stack:\n");
    top(out, byOurFrame, samples, 10);
    out.append(
        String.format(
            Locale.ROOT,
            "  allocation (sampled, about %d MB in all), by innermost non-JDK frame:%n",
            allocated >> 20));
    top(out, byAllocation, (int) (allocated >> 10), 10);
    return out.toString();
  }

  private static void top(StringBuilder out, Map<String, Integer> counts, int total, int n) {
    counts.entrySet().stream()
        .sorted(Map.Entry.<String, Integer>comparingByValue().reversed())
        .limit(n)
        .forEach(
            e ->
                out.append(
                    String.format(
                        Locale.ROOT,
                        "    %5.1f%%  %s%n",
                        100.0 * e.getValue() / Math.max(1, total),
                        e.getKey())));
  }

  private static String name(RecordedFrame frame) {
    String type = frame.getMethod().getType().getName();
    return type.substring(type.lastIndexOf('.') + 1) + "." + frame.getMethod().getName();
  }

  private static final Map<String, String> GROUPS = new LinkedHashMap<>();

  static {
    GROUPS.put(IngressLoad.THREAD_NAME, "load generator (client)");
    GROUPS.put("webflux-http", "ingress-service HTTP event loops");
    GROUPS.put("reactor-http", "bare endpoint's HTTP event loops");
    GROUPS.put("kafka-producer-network-thread", "Kafka producer I/O thread");
    GROUPS.put("boundedElastic", "Reactor boundedElastic");
    GROUPS.put("parallel", "Reactor parallel (timeouts)");
    GROUPS.put("raw-producer", "raw producer benchmark");
    GROUPS.put("data-plane-kafka-request-handler", "broker request handlers");
    GROUPS.put("data-plane-kafka-network-thread", "broker network threads");
    GROUPS.put("kafka", "broker, other threads");
    GROUPS.put("broker", "broker, other threads");
    GROUPS.put("quorum", "broker, other threads");
  }

  private static String group(String thread) {
    for (Map.Entry<String, String> e : GROUPS.entrySet()) {
      if (thread.startsWith(e.getKey())) {
        return e.getValue();
      }
    }
    return "other: " + thread.replaceAll("[-_ ]?\\d+(-C)?$", "");
  }
}
