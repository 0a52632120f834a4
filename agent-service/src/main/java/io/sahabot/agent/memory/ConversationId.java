package io.sahabot.agent.memory;

import java.util.UUID;

/** Stand-in until the memory package lands: a conversation is a tenant and a user. */
public record ConversationId(UUID tenantId, String userId) {

  public String memoryId() {
    return tenantId + ":" + userId;
  }

  public static ConversationId parse(Object memoryId) {
    String s = memoryId.toString();
    int colon = s.indexOf(':');
    return new ConversationId(UUID.fromString(s.substring(0, colon)), s.substring(colon + 1));
  }
}
