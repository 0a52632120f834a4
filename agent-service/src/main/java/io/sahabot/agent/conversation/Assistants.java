package io.sahabot.agent.conversation;

import dev.langchain4j.model.chat.ChatModel;
import dev.langchain4j.service.AiServices;
import io.sahabot.agent.config.AgentProperties;
import io.sahabot.agent.memory.ConversationMemories;
import io.sahabot.agent.privacy.DataRightsTools;
import io.sahabot.agent.reports.MonthlyReportTools;
import io.sahabot.agent.tools.AdminTools;
import io.sahabot.agent.tools.CustomerTools;
import io.sahabot.agent.tools.FieldTools;
import io.sahabot.agent.tools.OwnerTools;
import io.sahabot.agent.tools.SeriesWaitlistTools;
import io.sahabot.agent.tools.ToolFailures;
import io.sahabot.agent.turn.TurnContext;
import java.util.function.Function;
import org.springframework.beans.factory.annotation.Qualifier;
import org.springframework.stereotype.Component;

/**
 * The AI services of a deployment: for customers and for the business's own numbers (their tools
 * differ), on the configured model and on the offline model (the fallback past a tenant's budget).
 */
@Component
public class Assistants {

  private final Assistant customer;
  private final Assistant owner;
  private final Assistant offlineCustomer;
  private final Assistant offlineOwner;

  Assistants(
      @Qualifier("agentChatModel") ChatModel model,
      @Qualifier("offlineChatModel") ChatModel offline,
      ConversationMemories memories,
      CustomerTools customerTools,
      OwnerTools ownerTools,
      SeriesWaitlistTools seriesWaitlistTools,
      AdminTools adminTools,
      FieldTools fieldTools,
      AgentProperties properties,
      DataRightsTools dataRights,
      MonthlyReportTools monthly) {
    int calls = properties.maxToolCalls();
    this.customer =
        build(model, memories, calls, customerTools, fieldTools, seriesWaitlistTools, dataRights);
    this.owner =
        build(
            model,
            memories,
            calls,
            customerTools,
            fieldTools,
            ownerTools,
            adminTools,
            seriesWaitlistTools,
            monthly);
    this.offlineCustomer =
        build(offline, memories, calls, customerTools, fieldTools, seriesWaitlistTools, dataRights);
    this.offlineOwner =
        build(
            offline,
            memories,
            calls,
            customerTools,
            fieldTools,
            ownerTools,
            adminTools,
            seriesWaitlistTools,
            monthly);
  }

  private static Assistant build(
      ChatModel model, ConversationMemories memories, int maxToolCalls, Object... tools) {
    Function<dev.langchain4j.invocation.InvocationContext, String> system =
        context -> SystemPrompt.of(context.invocationParameters().get(TurnContext.KEY));
    return AiServices.builder(Assistant.class)
        .chatModel(model)
        .chatMemoryProvider(memories.provider())
        .systemMessageProviderWithContext(system)
        .tools(tools)
        .maxSequentialToolsInvocations(maxToolCalls)
        .toolExecutionErrorHandler(ToolFailures::handle)
        .build();
  }

  public Assistant forTurn(TurnContext turn) {
    return turn.owner() ? owner : customer;
  }

  public Assistant offlineForTurn(TurnContext turn) {
    return turn.owner() ? offlineOwner : offlineCustomer;
  }
}
