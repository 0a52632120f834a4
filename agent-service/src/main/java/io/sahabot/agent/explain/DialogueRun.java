package io.sahabot.agent.explain;

import io.sahabot.agent.turn.TurnContext;
import java.util.List;

/** What each turn of a dialogue produced in dry run, and whether it was what was expected. */
public record DialogueRun(String id, List<Turn> turns) {

  /**
   * @param language the language of the reply ({@code tr}, {@code en})
   * @param passed whether the turn did what its {@code expect} says; null when nothing was expected
   * @param mismatch what differed, when it did not
   */
  public record Turn(
      String text,
      List<TurnContext.ToolCall> toolCalls,
      String reply,
      String language,
      Boolean passed,
      String mismatch) {}
}
