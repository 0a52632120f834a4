package io.sahabot.bench;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class CpuSharesTest {

  @Test
  void eachPartsCpuIsItsShareOfTheBusyMachineAndItsCostPerUnit() {
    Map<String, Long> before = new LinkedHashMap<>();
    before.put("agent-service", 1_000L);
    before.put("PostgreSQL (server and backends)", 500L);
    Map<String, Long> after = new LinkedHashMap<>();
    after.put("agent-service", 1_300L); // 3.0 s
    after.put("PostgreSQL (server and backends)", 600L); // 1.0 s
    // the machine: 5.0 busy CPU seconds of 10.0
    List<List<String>> rows =
        CpuShares.rows(
            new CpuShares.Snapshot(before, 10_000, 40_000),
            new CpuShares.Snapshot(after, 10_500, 41_000),
            100);

    assertThat(rows.get(0)).containsExactly("agent-service", "3.0", "60%", "30.0");
    assertThat(rows.get(1))
        .containsExactly("PostgreSQL (server and backends)", "1.0", "20%", "10.0");
    assertThat(rows.get(2)).containsExactly("everything else on the machine", "1.0", "20%", "10.0");
    assertThat(rows.get(3))
        .containsExactly("**machine busy** (of 10.0 CPU s)", "5.0", "50% of all", "50.0");
  }

  @Test
  void aBusyProcessHasCpuTimeOnLinux() {
    org.junit.jupiter.api.Assumptions.assumeTrue(
        java.nio.file.Files.exists(java.nio.file.Path.of("/proc/self/stat")));
    long spent = CpuShares.processTicks(ProcessHandle.current().pid());
    long x = 0;
    for (long i = 0; i < 300_000_000L; i++) {
      x += i ^ (x >>> 3);
    }
    assertThat(x).isNotZero();
    assertThat(CpuShares.processTicks(ProcessHandle.current().pid())).isGreaterThan(spent);
    CpuShares.Snapshot now = CpuShares.take(Map.of());
    assertThat(now.machineTotal()).isGreaterThan(now.machineBusy()).isPositive();
  }
}
