package io.sahabot.agent.memory;

import static org.assertj.core.api.Assertions.assertThat;

import dev.langchain4j.data.message.AiMessage;
import dev.langchain4j.data.message.UserMessage;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import io.sahabot.schemas.whatsapp.OutboundContent;
import io.sahabot.schemas.whatsapp.OutboundMessage;
import java.time.Instant;
import java.util.List;
import java.util.UUID;
import org.junit.jupiter.api.Test;

/** Claims of turns on the real database, as the application role. */
class TurnLedgerIT {

  private final TurnLedger ledger =
      new TurnLedger(AgentDatabase.client(), AgentDatabase.MEMORY, new SimpleMeterRegistry());
  private final PostgresChatMemoryStore store = AgentDatabase.memoryStore();

  @Test
  void theFirstRunToClaimATurnStoresItsHistoryAndRepliesAndALaterRunGetsThem() {
    ConversationId id = new ConversationId(AgentDatabase.newTenant(), "905320009001");
    String wamid = "wamid." + UUID.randomUUID();
    assertThat(ledger.processed(id.tenantId(), wamid)).isEmpty();

    List<OutboundMessage> first = List.of(reply(id, wamid, "Merhaba!"));
    List<OutboundMessage> standing =
        ledger.complete(
            id, wamid, List.of(UserMessage.from("merhaba"), AiMessage.from("Merhaba!")), first);

    assertThat(standing).isEqualTo(first);
    assertThat(ledger.processed(id.tenantId(), wamid)).contains(first);

    // a second run of the same message (another owner) produced something else
    List<OutboundMessage> second = List.of(reply(id, wamid, "Selam!"));
    assertThat(
            ledger.complete(
                id, wamid, List.of(UserMessage.from("merhaba"), AiMessage.from("Selam!")), second))
        .isEqualTo(first);
    assertThat(store.getMessages(id))
        .containsExactly(UserMessage.from("merhaba"), AiMessage.from("Merhaba!"));
  }

  @Test
  void aTurnThatLeftTheHistoryUnchangedIsClaimedWithoutWritingIt() {
    ConversationId id = new ConversationId(AgentDatabase.newTenant(), "905320009002");
    store.updateMessages(id, List.of(UserMessage.from("eski")));
    String wamid = "wamid." + UUID.randomUUID();

    ledger.complete(id, wamid, null, List.of());

    assertThat(ledger.processed(id.tenantId(), wamid)).contains(List.of());
    assertThat(store.getMessages(id)).containsExactly(UserMessage.from("eski"));
  }

  @Test
  void anotherTenantDoesNotSeeTheClaim() {
    ConversationId id = new ConversationId(AgentDatabase.newTenant(), "905320009003");
    String wamid = "wamid." + UUID.randomUUID();
    ledger.complete(id, wamid, null, List.of(reply(id, wamid, "Merhaba!")));

    assertThat(ledger.processed(AgentDatabase.newTenant(), wamid)).isEmpty();
  }

  private static OutboundMessage reply(ConversationId id, String wamid, String text) {
    return new OutboundMessage(
        UUID.nameUUIDFromBytes((wamid + "|reply|0").getBytes()).toString(),
        Instant.parse("2026-11-27T07:00:01Z"),
        id.tenantId(),
        wamid,
        "pn",
        id.userId(),
        wamid,
        new OutboundContent.Text(text));
  }
}
