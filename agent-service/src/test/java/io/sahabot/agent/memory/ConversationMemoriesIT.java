package io.sahabot.agent.memory;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.langchain4j.agent.tool.ToolExecutionRequest;
import dev.langchain4j.data.message.AiMessage;
import dev.langchain4j.data.message.ChatMessage;
import dev.langchain4j.data.message.SystemMessage;
import dev.langchain4j.data.message.UserMessage;
import dev.langchain4j.memory.ChatMemory;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import java.time.Duration;
import java.util.List;
import org.junit.jupiter.api.Test;

/** Windowed memories over the real store, and the repair of what a failed turn left behind. */
class ConversationMemoriesIT {

  private final PostgresChatMemoryStore store = AgentDatabase.memoryStore();
  private final ConversationMemories memories =
      new ConversationMemories(store, AgentDatabase.MEMORY);

  private ConversationId newConversation() {
    return new ConversationId(AgentDatabase.newTenant(), "905454031918");
  }

  @Test
  void theWindowKeepsTheLastFortyMessagesWithTheSystemMessageFirst() {
    ConversationId id = newConversation();
    ChatMemory memory = memories.provider().get(id.memoryId());
    memory.add(SystemMessage.from("Sen bir rezervasyon asistanısın."));

    for (int i = 0; i < 30; i++) {
      memory.add(UserMessage.from("soru " + i));
      memory.add(AiMessage.from("cevap " + i));
    }

    List<ChatMessage> stored = store.getMessages(id);
    assertThat(stored).hasSize(40);
    assertThat(stored.get(0)).isInstanceOf(SystemMessage.class);
    assertThat(stored.get(stored.size() - 1)).isEqualTo(AiMessage.from("cevap 29"));
    assertThat(memories.provider().get(id).messages()).isEqualTo(stored);
  }

  @Test
  void aNewSystemMessageReplacesTheOldOneAtTheStart() {
    ConversationId id = newConversation();
    ChatMemory memory = memories.provider().get(id);
    memory.add(SystemMessage.from("Bugün 27 Kasım."));
    memory.add(UserMessage.from("Merhaba"));
    memory.add(AiMessage.from("Merhaba!"));

    ChatMemory nextTurn = memories.provider().get(id);
    nextTurn.add(SystemMessage.from("Bugün 28 Kasım."));
    nextTurn.add(UserMessage.from("Yarın 9 boş mu?"));

    assertThat(store.getMessages(id))
        .containsExactly(
            SystemMessage.from("Bugün 28 Kasım."),
            UserMessage.from("Merhaba"),
            AiMessage.from("Merhaba!"),
            UserMessage.from("Yarın 9 boş mu?"));
  }

  @Test
  void repairsAHistoryEndingInAQuestionTheModelNeverAnswered() {
    ConversationId id = newConversation();
    ChatMemory memory = memories.provider().get(id);
    HistoryRepairTest.answered().forEach(memory::add);
    memory.add(UserMessage.from("Saha 1'i ayır")); // then the model timed out

    boolean changed = memories.repair(id);

    assertThat(changed).isTrue();
    assertThat(store.getMessages(id)).isEqualTo(HistoryRepairTest.answered());
  }

  @Test
  void repairsAHistoryEndingInAnUnansweredToolCall() {
    ConversationId id = newConversation();
    ChatMemory memory = memories.provider().get(id);
    HistoryRepairTest.answered().forEach(memory::add);
    askForABookingTheToolNeverAnswers(memory); // then the tool or the model failed

    memories.repair(id);

    assertThat(store.getMessages(id)).isEqualTo(HistoryRepairTest.answered());
  }

  private static void askForABookingTheToolNeverAnswers(ChatMemory memory) {
    memory.add(UserMessage.from("Saha 1'i ayır"));
    memory.add(
        AiMessage.from(
            ToolExecutionRequest.builder()
                .id("call_9")
                .name("book")
                .arguments("{\"field\":\"Saha 1\"}")
                .build()));
  }

  @Test
  void leavesAGoodHistoryUnchanged() {
    ConversationId id = newConversation();
    store.updateMessages(id, HistoryRepairTest.answered());

    boolean changed = memories.repair(id);

    assertThat(changed).isFalse();
    assertThat(store.getMessages(id)).isEqualTo(HistoryRepairTest.answered());
  }

  @Test
  void theWindowSizeComesFromTheProperties() {
    ConversationMemories small =
        new ConversationMemories(store, new MemoryProperties(4, Duration.ofSeconds(30)));
    ConversationId id = newConversation();
    ChatMemory memory = small.provider().get(id);

    for (int i = 0; i < 5; i++) {
      memory.add(UserMessage.from("soru " + i));
      memory.add(AiMessage.from("cevap " + i));
    }

    assertThat(store.getMessages(id))
        .containsExactly(
            UserMessage.from("soru 3"),
            AiMessage.from("cevap 3"),
            UserMessage.from("soru 4"),
            AiMessage.from("cevap 4"));
  }

  @Test
  void aTurnReadsTheHistoryOnceAndWritesItOnceWhenItEnds() {
    SimpleMeterRegistry meters = new SimpleMeterRegistry();
    PostgresChatMemoryStore counted =
        new PostgresChatMemoryStore(
            AgentDatabase.client(), AgentDatabase.tenantScope(), AgentDatabase.MEMORY, meters);
    ConversationMemories turns = new ConversationMemories(counted, AgentDatabase.MEMORY);
    ConversationId id = newConversation();
    store.updateMessages(id, List.of(UserMessage.from("Merhaba"), AiMessage.from("Merhaba!")));

    List<ChatMessage> seenDuringTheTurn =
        turns.turn(
            id,
            () -> {
              ChatMemory memory = turns.provider().get(id);
              memory.add(SystemMessage.from("Bugün 28 Kasım."));
              memory.add(UserMessage.from("Yarın 9 boş mu?"));
              memory.add(AiMessage.from("Evet, boş."));
              assertThat(memory.messages()).hasSize(5);
              return store.getMessages(id);
            });

    assertThat(seenDuringTheTurn).hasSize(2); // nothing written while the turn ran
    assertThat(store.getMessages(id))
        .containsExactly(
            SystemMessage.from("Bugün 28 Kasım."),
            UserMessage.from("Merhaba"),
            AiMessage.from("Merhaba!"),
            UserMessage.from("Yarın 9 boş mu?"),
            AiMessage.from("Evet, boş."));
    assertThat(meters.get("sahabot.agent.stage").tag("stage", "memory.read").timer().count())
        .isEqualTo(1);
    assertThat(meters.get("sahabot.agent.stage").tag("stage", "memory.write").timer().count())
        .isEqualTo(1);
  }

  @Test
  void aTurnThatFailsLeavesTheRepairedHistoryAndPassesTheErrorOn() {
    ConversationId id = newConversation();
    store.updateMessages(id, HistoryRepairTest.answered());
    IllegalStateException timeout = new IllegalStateException("model timed out");

    assertThatThrownBy(
            () ->
                memories.turn(
                    id,
                    () -> {
                      askForABookingTheToolNeverAnswers(memories.provider().get(id));
                      throw timeout;
                    }))
        .isSameAs(timeout);

    assertThat(store.getMessages(id)).isEqualTo(HistoryRepairTest.answered());
  }
}
