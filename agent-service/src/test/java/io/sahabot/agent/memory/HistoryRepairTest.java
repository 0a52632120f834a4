package io.sahabot.agent.memory;

import static org.assertj.core.api.Assertions.assertThat;

import dev.langchain4j.agent.tool.ToolExecutionRequest;
import dev.langchain4j.data.message.AiMessage;
import dev.langchain4j.data.message.ChatMessage;
import dev.langchain4j.data.message.SystemMessage;
import dev.langchain4j.data.message.ToolExecutionResultMessage;
import dev.langchain4j.data.message.UserMessage;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

class HistoryRepairTest {

  static final SystemMessage SYSTEM = SystemMessage.from("Sen Yıldız Halı Saha'nın asistanısın.");
  static final UserMessage ASK = UserMessage.from("Yarın akşam 9 boş mu?");
  static final ToolExecutionRequest AVAILABILITY =
      ToolExecutionRequest.builder()
          .id("call_1")
          .name("availability")
          .arguments("{\"date\":\"2026-11-28\",\"hour\":21}")
          .build();
  static final ToolExecutionRequest PRICE =
      ToolExecutionRequest.builder()
          .id("call_2")
          .name("price")
          .arguments("{\"date\":\"2026-11-28\",\"hour\":21}")
          .build();
  static final AiMessage CALLS = AiMessage.from(List.of(AVAILABILITY, PRICE));
  static final ToolExecutionResultMessage FREE =
      ToolExecutionResultMessage.from(AVAILABILITY, "Saha 1 ve Saha 2 boş");
  static final ToolExecutionResultMessage COSTS =
      ToolExecutionResultMessage.from(PRICE, "1500 TRY");
  static final AiMessage ANSWER = AiMessage.from("Evet, 21:00'de iki saha da boş (1500 TL).");

  /** A good history: a question answered through two tools. */
  static List<ChatMessage> answered() {
    return new ArrayList<>(List.of(SYSTEM, ASK, CALLS, FREE, COSTS, ANSWER));
  }

  @Test
  void aConsistentHistoryIsUnchanged() {
    assertThat(HistoryRepair.repair(answered())).isEqualTo(answered());
    assertThat(HistoryRepair.repair(List.of())).isEmpty();
    assertThat(HistoryRepair.repair(List.of(SYSTEM))).containsExactly(SYSTEM);
  }

  @Test
  void dropsATrailingUserMessageTheModelNeverAnswered() {
    List<ChatMessage> history = answered();
    history.add(UserMessage.from("Saha 1'i ayır"));

    assertThat(HistoryRepair.repair(history)).isEqualTo(answered());
  }

  @Test
  void dropsAnUnansweredToolCallAndTheQuestionBehindIt() {
    List<ChatMessage> history = answered();
    history.add(UserMessage.from("Saha 1'i ayır"));
    history.add(
        AiMessage.from(
            ToolExecutionRequest.builder()
                .id("call_3")
                .name("book")
                .arguments("{\"field\":\"Saha 1\"}")
                .build()));

    assertThat(HistoryRepair.repair(history)).isEqualTo(answered());
  }

  @Test
  void dropsAToolCallWithOnlyPartOfItsResults() {
    List<ChatMessage> history = new ArrayList<>(List.of(SYSTEM, ASK, CALLS, FREE));

    assertThat(HistoryRepair.repair(history)).containsExactly(SYSTEM);
  }

  @Test
  void keepsAToolCallWhoseResultsAreAllThereEvenWithoutAFinalAnswer() {
    List<ChatMessage> history = List.of(SYSTEM, ASK, CALLS, FREE, COSTS);

    assertThat(HistoryRepair.repair(history)).isEqualTo(history);
  }

  @Test
  void dropsADanglingToolCallInTheMiddleAndOrphanResults() {
    AiMessage dangling = AiMessage.from(AVAILABILITY);
    List<ChatMessage> history =
        List.of(SYSTEM, ASK, dangling, UserMessage.from("?"), COSTS, ANSWER);

    assertThat(HistoryRepair.repair(history))
        .containsExactly(SYSTEM, ASK, UserMessage.from("?"), ANSWER);
  }
}
