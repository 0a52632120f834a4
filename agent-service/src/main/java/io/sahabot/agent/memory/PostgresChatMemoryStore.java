package io.sahabot.agent.memory;

import dev.langchain4j.data.message.ChatMessage;
import dev.langchain4j.data.message.ChatMessageDeserializer;
import dev.langchain4j.data.message.ChatMessageSerializer;
import dev.langchain4j.store.memory.chat.ChatMemoryStore;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.Timer;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import io.sahabot.agent.config.Stages;
import io.sahabot.platform.db.TenantScope;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.TimeUnit;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.r2dbc.core.DatabaseClient;
import org.springframework.stereotype.Component;

/**
 * The agent's memory in {@code conversation_messages}: one row per (tenant, user) holding the whole
 * message list as langchain4j JSON.
 *
 * <p>Each call runs in its own transaction under the tenant's row-level-security context, parsed
 * from the memory id ({@link ConversationId}). A read and a write are one statement each, the
 * functions {@code conversation_history} and {@code save_conversation_history} (migration {@code
 * V8_2}), which set the tenant context inside the statement's own transaction: one round trip each.
 * The langchain4j interface is synchronous, so each call blocks, at most {@link
 * MemoryProperties#timeout()}: it is called from a turn's worker thread, never from the Netty event
 * loop.
 */
@Component
public class PostgresChatMemoryStore implements ChatMemoryStore {

  private final DatabaseClient db;
  private final TenantScope tenantScope;
  private final Duration timeout;
  private final Timer reads;
  private final Timer writes;

  public PostgresChatMemoryStore(
      DatabaseClient db, TenantScope tenantScope, MemoryProperties properties) {
    this(db, tenantScope, properties, new SimpleMeterRegistry());
  }

  @Autowired
  public PostgresChatMemoryStore(
      DatabaseClient db,
      TenantScope tenantScope,
      MemoryProperties properties,
      MeterRegistry meters) {
    this.db = db;
    this.tenantScope = tenantScope;
    this.timeout = properties.timeout();
    this.reads = Stages.timer(meters, "memory.read");
    this.writes = Stages.timer(meters, "memory.write");
  }

  @Override
  public List<ChatMessage> getMessages(Object memoryId) {
    ConversationId id = ConversationId.parse(memoryId);
    long start = System.nanoTime();
    String json =
        db.sql("SELECT conversation_history(:tenant, :user)::text AS messages")
            .bind("tenant", id.tenantId())
            .bind("user", id.userId())
            .map(row -> Optional.ofNullable(row.get("messages", String.class)))
            .one()
            .block(timeout)
            .orElse(null);
    reads.record(System.nanoTime() - start, TimeUnit.NANOSECONDS);
    return json == null
        ? new ArrayList<>()
        : new ArrayList<>(ChatMessageDeserializer.messagesFromJson(json));
  }

  @Override
  public void updateMessages(Object memoryId, List<ChatMessage> messages) {
    ConversationId id = ConversationId.parse(memoryId);
    String json = ChatMessageSerializer.messagesToJson(messages);
    long start = System.nanoTime();
    db.sql("SELECT save_conversation_history(:tenant, :user, CAST(:messages AS jsonb))")
        .bind("tenant", id.tenantId())
        .bind("user", id.userId())
        .bind("messages", json)
        .then()
        .block(timeout);
    writes.record(System.nanoTime() - start, TimeUnit.NANOSECONDS);
  }

  @Override
  public void deleteMessages(Object memoryId) {
    ConversationId id = ConversationId.parse(memoryId);
    tenantScope
        .one(
            id.tenantId(),
            tx ->
                tx.sql(
                        "DELETE FROM conversation_messages"
                            + " WHERE tenant_id = :tenant AND user_id = :user")
                    .bind("tenant", id.tenantId())
                    .bind("user", id.userId())
                    .fetch()
                    .rowsUpdated())
        .block(timeout);
  }
}
