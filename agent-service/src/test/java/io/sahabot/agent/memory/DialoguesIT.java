package io.sahabot.agent.memory;

import static org.assertj.core.api.Assertions.assertThat;

import dev.langchain4j.data.message.AiMessage;
import dev.langchain4j.data.message.UserMessage;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import io.sahabot.agent.dialogue.DialogueState;
import io.sahabot.agent.dialogue.DialogueState.Slots;
import java.time.Instant;
import java.time.LocalDateTime;
import java.util.List;
import java.util.UUID;
import org.junit.jupiter.api.Test;

/**
 * A conversation's dialogue state on the real database, as the application role: stored with the
 * turn's claim, read back by the next turn, kept when a turn leaves it unchanged, and hidden from
 * another tenant.
 */
class DialoguesIT {

  private final TurnLedger ledger =
      new TurnLedger(AgentDatabase.client(), AgentDatabase.MEMORY, new SimpleMeterRegistry());
  private final Dialogues dialogues = new Dialogues(AgentDatabase.client(), AgentDatabase.MEMORY);
  private final PostgresChatMemoryStore store = AgentDatabase.memoryStore();

  private static final DialogueState OFFERED =
      new DialogueState(
          "en",
          Slots.slot(
              "availability",
              LocalDateTime.parse("2026-11-28T20:00"),
              LocalDateTime.parse("2026-11-28T21:00"),
              "Saha 1",
              null),
          null,
          List.of(
              Slots.slot(
                  "reservation",
                  LocalDateTime.parse("2026-11-30T20:00"),
                  LocalDateTime.parse("2026-11-30T21:00"),
                  "Saha 2",
                  7L)),
          null,
          Instant.parse("2026-11-27T07:00:00Z"));

  @Test
  void theStateStoredWithATurnIsWhatTheNextTurnReads() {
    ConversationId id = new ConversationId(AgentDatabase.newTenant(), "905320009101");
    assertThat(dialogues.load(id)).isEqualTo(DialogueState.empty());

    ledger.complete(
        id,
        "wamid." + UUID.randomUUID(),
        List.of(UserMessage.from("Is Saturday 8pm free?"), AiMessage.from("Saha 1 is free")),
        List.of(),
        OFFERED);

    assertThat(dialogues.load(id)).isEqualTo(OFFERED);
    assertThat(store.getMessages(id)).hasSize(2);
  }

  @Test
  void aTurnThatLeavesTheStateUnchangedKeepsIt() {
    ConversationId id = new ConversationId(AgentDatabase.newTenant(), "905320009102");
    ledger.complete(id, "wamid." + UUID.randomUUID(), null, List.of(), OFFERED);
    // a tap handled without the model: no history, no state change
    ledger.complete(id, "wamid." + UUID.randomUUID(), null, List.of(), null);
    ledger.complete(
        id, "wamid." + UUID.randomUUID(), List.of(UserMessage.from("hello")), List.of(), null);

    assertThat(dialogues.load(id)).isEqualTo(OFFERED);
    assertThat(store.getMessages(id)).containsExactly(UserMessage.from("hello"));
  }

  @Test
  void anotherTenantDoesNotSeeTheState() {
    ConversationId id = new ConversationId(AgentDatabase.newTenant(), "905320009103");
    ledger.complete(id, "wamid." + UUID.randomUUID(), null, List.of(), OFFERED);

    assertThat(dialogues.load(new ConversationId(AgentDatabase.newTenant(), id.userId())))
        .isEqualTo(DialogueState.empty());
  }
}
