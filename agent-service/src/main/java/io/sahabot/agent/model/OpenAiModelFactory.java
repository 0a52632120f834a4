package io.sahabot.agent.model;

import dev.langchain4j.model.openai.OpenAiChatModel;
import org.springframework.context.annotation.PropertySource;
import org.springframework.stereotype.Component;

/**
 * Builds the {@link OpenAiChatModel} of an OpenAI-compatible endpoint from {@link
 * OpenAiProperties}. It does not make the model a bean: the configuration chooses between it and
 * the offline model, and wraps the chosen one in {@code MeteredChatModel}.
 *
 * <p>{@code openai-defaults.properties} maps {@code OPENAI_BASE_URL}, {@code OPENAI_API_KEY} and
 * {@code OPENAI_MODEL} onto {@code sahabot.agent.openai.*}; it has the lowest precedence, so {@code
 * application.yml} and the {@code SAHABOT_AGENT_OPENAI_*} variables still win.
 */
@Component
@PropertySource("classpath:io/sahabot/agent/model/openai-defaults.properties")
public class OpenAiModelFactory {

  private final OpenAiProperties properties;

  public OpenAiModelFactory(OpenAiProperties properties) {
    this.properties = properties;
  }

  public OpenAiProperties properties() {
    return properties;
  }

  /** A new model for the configured endpoint. */
  public OpenAiChatModel create() {
    return create(properties);
  }

  /** A new model for {@code properties}' endpoint. */
  public static OpenAiChatModel create(OpenAiProperties properties) {
    String apiKey = properties.apiKey();
    if (apiKey == null || apiKey.isBlank()) {
      throw new IllegalStateException(
          "The OpenAI-compatible model needs an API key: set OPENAI_API_KEY"
              + " (any non-blank value for a local endpoint such as Ollama)");
    }
    return OpenAiChatModel.builder()
        .baseUrl(properties.baseUrl())
        .apiKey(apiKey)
        .modelName(properties.modelName())
        .timeout(properties.timeout())
        .maxRetries(properties.maxRetries())
        .build();
  }
}
