package io.sahabot.agent.memory;

import dev.langchain4j.agent.tool.ToolExecutionRequest;
import dev.langchain4j.data.message.AiMessage;
import dev.langchain4j.data.message.ChatMessage;
import dev.langchain4j.data.message.ToolExecutionResultMessage;
import dev.langchain4j.data.message.UserMessage;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;

/**
 * Makes a conversation history consistent after a turn that failed half-way (model error, timeout,
 * crash), so that the next turn's request is valid for any OpenAI-compatible model.
 *
 * <ul>
 *   <li>An {@link AiMessage} with tool execution requests that is not followed by a {@link
 *       ToolExecutionResultMessage} for each of them is dropped, with the partial results after it
 *       (an OpenAI endpoint refuses a {@code tool_calls} message without all its answers).
 *   <li>A tool result that follows no tool request is dropped.
 *   <li>Trailing {@link UserMessage}s that got no answer are dropped: the turn that failed did not
 *       happen, as far as the model is concerned.
 * </ul>
 *
 * A consistent history is returned unchanged (equal). A tool call whose results are all present is
 * kept even without a final answer after it: the tools ran (a booking may exist), and the model
 * must know.
 */
public final class HistoryRepair {

  private HistoryRepair() {}

  public static List<ChatMessage> repair(List<ChatMessage> history) {
    List<ChatMessage> out = new ArrayList<>(history.size());
    int i = 0;
    while (i < history.size()) {
      ChatMessage message = history.get(i);
      if (message instanceof AiMessage ai && ai.hasToolExecutionRequests()) {
        int j = i + 1;
        List<ToolExecutionResultMessage> results = new ArrayList<>();
        while (j < history.size() && history.get(j) instanceof ToolExecutionResultMessage result) {
          results.add(result);
          j++;
        }
        if (answers(ai.toolExecutionRequests(), results)) {
          out.add(ai);
          out.addAll(results);
        }
        i = j;
      } else {
        if (!(message instanceof ToolExecutionResultMessage)) {
          out.add(message);
        }
        i++;
      }
    }
    while (!out.isEmpty() && out.get(out.size() - 1) instanceof UserMessage) {
      out.remove(out.size() - 1);
    }
    return out;
  }

  /** Whether the results answer every request (by id where the model gave ids, else by count). */
  static boolean answers(
      List<ToolExecutionRequest> requests, List<ToolExecutionResultMessage> results) {
    if (results.size() < requests.size()) {
      return false;
    }
    Set<String> answered = new HashSet<>();
    results.forEach(r -> answered.add(r.id()));
    return requests.stream().allMatch(r -> r.id() == null || answered.contains(r.id()));
  }
}
