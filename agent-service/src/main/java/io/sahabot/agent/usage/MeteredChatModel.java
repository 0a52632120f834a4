package io.sahabot.agent.usage;

import dev.langchain4j.model.ModelProvider;
import dev.langchain4j.model.chat.Capability;
import dev.langchain4j.model.chat.ChatModel;
import dev.langchain4j.model.chat.ChatRequestOptions;
import dev.langchain4j.model.chat.listener.ChatModelListener;
import dev.langchain4j.model.chat.request.ChatRequest;
import dev.langchain4j.model.chat.request.ChatRequestParameters;
import dev.langchain4j.model.chat.response.ChatResponse;
import dev.langchain4j.model.output.TokenUsage;
import java.util.List;
import java.util.Objects;
import java.util.Set;
import java.util.UUID;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * A {@link ChatModel} that records the token usage of every response of its delegate for the turn
 * in {@link TurnAttribution#current()}, under {@code modelName} (the configured name the prices are
 * keyed by).
 *
 * <p>Recording does not wait for the database (see {@link TokenUsageRecorder}): the call returns as
 * soon as the model has answered. A failure to record is logged and does not fail the turn, whose
 * answer already exists. A call with no current turn is not recorded (logged as a warning: the
 * caller forgot {@link TurnAttribution#with}).
 */
public class MeteredChatModel implements ChatModel {

  private static final Logger log = LoggerFactory.getLogger(MeteredChatModel.class);

  private final ChatModel delegate;
  private final TokenUsageSink usage;
  private final String modelName;

  public MeteredChatModel(ChatModel delegate, TokenUsageSink usage, String modelName) {
    this.delegate = Objects.requireNonNull(delegate, "delegate");
    this.usage = Objects.requireNonNull(usage, "usage");
    this.modelName = Objects.requireNonNull(modelName, "modelName");
  }

  public ChatModel delegate() {
    return delegate;
  }

  public String modelName() {
    return modelName;
  }

  @Override
  public ChatResponse chat(ChatRequest request, ChatRequestOptions options) {
    ChatResponse response = delegate.chat(request, options);
    record(response.tokenUsage());
    return response;
  }

  @Override
  public ChatResponse doChat(ChatRequest request) {
    ChatResponse response = delegate.doChat(request);
    record(response.tokenUsage());
    return response;
  }

  private void record(TokenUsage tokens) {
    if (tokens == null) {
      return;
    }
    var turn = TurnAttribution.current();
    if (turn.isEmpty()) {
      log.warn("A call of model {} outside of a turn: its token usage is not recorded", modelName);
      return;
    }
    var t = turn.get();
    try {
      usage
          .record(
              t.tenantId(),
              t.userId(),
              t.messageId(),
              modelName,
              orZero(tokens.inputTokenCount()),
              orZero(tokens.outputTokenCount()))
          .subscribe(null, e -> notRecorded(t.tenantId(), e));
    } catch (RuntimeException e) {
      notRecorded(t.tenantId(), e);
    }
  }

  private void notRecorded(UUID tenantId, Throwable e) {
    log.warn("Token usage of tenant {} (model {}) not recorded", tenantId, modelName, e);
  }

  private static int orZero(Integer count) {
    return count == null ? 0 : count;
  }

  @Override
  public ChatRequestParameters defaultRequestParameters() {
    return delegate.defaultRequestParameters();
  }

  @Override
  public List<ChatModelListener> listeners() {
    return delegate.listeners();
  }

  @Override
  public ModelProvider provider() {
    return delegate.provider();
  }

  @Override
  public Set<Capability> supportedCapabilities() {
    return delegate.supportedCapabilities();
  }
}
