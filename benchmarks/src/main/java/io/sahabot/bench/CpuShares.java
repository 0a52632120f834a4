package io.sahabot.bench;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.stream.Stream;

/**
 * Where the machine's CPU went during a benchmark, from {@code /proc}: the user and system time of
 * each service's process, of every PostgreSQL process (the server and its backends, whichever
 * database they serve), of the suite's own JVM (the Kafka broker, the Graph API stub and the load
 * generator run in it), and of the rest of the machine, against the machine's busy and idle time
 * over the same window. Divided by the messages (or commands) the window handled, it says how much
 * CPU one costs and which part pays it: on two cores, the ceiling of a benchmark that keeps both
 * busy is {@code 2 s / (CPU seconds per message)}.
 *
 * <p>Linux only; elsewhere the snapshot is empty and the table says so.
 */
final class CpuShares {

  /** Clock ticks per second of {@code /proc}'s times (USER_HZ, 100 on Linux). */
  private static final double HZ = 100.0;

  /** CPU ticks per part at one moment, and the machine's busy and total ticks. */
  record Snapshot(Map<String, Long> ticks, long machineBusy, long machineTotal) {}

  private CpuShares() {}

  /** The CPU ticks so far of {@code pids} (by name), of PostgreSQL and of this JVM. */
  static Snapshot take(Map<String, Long> pids) {
    Map<String, Long> ticks = new LinkedHashMap<>();
    pids.forEach((name, pid) -> ticks.put(name, processTicks(pid)));
    ticks.put("PostgreSQL (server and backends)", postgresTicks());
    ticks.put(
        "the suite's JVM (Kafka broker, Graph API stub, load)",
        processTicks(ProcessHandle.current().pid()));
    long[] machine = machineTicks();
    return new Snapshot(ticks, machine[0], machine[1]);
  }

  static final List<String> HEADER =
      List.of("part", "CPU seconds", "share of the busy CPU", "CPU ms per unit");

  /**
   * The table of {@code before} → {@code after}: each part's CPU time, its share of what the
   * machine spent, and its CPU time per unit of work ({@code units}, e.g. messages answered).
   */
  static List<List<String>> rows(Snapshot before, Snapshot after, long units) {
    List<List<String>> rows = new ArrayList<>();
    long busy = after.machineBusy() - before.machineBusy();
    long total = after.machineTotal() - before.machineTotal();
    if (total <= 0) {
      rows.add(List.of("(no /proc on this machine)", "–", "–", "–"));
      return rows;
    }
    long named = 0;
    for (var e : after.ticks().entrySet()) {
      long d = Math.max(0, e.getValue() - before.ticks().getOrDefault(e.getKey(), 0L));
      named += d;
      rows.add(row(e.getKey(), d, busy, units));
    }
    rows.add(row("everything else on the machine", Math.max(0, busy - named), busy, units));
    rows.add(
        List.of(
            "**machine busy** (of " + String.format(Locale.ROOT, "%.1f", total / HZ) + " CPU s)",
            String.format(Locale.ROOT, "%.1f", busy / HZ),
            String.format(Locale.ROOT, "%.0f%% of all", 100.0 * busy / total),
            units > 0 ? String.format(Locale.ROOT, "%.1f", 1000.0 * busy / HZ / units) : "–"));
    return rows;
  }

  private static List<String> row(String name, long ticks, long busy, long units) {
    return List.of(
        name,
        String.format(Locale.ROOT, "%.1f", ticks / HZ),
        busy > 0 ? String.format(Locale.ROOT, "%.0f%%", 100.0 * ticks / busy) : "–",
        units > 0 ? String.format(Locale.ROOT, "%.1f", 1000.0 * ticks / HZ / units) : "–");
  }

  /** utime + stime of {@code pid} (its live threads and waited-for children), 0 if unknown. */
  static long processTicks(long pid) {
    return statTicks(Path.of("/proc", Long.toString(pid), "stat"))[1];
  }

  /** The sum over every process whose command is {@code postgres}. */
  private static long postgresTicks() {
    long sum = 0;
    try (Stream<Path> procs = Files.list(Path.of("/proc"))) {
      for (Path p : (Iterable<Path>) procs::iterator) {
        String name = p.getFileName().toString();
        if (!name.chars().allMatch(Character::isDigit)) {
          continue;
        }
        long[] parsed = statTicks(p.resolve("stat"));
        if (parsed[0] == 1) {
          sum += parsed[1];
        }
      }
    } catch (IOException | RuntimeException e) {
      return 0;
    }
    return sum;
  }

  /** {isPostgres (1/0), utime + stime} of one {@code /proc/<pid>/stat}; {0, 0} if unreadable. */
  private static long[] statTicks(Path stat) {
    try {
      String s = Files.readString(stat);
      int open = s.indexOf('(');
      int close = s.lastIndexOf(')');
      String comm = s.substring(open + 1, close);
      String[] f = s.substring(close + 2).split(" ");
      // after "pid (comm) ": state is f[0]; utime is field 14 of the file, so f[11]; stime f[12]
      long ticks = Long.parseLong(f[11]) + Long.parseLong(f[12]);
      return new long[] {"postgres".equals(comm) ? 1 : 0, ticks};
    } catch (IOException | RuntimeException e) {
      return new long[] {0, 0};
    }
  }

  /** {busy, total} ticks of all CPUs from {@code /proc/stat}; {0, 0} if unreadable. */
  private static long[] machineTicks() {
    try {
      String first = Files.readAllLines(Path.of("/proc/stat")).get(0);
      String[] f = first.trim().split("\\s+");
      long total = 0;
      for (int i = 1; i < Math.min(f.length, 9); i++) {
        total += Long.parseLong(f[i]);
      }
      long idle = Long.parseLong(f[4]) + Long.parseLong(f[5]);
      return new long[] {total - idle, total};
    } catch (IOException | RuntimeException e) {
      return new long[] {0, 0};
    }
  }
}
