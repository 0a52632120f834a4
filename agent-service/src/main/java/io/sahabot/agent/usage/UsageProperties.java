package io.sahabot.agent.usage;

import java.math.BigDecimal;
import java.math.RoundingMode;
import java.time.Duration;
import java.util.Map;
import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;

/**
 * Prices of the models, per million tokens, to compute the cost of each recorded call.
 *
 * <p>{@code sahabot.agent.usage.prices.<model>.input-per-million} and {@code .output-per-million}.
 * A model with no price (the offline model) costs 0. A model name with dots needs brackets in YAML
 * keys: {@code "[gpt-4.1-mini]"}.
 *
 * @param prices the price of each model
 * @param flushInterval how often the recorded calls are written
 * @param rowsPerStatement the most rows one insert writes
 * @param tenantsAtOnce tenants whose rows are written at once
 * @param writeTimeout how long one flush (and the last one, at shutdown) may take
 */
@ConfigurationProperties("sahabot.agent.usage")
public record UsageProperties(
    Map<String, ModelPrice> prices,
    @DefaultValue("100ms") Duration flushInterval,
    @DefaultValue("500") int rowsPerStatement,
    @DefaultValue("4") int tenantsAtOnce,
    @DefaultValue("30s") Duration writeTimeout) {

  /** Cost is stored as NUMERIC(12, 6). */
  static final int COST_SCALE = 6;

  private static final BigDecimal MILLION = BigDecimal.valueOf(1_000_000);

  public UsageProperties {
    prices = prices == null ? Map.of() : Map.copyOf(prices);
    if (!positive(flushInterval)
        || !positive(writeTimeout)
        || rowsPerStatement < 1
        || tenantsAtOnce < 1) {
      throw new IllegalArgumentException(
          "sahabot.agent.usage: flush-interval, write-timeout, rows-per-statement and"
              + " tenants-at-once must be positive");
    }
  }

  private static boolean positive(Duration d) {
    return d != null && !d.isNegative() && !d.isZero();
  }

  /** These prices, and the defaults for the rest. */
  public static UsageProperties of(Map<String, ModelPrice> prices) {
    return new UsageProperties(prices, Duration.ofMillis(100), 500, 4, Duration.ofSeconds(30));
  }

  /** The price of one model in one currency unit (USD for OpenAI) per million tokens. */
  public record ModelPrice(BigDecimal inputPerMillion, BigDecimal outputPerMillion) {
    public ModelPrice {
      inputPerMillion = inputPerMillion == null ? BigDecimal.ZERO : inputPerMillion;
      outputPerMillion = outputPerMillion == null ? BigDecimal.ZERO : outputPerMillion;
      if (inputPerMillion.signum() < 0 || outputPerMillion.signum() < 0) {
        throw new IllegalArgumentException("a model price must not be negative");
      }
    }
  }

  /** The cost of one call, rounded half-up to 6 decimals; 0 for a model with no price. */
  public BigDecimal cost(String model, int inputTokens, int outputTokens) {
    ModelPrice price = prices.get(model);
    if (price == null) {
      return BigDecimal.ZERO.setScale(COST_SCALE);
    }
    return price
        .inputPerMillion()
        .multiply(BigDecimal.valueOf(inputTokens))
        .add(price.outputPerMillion().multiply(BigDecimal.valueOf(outputTokens)))
        .divide(MILLION, COST_SCALE, RoundingMode.HALF_UP);
  }
}
