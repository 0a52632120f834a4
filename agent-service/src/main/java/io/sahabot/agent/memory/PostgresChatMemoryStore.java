package io.sahabot.agent.memory;

import dev.langchain4j.data.message.ChatMessage;
import dev.langchain4j.data.message.ChatMessageDeserializer;
import dev.langchain4j.data.message.ChatMessageSerializer;
import dev.langchain4j.store.memory.chat.ChatMemoryStore;
import io.sahabot.platform.db.TenantScope;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import org.springframework.stereotype.Component;

/**
 * The agent's memory in {@code conversation_messages}: one row per (tenant, user) holding the whole
 * message list as langchain4j JSON.
 *
 * <p>Each call runs in its own transaction under the tenant's row-level-security context, parsed
 * from the memory id ({@link ConversationId}). The langchain4j interface is synchronous, so each
 * call blocks, at most {@link MemoryProperties#timeout()}: it is called from a turn's worker
 * thread, never from the Netty event loop.
 */
@Component
public class PostgresChatMemoryStore implements ChatMemoryStore {

  private final TenantScope tenantScope;
  private final Duration timeout;

  public PostgresChatMemoryStore(TenantScope tenantScope, MemoryProperties properties) {
    this.tenantScope = tenantScope;
    this.timeout = properties.timeout();
  }

  @Override
  public List<ChatMessage> getMessages(Object memoryId) {
    ConversationId id = ConversationId.parse(memoryId);
    String json =
        tenantScope
            .one(
                id.tenantId(),
                db ->
                    db.sql(
                            "SELECT messages::text AS messages FROM conversation_messages"
                                + " WHERE tenant_id = :tenant AND user_id = :user")
                        .bind("tenant", id.tenantId())
                        .bind("user", id.userId())
                        .map(row -> row.get("messages", String.class))
                        .one())
            .block(timeout);
    return json == null
        ? new ArrayList<>()
        : new ArrayList<>(ChatMessageDeserializer.messagesFromJson(json));
  }

  @Override
  public void updateMessages(Object memoryId, List<ChatMessage> messages) {
    ConversationId id = ConversationId.parse(memoryId);
    String json = ChatMessageSerializer.messagesToJson(messages);
    tenantScope
        .one(
            id.tenantId(),
            db ->
                db.sql(
                        "INSERT INTO conversation_messages (tenant_id, user_id, messages, updated_at)"
                            + " VALUES (:tenant, :user, CAST(:messages AS jsonb), now())"
                            + " ON CONFLICT (tenant_id, user_id) DO UPDATE"
                            + " SET messages = EXCLUDED.messages, updated_at = now()")
                    .bind("tenant", id.tenantId())
                    .bind("user", id.userId())
                    .bind("messages", json)
                    .fetch()
                    .rowsUpdated())
        .block(timeout);
  }

  @Override
  public void deleteMessages(Object memoryId) {
    ConversationId id = ConversationId.parse(memoryId);
    tenantScope
        .one(
            id.tenantId(),
            db ->
                db.sql(
                        "DELETE FROM conversation_messages"
                            + " WHERE tenant_id = :tenant AND user_id = :user")
                    .bind("tenant", id.tenantId())
                    .bind("user", id.userId())
                    .fetch()
                    .rowsUpdated())
        .block(timeout);
  }
}
