package io.sahabot.agent.explain;

import dev.langchain4j.invocation.InvocationParameters;
import dev.langchain4j.memory.chat.MessageWindowChatMemory;
import dev.langchain4j.model.chat.ChatModel;
import dev.langchain4j.service.AiServices;
import io.sahabot.agent.config.AgentProperties;
import io.sahabot.agent.conversation.Assistant;
import io.sahabot.agent.conversation.DialogueTurns;
import io.sahabot.agent.conversation.SystemPrompt;
import io.sahabot.agent.dialogue.DialogueState;
import io.sahabot.agent.tools.CustomerTools;
import io.sahabot.agent.tools.OwnerTools;
import io.sahabot.agent.tools.ToolFailures;
import io.sahabot.agent.turn.TurnContext;
import io.sahabot.platform.tenants.TenantSnapshots;
import io.sahabot.schemas.tenant.TenantSettings;
import io.sahabot.schemas.tenant.TenantSnapshot;
import io.sahabot.schemas.whatsapp.InboundMessage;
import java.time.Clock;
import java.time.Instant;
import java.time.ZoneId;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;
import org.springframework.beans.factory.annotation.Qualifier;
import org.springframework.stereotype.Service;

/**
 * Runs the configured model on a message as a turn would, with the sender's tools, but in dry run:
 * write tools record their call and send nothing, and nothing is kept in any conversation's memory.
 * Support uses it to see why the bot understood a message as it did.
 */
@Service
public class ExplainService {

  private static final String OWNER_NUMBER = "900000000000";
  private static final String CUSTOMER_NUMBER = "900000000001";

  private final Assistant customer;
  private final Assistant owner;
  private final TenantSnapshots tenants;
  private final Clock clock;

  public ExplainService(
      @Qualifier("agentChatModel") ChatModel model,
      CustomerTools customerTools,
      OwnerTools ownerTools,
      TenantSnapshots tenants,
      Clock clock,
      AgentProperties properties) {
    this.customer = build(model, properties.maxToolCalls(), customerTools);
    this.owner = build(model, properties.maxToolCalls(), customerTools, ownerTools);
    this.tenants = tenants;
    this.clock = clock;
  }

  private static Assistant build(ChatModel model, int maxToolCalls, Object... tools) {
    return AiServices.builder(Assistant.class)
        .chatModel(model)
        .chatMemoryProvider(id -> MessageWindowChatMemory.withMaxMessages(20))
        .systemMessageProviderWithContext(
            c -> SystemPrompt.of(c.invocationParameters().get(TurnContext.KEY)))
        .tools(tools)
        .maxSequentialToolsInvocations(maxToolCalls)
        .toolExecutionErrorHandler(ToolFailures::handle)
        .build();
  }

  public Explanation explain(ExplainRequest request) {
    boolean asOwner = "owner".equals(request.role());
    UUID tenantId = request.tenantId() != null ? request.tenantId() : new UUID(0, 0);
    TenantSnapshot tenant = tenants.get(tenantId).orElseGet(() -> defaults(tenantId));
    Instant at = request.at() != null ? request.at().toInstant() : clock.instant();
    String sender = asOwner ? OWNER_NUMBER : CUSTOMER_NUMBER;
    InboundMessage message =
        InboundMessage.text(
            "explain-" + UUID.randomUUID(),
            at,
            tenantId,
            "explain",
            tenant.phoneNumberId(),
            sender,
            "explain." + UUID.randomUUID(),
            request.text());
    TurnContext turn =
        new TurnContext(
            message, tenant, asOwner, at.atZone(ZoneId.of(tenant.settings().timeZone())), true);
    Assistant assistant = asOwner ? owner : customer;
    String memoryId = "explain:" + UUID.randomUUID();
    try {
      String reply =
          assistant.chat(
              memoryId, request.text(), InvocationParameters.from(TurnContext.KEY, turn));
      return new Explanation(turn.recorded(), reply);
    } finally {
      assistant.evictChatMemory(memoryId); // one request's memory, never read again
    }
  }

  /**
   * Runs a dialogue as one fresh conversation, in dry run: each turn through the dialogue step and
   * the model with the conversation's memory and state so far, as {@code TurnHandler} runs a turn,
   * but nothing is written and nothing kept afterwards. Each turn's tool calls and reply, scored
   * against its {@code expect} ({@link DialogueScore}).
   */
  public DialogueRun converse(DialogueRequest request) {
    boolean asOwner = "owner".equals(request.role());
    UUID tenantId = request.tenantId() != null ? request.tenantId() : new UUID(0, 0);
    TenantSnapshot tenant = tenants.get(tenantId).orElseGet(() -> defaults(tenantId));
    Instant at = request.at() != null ? request.at().toInstant() : clock.instant();
    String sender = asOwner ? OWNER_NUMBER : CUSTOMER_NUMBER;
    Assistant assistant = asOwner ? owner : customer;
    String memoryId = "converse:" + UUID.randomUUID();
    DialogueState state = DialogueState.empty();
    List<io.sahabot.schemas.reservation.ReservationView> booked = new ArrayList<>();
    List<DialogueRun.Turn> out = new ArrayList<>();
    try {
      int n = 0;
      for (DialogueRequest.Turn t : request.turns()) {
        // a minute apart, as a person answers
        Instant sent = at.plusSeconds(60L * n++);
        InboundMessage message =
            InboundMessage.text(
                "converse-" + UUID.randomUUID(),
                sent,
                tenantId,
                "converse",
                tenant.phoneNumberId(),
                sender,
                "converse." + UUID.randomUUID(),
                t.text());
        TurnContext turn =
            new TurnContext(
                message,
                tenant,
                asOwner,
                sent.atZone(ZoneId.of(tenant.settings().timeZone())),
                true);
        turn.loadedDialogue(state);
        turn.dryRunBookings(booked);
        String reply =
            DialogueTurns.run(
                turn,
                t.text(),
                said ->
                    assistant.chat(
                        memoryId, said, InvocationParameters.from(TurnContext.KEY, turn)));
        state = turn.dialogue();
        var mismatch = DialogueScore.mismatch(t.expect(), turn.recorded(), turn.language());
        out.add(
            new DialogueRun.Turn(
                t.text(),
                turn.recorded(),
                reply,
                turn.language(),
                t.expect() == null ? null : mismatch.isEmpty(),
                mismatch.orElse(null)));
      }
      return new DialogueRun(request.id(), out);
    } finally {
      assistant.evictChatMemory(memoryId); // one dialogue's memory, never read again
    }
  }

  private TenantSnapshot defaults(UUID tenantId) {
    return new TenantSnapshot(
        "explain",
        clock.instant(),
        tenantId,
        null,
        "explain",
        null,
        "SahaBot",
        true,
        TenantSettings.defaults(),
        1);
  }
}
