package io.sahabot.agent.usage;

import static org.assertj.core.api.Assertions.assertThat;

import io.sahabot.agent.usage.UsageProperties.ModelPrice;
import java.math.BigDecimal;
import java.util.Map;
import org.junit.jupiter.api.Test;

class UsagePropertiesTest {

  private final UsageProperties properties =
      UsageProperties.of(
          Map.of("gpt-4o-mini", new ModelPrice(new BigDecimal("0.15"), new BigDecimal("0.60"))));

  @Test
  void costIsTokensTimesThePricePerMillionRoundedToSixDecimals() {
    // 1200 * 0.15 / 1e6 + 300 * 0.60 / 1e6 = 0.00018 + 0.00018
    assertThat(properties.cost("gpt-4o-mini", 1200, 300)).isEqualByComparingTo("0.00036");
    assertThat(properties.cost("gpt-4o-mini", 1, 0)).isEqualByComparingTo("0.000000"); // 1.5e-7
    assertThat(properties.cost("gpt-4o-mini", 1_000_000, 1_000_000)).isEqualByComparingTo("0.75");
  }

  @Test
  void aModelWithNoPriceCostsNothing() {
    assertThat(properties.cost("offline", 5000, 5000)).isZero();
    assertThat(UsageProperties.of(null).cost("gpt-4o-mini", 5000, 5000)).isZero();
  }

  @Test
  void monthlyCostsShowAtLeastTwoDecimalsAndNoMorePrecisionThanTheyHave() {
    assertThat(new MonthlyUsage("2026-11", 0, 0, new BigDecimal("0.120000")).cost().toPlainString())
        .isEqualTo("0.12");
    assertThat(new MonthlyUsage("2026-11", 0, 0, BigDecimal.ZERO).cost().toPlainString())
        .isEqualTo("0.00");
    assertThat(new MonthlyUsage("2026-11", 0, 0, new BigDecimal("0E-6")).cost().toPlainString())
        .isEqualTo("0.00");
    assertThat(new MonthlyUsage("2026-11", 0, 0, new BigDecimal("0.000150")).cost().toPlainString())
        .isEqualTo("0.00015");
    assertThat(new MonthlyUsage("2026-11", 0, 0, new BigDecimal("12.5")).cost().toPlainString())
        .isEqualTo("12.50");
  }
}
