package io.sahabot.agent.model;

import dev.langchain4j.model.chat.ChatModel;
import io.micrometer.core.instrument.MeterRegistry;
import io.sahabot.agent.config.AgentProperties;
import io.sahabot.agent.config.Stages;
import io.sahabot.agent.offline.OfflineChatModel;
import io.sahabot.agent.usage.MeteredChatModel;
import io.sahabot.agent.usage.TokenUsageSink;
import java.time.Clock;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

/**
 * The models: the configured one ({@code offline} or {@code openai}), and the offline one every
 * deployment has (the fallback past a tenant's monthly budget). Both record their token usage per
 * tenant; the configured one is bounded in concurrent calls.
 */
@Configuration(proxyBeanMethods = false)
class ModelConfig {

  @Bean
  ChatModel offlineChatModel(TokenUsageSink usage, Clock clock) {
    return new MeteredChatModel(new OfflineChatModel(clock), usage, OfflineChatModel.NAME);
  }

  @Bean
  ChatModel agentChatModel(
      AgentProperties properties,
      TokenUsageSink usage,
      OpenAiModelFactory openAi,
      MeterRegistry meters,
      Clock clock) {
    ChatModel model;
    String name;
    switch (properties.model()) {
      case "offline" -> {
        model = new OfflineChatModel(clock);
        name = OfflineChatModel.NAME;
      }
      case "openai" -> {
        model = openAi.create();
        name = openAi.properties().modelName();
      }
      default ->
          throw new IllegalArgumentException(
              "sahabot.agent.model must be 'offline' or 'openai', not '"
                  + properties.model()
                  + "'");
    }
    return new BoundedChatModel(
        new MeteredChatModel(model, usage, name),
        properties.modelConcurrency(),
        properties.simulatedModelLatency(),
        Stages.timer(meters, "model"));
  }
}
