package io.sahabot.agent.memory;

import static org.assertj.core.api.Assertions.assertThat;

import dev.langchain4j.data.message.AiMessage;
import dev.langchain4j.data.message.ChatMessage;
import dev.langchain4j.data.message.UserMessage;
import io.sahabot.platform.db.TenantScope;
import java.util.List;
import java.util.UUID;
import org.junit.jupiter.api.Test;

/** The memory store on the real database, connected as the application role (RLS applies). */
class PostgresChatMemoryStoreIT {

  private final TenantScope scope = AgentDatabase.tenantScope();
  private final PostgresChatMemoryStore store = AgentDatabase.memoryStore();

  @Test
  void storesTheWholeHistoryAndReadsItBackAfterARestart() {
    ConversationId id = new ConversationId(AgentDatabase.newTenant(), "905454031918");
    List<ChatMessage> history = HistoryRepairTest.answered();

    store.updateMessages(id.memoryId(), history);
    PostgresChatMemoryStore afterRestart = AgentDatabase.memoryStore();

    assertThat(afterRestart.getMessages(id.memoryId())).isEqualTo(history);
  }

  @Test
  void anUnknownConversationIsEmptyAndAnUpdateReplacesTheWholeList() {
    ConversationId id = new ConversationId(AgentDatabase.newTenant(), "905000000001");

    assertThat(store.getMessages(id)).isEmpty();

    store.updateMessages(id, List.of(UserMessage.from("Merhaba"), AiMessage.from("Merhaba!")));
    store.updateMessages(id, List.of(UserMessage.from("İptal et")));

    assertThat(store.getMessages(id)).containsExactly(UserMessage.from("İptal et"));
  }

  @Test
  void deletesAConversation() {
    ConversationId id = new ConversationId(AgentDatabase.newTenant(), "905000000002");
    store.updateMessages(id, List.of(UserMessage.from("Merhaba")));

    store.deleteMessages(id);

    assertThat(store.getMessages(id)).isEmpty();
  }

  @Test
  void aTenantNeverSeesOrOverwritesAnotherTenantsMemoryOfTheSameUser() {
    UUID tenantA = AgentDatabase.newTenant();
    UUID tenantB = AgentDatabase.newTenant();
    String sameUser = "905454031918";
    ConversationId ofA = new ConversationId(tenantA, sameUser);
    ConversationId ofB = new ConversationId(tenantB, sameUser);
    store.updateMessages(ofA, List.of(UserMessage.from("A'nın sırrı")));

    List<ChatMessage> seenAsB = store.getMessages(ofB);
    Long rowsVisibleToB =
        scope
            .one(
                tenantB,
                db ->
                    db.sql("SELECT count(*) AS n FROM conversation_messages WHERE user_id = :u")
                        .bind("u", sameUser)
                        .map(row -> row.get("n", Long.class))
                        .one())
            .block();
    store.updateMessages(ofB, List.of(UserMessage.from("B")));
    store.deleteMessages(ofB);

    assertThat(seenAsB).isEmpty();
    assertThat(rowsVisibleToB).isZero();
    assertThat(store.getMessages(ofA)).containsExactly(UserMessage.from("A'nın sırrı"));
  }

  @Test
  void readingOrWritingAConversationLeavesTheCallersTenantContextAsItWas() {
    UUID tenantA = AgentDatabase.newTenant();
    UUID tenantB = AgentDatabase.newTenant();

    String contextAfter =
        scope
            .one(
                tenantA,
                db ->
                    db.sql("SELECT conversation_history(:b, 'u')::text")
                        .bind("b", tenantB)
                        .then()
                        .then(
                            db.sql("SELECT save_conversation_history(:b, 'u', '[]'::jsonb)::text")
                                .bind("b", tenantB)
                                .then())
                        .then(
                            db.sql("SELECT current_setting('app.tenant_id') AS t")
                                .map(row -> row.get("t", String.class))
                                .one()))
            .block();

    assertThat(contextAfter).isEqualTo(tenantA.toString());
    assertThat(store.getMessages(new ConversationId(tenantB, "u"))).isEmpty();
  }
}
