package io.sahabot.agent.usage;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.langchain4j.data.message.AiMessage;
import dev.langchain4j.data.message.UserMessage;
import dev.langchain4j.model.chat.ChatModel;
import dev.langchain4j.model.chat.request.ChatRequest;
import dev.langchain4j.model.chat.response.ChatResponse;
import dev.langchain4j.model.output.TokenUsage;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;
import org.junit.jupiter.api.Test;
import reactor.core.publisher.Mono;

class MeteredChatModelTest {

  record Recorded(UUID tenantId, String userId, String messageId, String model, int in, int out) {}

  private final List<Recorded> recorded = new ArrayList<>();
  private final TokenUsageSink sink =
      (tenant, user, message, model, in, out) ->
          Mono.fromRunnable(
              () -> recorded.add(new Recorded(tenant, user, message, model, in, out)));

  /** A model that answers every request with a fixed text and token usage. */
  static ChatModel fake(TokenUsage usage) {
    return new ChatModel() {
      @Override
      public ChatResponse doChat(ChatRequest request) {
        return ChatResponse.builder()
            .aiMessage(AiMessage.from("Tamam"))
            .tokenUsage(usage)
            .modelName("fake-model-2026-01-01")
            .build();
      }
    };
  }

  private final UUID tenant = UUID.randomUUID();

  @Test
  void recordsEachResponsesTokensForTheCurrentTurn() {
    ChatModel model = new MeteredChatModel(fake(new TokenUsage(120, 30)), sink, "gpt-4o-mini");

    String answer =
        TurnAttribution.with(
            tenant,
            "905454031918",
            "wamid.ABC",
            () -> {
              model.chat(UserMessage.from("Merhaba"));
              return model.chat("Yarın 9 boş mu?");
            });

    assertThat(answer).isEqualTo("Tamam");
    assertThat(recorded)
        .containsExactly(
            new Recorded(tenant, "905454031918", "wamid.ABC", "gpt-4o-mini", 120, 30),
            new Recorded(tenant, "905454031918", "wamid.ABC", "gpt-4o-mini", 120, 30));
  }

  @Test
  void recordsNothingOutsideATurnOrWithoutUsage() {
    new MeteredChatModel(fake(new TokenUsage(1, 1)), sink, "m").chat("outside");
    TurnAttribution.with(
        tenant, "u", "m", () -> new MeteredChatModel(fake(null), sink, "m").chat("no usage"));

    assertThat(recorded).isEmpty();
  }

  @Test
  void aFailureToRecordDoesNotFailTheTurn() {
    TokenUsageSink broken =
        (t, u, m, model, in, out) -> Mono.error(new IllegalStateException("database down"));
    ChatModel model = new MeteredChatModel(fake(new TokenUsage(1, 1)), broken, "m");

    String answer = TurnAttribution.with(tenant, "u", "m", () -> model.chat("Merhaba"));

    assertThat(answer).isEqualTo("Tamam");
  }

  @Test
  void aModelErrorPassesThroughAndRecordsNothing() {
    ChatModel failing =
        new ChatModel() {
          @Override
          public ChatResponse doChat(ChatRequest request) {
            throw new IllegalStateException("timeout");
          }
        };
    ChatModel model = new MeteredChatModel(failing, sink, "m");

    assertThatThrownBy(() -> TurnAttribution.with(tenant, "u", "m", () -> model.chat("Merhaba")))
        .hasMessage("timeout");
    assertThat(recorded).isEmpty();
  }
}
