package io.sahabot.agent.memory;

import dev.langchain4j.data.message.ChatMessage;
import dev.langchain4j.memory.chat.ChatMemoryProvider;
import dev.langchain4j.memory.chat.MessageWindowChatMemory;
import dev.langchain4j.store.memory.chat.ChatMemoryStore;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.function.Consumer;
import java.util.function.Supplier;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.stereotype.Component;

/**
 * The agent's conversation memories: a {@link MessageWindowChatMemory} per conversation over the
 * {@link PostgresChatMemoryStore}, and the repair of a history a failed turn left behind.
 *
 * <p>Within a {@link #turn} the conversation's history is read once, kept in memory while the model
 * and the tools add to it, and written once when the turn ends (after a failure, repaired). Outside
 * a turn every read and write goes to the database.
 */
@Component
public class ConversationMemories {

  private static final Logger log = LoggerFactory.getLogger(ConversationMemories.class);

  private final PostgresChatMemoryStore store;
  private final int window;

  /** Histories of the turns running now, by memory id ({@code tenantId:userId}). */
  private final Map<String, TurnHistory> turns = new ConcurrentHashMap<>();

  private final ChatMemoryStore turnStore = new TurnStore();

  public ConversationMemories(PostgresChatMemoryStore store, MemoryProperties properties) {
    this.store = store;
    this.window = properties.window();
  }

  /**
   * Runs one turn of a conversation with its history in memory: one read before {@code work}, one
   * write after it if the history changed. If {@code work} throws, the history is repaired (see
   * {@link HistoryRepair}) and written before the exception passes on, so that the next turn works
   * and what the tools did stays known. A crash before the write leaves the history as it was
   * before the turn.
   *
   * <p>The caller runs one turn of a conversation at a time (the dispatcher chains them).
   */
  public <T> T turn(ConversationId id, Supplier<T> work) {
    return turn(id, work, messages -> store.updateMessages(id, messages));
  }

  /**
   * As {@link #turn(ConversationId, Supplier)}, but a turn that succeeds hands its changed history
   * to {@code keep} instead of writing it (the caller writes it with the turn's claim, in one
   * transaction: {@link TurnLedger#complete}); {@code keep} is not called when nothing changed. A
   * turn that fails is repaired and written as before.
   */
  public <T> T turn(ConversationId id, Supplier<T> work, Consumer<List<ChatMessage>> keep) {
    String memoryId = id.memoryId();
    List<ChatMessage> before = store.getMessages(id);
    TurnHistory history = new TurnHistory(before);
    if (turns.putIfAbsent(memoryId, history) != null) {
      throw new IllegalStateException("two turns of one conversation at once");
    }
    try {
      T result = work.get();
      if (history.changed) {
        keep.accept(history.messages);
      }
      return result;
    } catch (RuntimeException | Error e) {
      List<ChatMessage> repaired = HistoryRepair.repair(history.messages);
      if (repaired.size() != history.messages.size()) {
        log.info(
            "Repaired the history of a failed turn of tenant {}: {} messages dropped",
            id.tenantId(),
            history.messages.size() - repaired.size());
      }
      try {
        if (!repaired.equals(before)) {
          store.updateMessages(id, repaired);
        }
      } catch (RuntimeException writeFailed) {
        e.addSuppressed(writeFailed);
      }
      throw e;
    } finally {
      turns.remove(memoryId, history);
    }
  }

  /**
   * For {@code AiServices.builder(..).chatMemoryProvider(..)}: the memory id is a {@link
   * ConversationId} or its {@link ConversationId#memoryId()} string. Keeps the last {@code
   * sahabot.agent.memory.window} messages. The system message counts, and a new one (the prompt
   * carries the turn's date) replaces the old one at the start: some OpenAI-compatible servers'
   * chat templates refuse a system message anywhere else.
   */
  public ChatMemoryProvider provider() {
    return memoryId ->
        MessageWindowChatMemory.builder()
            .id(ConversationId.parse(memoryId).memoryId())
            .maxMessages(window)
            .alwaysKeepSystemMessageFirst(true)
            .chatMemoryStore(turnStore)
            .build();
  }

  /**
   * Appends {@code message} to a conversation's stored history (what the bot told outside a turn,
   * so the next turn knows it). The caller runs it when no turn of the conversation runs: through
   * the dispatcher, keyed like the conversation's turns.
   */
  public void append(ConversationId id, ChatMessage message) {
    if (turns.containsKey(id.memoryId())) {
      throw new IllegalStateException("a turn of the conversation is running");
    }
    List<ChatMessage> history = store.getMessages(id);
    history.add(message);
    store.updateMessages(id, history);
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

  /** A conversation's history while a turn of it runs. */
  private static final class TurnHistory {

    private List<ChatMessage> messages;
    private boolean changed;

    TurnHistory(List<ChatMessage> messages) {
      this.messages = messages;
    }
  }

  /** The history of the running turn, or else the database. */
  private final class TurnStore implements ChatMemoryStore {

    @Override
    public List<ChatMessage> getMessages(Object memoryId) {
      TurnHistory history = turns.get(ConversationId.parse(memoryId).memoryId());
      return history == null ? store.getMessages(memoryId) : new ArrayList<>(history.messages);
    }

    @Override
    public void updateMessages(Object memoryId, List<ChatMessage> messages) {
      TurnHistory history = turns.get(ConversationId.parse(memoryId).memoryId());
      if (history == null) {
        store.updateMessages(memoryId, messages);
      } else {
        history.messages = new ArrayList<>(messages);
        history.changed = true;
      }
    }

    @Override
    public void deleteMessages(Object memoryId) {
      TurnHistory history = turns.get(ConversationId.parse(memoryId).memoryId());
      if (history == null) {
        store.deleteMessages(memoryId);
      } else {
        history.messages = new ArrayList<>();
        history.changed = true;
      }
    }
  }
}
