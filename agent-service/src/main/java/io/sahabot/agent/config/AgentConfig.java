package io.sahabot.agent.config;

import dev.langchain4j.model.chat.ChatModel;
import io.sahabot.agent.offline.OfflineChatModel;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

/** The models: the configured one, and the offline one every deployment has. */
@Configuration(proxyBeanMethods = false)
class AgentConfig {

  @Bean
  ChatModel offlineChatModel() {
    return new OfflineChatModel();
  }

  @Bean
  ChatModel agentChatModel(AgentProperties properties) {
    ChatModel model =
        switch (properties.model()) {
          case "offline" -> new OfflineChatModel();
          default ->
              throw new IllegalArgumentException(
                  "sahabot.agent.model must be 'offline' or 'openai', not '"
                      + properties.model()
                      + "'");
        };
    return new BoundedChatModel(
        model, properties.modelConcurrency(), properties.simulatedModelLatency());
  }
}
