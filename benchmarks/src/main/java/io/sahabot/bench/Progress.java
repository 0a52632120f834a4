package io.sahabot.bench;

import java.io.PrintStream;
import java.util.Locale;

/** Progress lines while the suite runs, each with the time since it started. */
final class Progress {

  private final PrintStream out;
  private final long started = System.nanoTime();

  Progress(PrintStream out) {
    this.out = out;
  }

  void say(String format, Object... args) {
    long s = elapsedSeconds();
    out.printf(
        Locale.ROOT, "[%02d:%02d] %s%n", s / 60, s % 60, String.format(Locale.ROOT, format, args));
    out.flush();
  }

  long elapsedSeconds() {
    return (System.nanoTime() - started) / 1_000_000_000;
  }
}
