package io.sahabot.bench;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import org.junit.jupiter.api.Test;

class ClassHistogramTest {

  static final String BEFORE =
      """
      12345:
       num     #instances         #bytes  class name (module)
      -------------------------------------------------------
         1:         20000        2000000  [B (java.base@17.0.17)
         2:          5000         120000  java.lang.String (java.base@17.0.17)
         3:           100           3200  io.sahabot.agent.usage.Budget
      Total         25100        2123200
      """;

  static final String AFTER =
      """
      12345:
       num     #instances         #bytes  class name (module)
      -------------------------------------------------------
         1:         30000        3000000  [B (java.base@17.0.17)
         2:         15000         360000  java.lang.String (java.base@17.0.17)
         3:         10000         320000  io.sahabot.agent.usage.Budget
         4:          1000          16000  java.lang.Object
      Total         56000        3696000
      """;

  @Test
  void theClassesThatGrewMostInBytesFirst() {
    List<ClassHistogram.Growth> growth =
        ClassHistogram.growth(ClassHistogram.parse(BEFORE), ClassHistogram.parse(AFTER), 3);

    assertThat(growth)
        .containsExactly(
            new ClassHistogram.Growth("[B", 10_000, 1_000_000),
            new ClassHistogram.Growth("io.sahabot.agent.usage.Budget", 9_900, 316_800),
            new ClassHistogram.Growth("java.lang.String", 10_000, 240_000));
    assertThat(ClassHistogram.cell(growth.subList(1, 2)))
        .isEqualTo("`io.sahabot.agent.usage.Budget` +0.3 MiB (+9,900)");
  }

  @Test
  void aHistogramThatCouldNotBeTakenGrowsNothing() {
    assertThat(ClassHistogram.parse(null)).isEmpty();
    assertThat(ClassHistogram.growth(ClassHistogram.parse(AFTER), ClassHistogram.parse(AFTER), 5))
        .isEmpty();
    assertThat(ClassHistogram.cell(List.of())).isEqualTo("–");
  }
}
