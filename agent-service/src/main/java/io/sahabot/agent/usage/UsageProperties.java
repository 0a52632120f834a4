package io.sahabot.agent.usage;

import java.math.BigDecimal;
import java.math.RoundingMode;
import java.util.Map;
import org.springframework.boot.context.properties.ConfigurationProperties;

/**
 * Prices of the models, per million tokens, to compute the cost of each recorded call.
 *
 * <p>{@code sahabot.agent.usage.prices.<model>.input-per-million} and {@code .output-per-million}.
 * A model with no price (the offline model) costs 0. A model name with dots needs brackets in YAML
 * keys: {@code "[gpt-4.1-mini]"}.
 */
@ConfigurationProperties("sahabot.agent.usage")
public record UsageProperties(Map<String, ModelPrice> prices) {

  /** Cost is stored as NUMERIC(12, 6). */
  static final int COST_SCALE = 6;

  private static final BigDecimal MILLION = BigDecimal.valueOf(1_000_000);

  public UsageProperties {
    prices = prices == null ? Map.of() : Map.copyOf(prices);
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
