package io.sahabot.agent.model;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.langchain4j.agent.tool.P;
import dev.langchain4j.agent.tool.Tool;
import dev.langchain4j.memory.chat.MessageWindowChatMemory;
import dev.langchain4j.model.chat.ChatModel;
import dev.langchain4j.service.AiServices;
import dev.langchain4j.service.MemoryId;
import dev.langchain4j.service.Result;
import dev.langchain4j.service.UserMessage;
import io.sahabot.agent.memory.ConversationId;
import io.sahabot.agent.usage.MeteredChatModel;
import io.sahabot.agent.usage.TokenUsageSink;
import io.sahabot.agent.usage.TurnAttribution;
import java.io.IOException;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;
import java.util.concurrent.CopyOnWriteArrayList;
import okhttp3.mockwebserver.MockResponse;
import okhttp3.mockwebserver.MockWebServer;
import okhttp3.mockwebserver.RecordedRequest;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import reactor.core.publisher.Mono;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/**
 * The OpenAI-compatible path end to end against a local fake endpoint: a langchain4j AI service
 * with a tool and memory, the {@link OpenAiModelFactory}'s model, metered.
 */
class OpenAiPathTest {

  private static final JsonMapper JSON = JsonMapper.builder().build();

  interface Assistant {
    Result<String> chat(@MemoryId String conversation, @UserMessage String message);
  }

  static class FieldTools {
    final List<String> calls = new CopyOnWriteArrayList<>();

    @Tool("Which fields are free at an hour of a date")
    String availability(@P("date, ISO 8601") String date, @P("hour of day, 0-23") int hour) {
      calls.add(date + " " + hour);
      return "Saha 1 ve Saha 2 boş";
    }
  }

  record Recorded(UUID tenantId, String userId, String messageId, String model, int in, int out) {}

  private final MockWebServer server = new MockWebServer();
  private final List<Recorded> recorded = new ArrayList<>();
  private final TokenUsageSink sink =
      (tenant, user, message, model, in, out) ->
          Mono.fromRunnable(
              () -> recorded.add(new Recorded(tenant, user, message, model, in, out)));

  @BeforeEach
  void start() throws IOException {
    server.start();
  }

  @AfterEach
  void stop() throws IOException {
    server.close();
  }

  private OpenAiProperties properties(int maxRetries) {
    return new OpenAiProperties(
        server.url("/v1").toString(),
        "sk-test-123",
        "gpt-4o-mini",
        Duration.ofSeconds(5),
        maxRetries);
  }

  private static MockResponse json(int status, String body) {
    return new MockResponse()
        .setResponseCode(status)
        .setHeader("Content-Type", "application/json")
        .setBody(body);
  }

  private static String completion(String message, String finishReason, int in, int out) {
    return """
        {"id":"chatcmpl-%d","object":"chat.completion","created":1764230400,
         "model":"gpt-4o-mini-2024-07-18",
         "choices":[{"index":0,"message":%s,"finish_reason":"%s"}],
         "usage":{"prompt_tokens":%d,"completion_tokens":%d,"total_tokens":%d}}
        """
        .formatted(in, message, finishReason, in, out, in + out);
  }

  private static final String TOOL_CALL =
      """
      {"role":"assistant","content":null,"tool_calls":[{"id":"call_abc","type":"function",
        "function":{"name":"availability","arguments":"{\\"date\\":\\"2026-11-28\\",\\"hour\\":21}"}}]}
      """;

  private static final String FINAL_TEXT =
      "{\"role\":\"assistant\",\"content\":\"Evet, yarın 21:00'de Saha 1 ve Saha 2 boş.\"}";

