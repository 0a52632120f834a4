package io.sahabot.bench;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import jdk.jfr.Configuration;
import jdk.jfr.Recording;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class ProfilesTest {

  @TempDir Path dir;

  @Test
  void readsTheTopFramesBySelfTimeAndTheAllocationRateOfARecording() throws Exception {
    Path file = dir.resolve("busy.jfr");
    try (Recording recording = new Recording(Configuration.getConfiguration("profile"))) {
      recording.start();
      long until = System.nanoTime() + Duration.ofMillis(1500).toNanos();
      long sink = 0;
      while (System.nanoTime() < until) {
        sink += busy();
      }
      recording.stop();
      recording.dump(file);
      assertThat(sink).isNotZero();
    }

    Profiles.Summary summary = Profiles.read("test", file, Duration.ofMillis(1500), 3);

    assertThat(summary.samples()).isPositive();
    assertThat(summary.topFrames()).isNotEmpty().hasSizeLessThanOrEqualTo(3);
    assertThat(summary.topFrames().get(0).getValue()).isPositive();
    assertThat(summary.allocatedMbPerSecond()).isPositive();
    // this test is SahaBot's code: the busy loop is the own frame under the library's self time
    assertThat(summary.ownFrames())
        .extracting(java.util.Map.Entry::getKey)
        .contains("io.sahabot.bench.ProfilesTest.busy");
    List<List<String>> rows = Profiles.rows(List.of(summary));
    assertThat(rows.get(0)).hasSameSizeAs(Profiles.HEADER);
    assertThat(rows.get(0).get(0)).isEqualTo("test");
    assertThat(rows.get(0).get(3)).contains("%");
    assertThat(rows.get(0).get(4)).contains("`io.sahabot.bench.ProfilesTest.busy`");
  }

  @Test
  void aServiceWhoseRecordingCouldNotStartIsSaidSo() {
    List<List<String>> rows =
        Profiles.rows(List.of(new Profiles.Summary("agent-service", 0, List.of(), 0, null)));

    assertThat(rows.get(0)).containsExactly("agent-service", "not recorded", "0 MB/s", "–", "–");
  }

  private static long busy() {
    StringBuilder b = new StringBuilder();
    for (int i = 0; i < 200; i++) {
      b.append(i).append(',');
    }
    return b.toString().hashCode();
  }
}
