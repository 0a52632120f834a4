package io.sahabot.agent.memory;

import java.util.Objects;
import java.util.UUID;

/**
 * The memory id of one conversation: a tenant and one of its users ({@code wa_id} or BSUID).
 *
 * <p>As a langchain4j memory id it is the string {@code tenantId:userId}, the same shape as the
 * Kafka key of {@code whatsapp.inbound.messages}. The tenant is the part before the first colon; a
 * user id may itself contain colons.
 */
public record ConversationId(UUID tenantId, String userId) {

  public ConversationId {
    Objects.requireNonNull(tenantId, "tenantId");
    if (userId == null || userId.isBlank()) {
      throw new IllegalArgumentException("userId must not be blank");
    }
  }

  /** The memory id to give langchain4j ({@code @MemoryId}): {@code tenantId:userId}. */
  public String memoryId() {
    return tenantId + ":" + userId;
  }

  /**
   * The conversation of a langchain4j memory id: a {@link ConversationId} itself, or its {@link
   * #memoryId()} string.
   *
   * @throws IllegalArgumentException when the id is neither
   */
  public static ConversationId parse(Object memoryId) {
    if (memoryId instanceof ConversationId id) {
      return id;
    }
    if (memoryId == null) {
      throw new IllegalArgumentException("memory id is null");
    }
    String text = memoryId.toString();
    int colon = text.indexOf(':');
    if (colon <= 0 || colon == text.length() - 1) {
      throw new IllegalArgumentException("memory id is not tenantId:userId: " + text);
    }
    UUID tenant;
    try {
      tenant = UUID.fromString(text.substring(0, colon));
    } catch (IllegalArgumentException e) {
      throw new IllegalArgumentException("memory id has no tenant UUID: " + text, e);
    }
    return new ConversationId(tenant, text.substring(colon + 1));
  }

  @Override
  public String toString() {
    return memoryId();
  }
}
