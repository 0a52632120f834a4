package io.sahabot.agent.memory;

import dev.langchain4j.data.message.ChatMessage;
import dev.langchain4j.memory.chat.ChatMemoryProvider;
import dev.langchain4j.memory.chat.MessageWindowChatMemory;
import java.util.List;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.stereotype.Component;

/**
 * The agent's conversation memories: a {@link MessageWindowChatMemory} per conversation over the
 * {@link PostgresChatMemoryStore}, and the repair of a history a failed turn left behind.
 */
@Component
public class ConversationMemories {

  private static final Logger log = LoggerFactory.getLogger(ConversationMemories.class);

  private final PostgresChatMemoryStore store;
  private final int window;

  public ConversationMemories(PostgresChatMemoryStore store, MemoryProperties properties) {
    this.store = store;
    this.window = properties.window();
  }

  /**
   * For {@code AiServices.builder(..).chatMemoryProvider(..)}: the memory id is a {@link
   * ConversationId} or its {@link ConversationId#memoryId()} string. Keeps the last {@code
   * sahabot.agent.memory.window} messages (the system message is kept first and counts).
   */
  public ChatMemoryProvider provider() {
    return memoryId ->
        MessageWindowChatMemory.builder()
            .id(ConversationId.parse(memoryId).memoryId())
            .maxMessages(window)
            .chatMemoryStore(store)
            .build();
  }

  /**
   * After a model error or timeout, makes the stored history consistent for the next turn (see
   * {@link HistoryRepair}). Call it on the turn's thread, before the next turn of the conversation.
   *
   * @return whether anything was changed
   */
  public boolean repair(ConversationId id) {
    List<ChatMessage> history = store.getMessages(id);
    List<ChatMessage> repaired = HistoryRepair.repair(history);
    if (repaired.equals(history)) {
      return false;
    }
    log.info(
        "Repaired the history of a conversation of tenant {}: {} messages dropped",
        id.tenantId(),
        history.size() - repaired.size());
    store.updateMessages(id, repaired);
    return true;
  }
}
