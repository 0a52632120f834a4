package io.sahabot.agent.usage;

import java.math.BigDecimal;

/**
 * A tenant's token usage in one calendar month (UTC).
 *
 * @param month {@code YYYY-MM}
 * @param cost the sum of the recorded costs, with at least two decimals
 */
public record MonthlyUsage(String month, long inputTokens, long outputTokens, BigDecimal cost) {

  public MonthlyUsage {
    cost = normalize(cost == null ? BigDecimal.ZERO : cost);
  }

  public long totalTokens() {
    return inputTokens + outputTokens;
  }

  /**
   * {@code 0.120000} → {@code 0.12}, {@code 0} → {@code 0.00}, {@code 0.000150} → {@code 0.00015}.
   */
  static BigDecimal normalize(BigDecimal cost) {
    BigDecimal stripped = cost.stripTrailingZeros();
    return stripped.scale() < 2 ? stripped.setScale(2) : stripped;
  }
}
