package io.sahabot.agent.memory;

import dev.langchain4j.memory.chat.ChatMemoryProvider;
import dev.langchain4j.memory.chat.MessageWindowChatMemory;
import dev.langchain4j.store.memory.chat.InMemoryChatMemoryStore;
import org.springframework.stereotype.Component;

/** Stand-in until the memory package lands: in-memory windows, no repair. */
@Component
public class ConversationMemories {

  private final InMemoryChatMemoryStore store = new InMemoryChatMemoryStore();

  public ChatMemoryProvider provider() {
    return id ->
        MessageWindowChatMemory.builder().id(id).maxMessages(40).chatMemoryStore(store).build();
  }

  public void repair(ConversationId id) {}
}