  @Test
  void aToolCallThenAFinalAnswerThroughAnAiServiceWithMemory() throws Exception {
    server.enqueue(json(200, completion(TOOL_CALL, "tool_calls", 85, 20)));
    server.enqueue(json(200, completion(FINAL_TEXT, "stop", 130, 12)));
    FieldTools tools = new FieldTools();
    ChatModel model =
        new MeteredChatModel(OpenAiModelFactory.create(properties(2)), sink, "gpt-4o-mini");
    Assistant assistant =
        AiServices.builder(Assistant.class)
            .chatModel(model)
            .tools(tools)
            .chatMemoryProvider(id -> MessageWindowChatMemory.withMaxMessages(40))
            .build();
    UUID tenant = UUID.randomUUID();
    ConversationId conversation = new ConversationId(tenant, "905454031918");

    Result<String> result =
        TurnAttribution.with(
            tenant,
            "905454031918",
            "wamid.HBg",
            () -> assistant.chat(conversation.memoryId(), "Yarın akşam 9 boş mu?"));

    assertThat(result.content()).isEqualTo("Evet, yarın 21:00'de Saha 1 ve Saha 2 boş.");
    assertThat(tools.calls).containsExactly("2026-11-28 21");
    assertThat(result.tokenUsage().inputTokenCount()).isEqualTo(215);
    assertThat(result.tokenUsage().outputTokenCount()).isEqualTo(32);
    assertThat(recorded)
        .containsExactly(
            new Recorded(tenant, "905454031918", "wamid.HBg", "gpt-4o-mini", 85, 20),
            new Recorded(tenant, "905454031918", "wamid.HBg", "gpt-4o-mini", 130, 12));

    assertThat(server.getRequestCount()).isEqualTo(2);
    RecordedRequest first = server.takeRequest();
    RecordedRequest second = server.takeRequest();
    assertThat(first.getPath()).isEqualTo("/v1/chat/completions");
    assertThat(first.getHeader("Authorization")).isEqualTo("Bearer sk-test-123");
    JsonNode firstBody = JSON.readTree(first.getBody().readUtf8());
    assertThat(firstBody.path("model").asString()).isEqualTo("gpt-4o-mini");
    JsonNode function = firstBody.path("tools").path(0).path("function");
    assertThat(function.path("name").asString()).isEqualTo("availability");
    assertThat(function.path("description").asString())
        .isEqualTo("Which fields are free at an hour of a date");
    assertThat(function.path("parameters").path("properties").has("date")).isTrue();
    assertThat(function.path("parameters").path("properties").path("hour").path("type").asString())
        .isEqualTo("integer");
    assertThat(second.getHeader("Authorization")).isEqualTo("Bearer sk-test-123");
    JsonNode messages = JSON.readTree(second.getBody().readUtf8()).path("messages");
    JsonNode toolResult = messages.path(messages.size() - 1);
    assertThat(toolResult.path("role").asString()).isEqualTo("tool");
    assertThat(toolResult.path("tool_call_id").asString()).isEqualTo("call_abc");
    assertThat(toolResult.path("content").asString()).isEqualTo("Saha 1 ve Saha 2 boş");

    // the next turn of the same conversation carries its history; another conversation does not
    server.enqueue(json(200, completion(FINAL_TEXT, "stop", 10, 1)));
    server.enqueue(json(200, completion(FINAL_TEXT, "stop", 10, 1)));
    TurnAttribution.with(
        tenant, "905454031918", "wamid.2", () -> assistant.chat(conversation.memoryId(), "Ayır"));
    TurnAttribution.with(
        tenant,
        "905000000000",
        "wamid.3",
        () -> assistant.chat(new ConversationId(tenant, "905000000000").memoryId(), "Merhaba"));
    assertThat(JSON.readTree(server.takeRequest().getBody().readUtf8()).path("messages").size())
        .isEqualTo(5); // user, tool call, tool result, answer, user
    assertThat(JSON.readTree(server.takeRequest().getBody().readUtf8()).path("messages").size())
        .isEqualTo(1);
  }

  @Test
  void twoServerErrorsAreRetriedWithinMaxRetries() {
    server.enqueue(json(500, "{\"error\":{\"message\":\"overloaded\",\"type\":\"server_error\"}}"));
    server.enqueue(json(500, "{\"error\":{\"message\":\"overloaded\",\"type\":\"server_error\"}}"));
    server.enqueue(json(200, completion(FINAL_TEXT, "stop", 40, 10)));
    ChatModel model = OpenAiModelFactory.create(properties(2));

    String answer = model.chat("Merhaba");

    assertThat(answer).isEqualTo("Evet, yarın 21:00'de Saha 1 ve Saha 2 boş.");
    assertThat(server.getRequestCount()).isEqualTo(3);
  }

  @Test
  void givesUpAfterMaxRetries() {
    for (int i = 0; i < 3; i++) {
      server.enqueue(json(500, "{\"error\":{\"message\":\"down\",\"type\":\"server_error\"}}"));
    }
    server.enqueue(json(200, completion(FINAL_TEXT, "stop", 40, 10)));
    ChatModel model = OpenAiModelFactory.create(properties(1));

    assertThatThrownBy(() -> model.chat("Merhaba")).isInstanceOf(RuntimeException.class);
    assertThat(server.getRequestCount()).isEqualTo(2);
  }

  @Test
  void refusesToBuildWithoutAnApiKey() {
    assertThatThrownBy(
            () -> OpenAiModelFactory.create(new OpenAiProperties(null, " ", null, null, 2)))
        .isInstanceOf(IllegalStateException.class)
        .hasMessageContaining("OPENAI_API_KEY");
  }
}
