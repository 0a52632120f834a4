package io.sahabot.agent.explain;

import io.sahabot.agent.turn.TurnContext;
import java.util.List;

/** What the configured model makes of a message: its tool calls and its reply. */
public record Explanation(List<TurnContext.ToolCall> toolCalls, String reply) {}
