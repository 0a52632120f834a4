package io.sahabot.agent.conversation;

import dev.langchain4j.invocation.InvocationParameters;
import dev.langchain4j.service.MemoryId;
import dev.langchain4j.service.UserMessage;

/** One turn of a conversation, as a langchain4j AI service (memory per tenant and user). */
public interface Assistant {

  String chat(
      @MemoryId String conversation, @UserMessage String message, InvocationParameters parameters);
}
