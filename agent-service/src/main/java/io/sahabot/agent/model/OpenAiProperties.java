package io.sahabot.agent.model;

import java.time.Duration;
import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;

/**
 * An OpenAI-compatible chat endpoint (OpenAI, Azure OpenAI, Ollama, vLLM, ...).
 *
 * <p>Prefix {@code sahabot.agent.openai}; the environment variables {@code OPENAI_BASE_URL}, {@code
 * OPENAI_API_KEY} and {@code OPENAI_MODEL} fill {@code base-url}, {@code api-key} and {@code
 * model-name} (see {@code openai-defaults.properties}).
 *
 * @param baseUrl default {@code https://api.openai.com/v1}
 * @param apiKey sent as {@code Authorization: Bearer}; needed only when this model is used
 * @param modelName default {@code gpt-4o-mini}; also the key of its price
 * @param timeout of one HTTP call, default 30s
 * @param maxRetries retries of a failed call (5xx, timeouts, 429), default 2
 */
@ConfigurationProperties("sahabot.agent.openai")
public record OpenAiProperties(
    @DefaultValue("https://api.openai.com/v1") String baseUrl,
    String apiKey,
    @DefaultValue("gpt-4o-mini") String modelName,
    @DefaultValue("30s") Duration timeout,
    @DefaultValue("2") int maxRetries) {

  public OpenAiProperties {
    if (baseUrl == null || baseUrl.isBlank()) {
      baseUrl = "https://api.openai.com/v1";
    }
    if (modelName == null || modelName.isBlank()) {
      modelName = "gpt-4o-mini";
    }
    if (timeout == null) {
      timeout = Duration.ofSeconds(30);
    }
    if (timeout.isZero() || timeout.isNegative()) {
      throw new IllegalArgumentException("sahabot.agent.openai.timeout must be positive");
    }
    if (maxRetries < 0) {
      throw new IllegalArgumentException("sahabot.agent.openai.max-retries must not be negative");
    }
  }

  @Override
  public String toString() {
    return "OpenAiProperties[baseUrl=%s, apiKey=%s, modelName=%s, timeout=%s, maxRetries=%d]"
        .formatted(
            baseUrl,
            apiKey == null || apiKey.isEmpty() ? "<none>" : "<set>",
            modelName,
            timeout,
            maxRetries);
  }
}
