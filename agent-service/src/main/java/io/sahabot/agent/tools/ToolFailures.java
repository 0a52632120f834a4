package io.sahabot.agent.tools;

import dev.langchain4j.invocation.InvocationParameters;
import dev.langchain4j.service.tool.ToolErrorContext;
import dev.langchain4j.service.tool.ToolErrorHandlerResult;
import io.sahabot.agent.turn.TurnContext;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * What the model hears when a tool throws. A tool's own refusal of its arguments ({@link
 * IllegalArgumentException}) is given back as it is, so that a model can correct itself; any other
 * failure (reservation-service down, a timeout) becomes the short apology in the tenant's language,
 * so that no internal address or exception text can reach a customer through the reply.
 */
public final class ToolFailures {

  private static final Logger log = LoggerFactory.getLogger(ToolFailures.class);

  private ToolFailures() {}

  public static ToolErrorHandlerResult handle(Throwable error, ToolErrorContext context) {
    if (error instanceof IllegalArgumentException && error.getMessage() != null) {
      return ToolErrorHandlerResult.text(error.getMessage());
    }
    String tool =
        context.toolExecutionRequest() == null ? "?" : context.toolExecutionRequest().name();
    log.warn("Tool {} failed: {}", tool, error.toString());
    return ToolErrorHandlerResult.text(Texts.text(language(context), "sorry"));
  }

  private static String language(ToolErrorContext context) {
    InvocationParameters parameters = context.invocationParameters();
    Object turn = parameters == null ? null : parameters.get(TurnContext.KEY);
    return turn instanceof TurnContext t ? t.language() : "tr";
  }
}
