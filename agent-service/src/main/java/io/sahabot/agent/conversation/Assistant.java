package io.sahabot.agent.conversation;

import dev.langchain4j.invocation.InvocationParameters;
import dev.langchain4j.service.MemoryId;
import dev.langchain4j.service.UserMessage;
import dev.langchain4j.service.memory.ChatMemoryAccess;

/**
 * One turn of a conversation, as a langchain4j AI service (memory per tenant and user). The
 * service's cached memory object of a conversation is evicted after each turn ({@link
 * ChatMemoryAccess}): the history itself lives in the store, and the cache would grow by one entry
 * per conversation ever seen.
 */
public interface Assistant extends ChatMemoryAccess {

  String chat(
      @MemoryId String conversation, @UserMessage String message, InvocationParameters parameters);
}
