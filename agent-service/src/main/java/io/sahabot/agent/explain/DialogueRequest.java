package io.sahabot.agent.explain;

import java.time.OffsetDateTime;
import java.util.List;
import java.util.Map;
import java.util.UUID;

/**
 * A dialogue to run in dry run, as a fresh conversation: its turns in order, each with the slots it
 * is expected to produce (the format of {@code fixtures/conversations/dialogues.jsonl}), the
 * sender's role, the moment it happens (default now) and the tenant (its settings).
 */
public record DialogueRequest(
    String id, String role, OffsetDateTime at, UUID tenantId, List<Turn> turns) {

  public DialogueRequest {
    if (turns == null || turns.isEmpty()) {
      throw new IllegalArgumentException("turns: at least one");
    }
    if (role != null && !role.equals("customer") && !role.equals("owner")) {
      throw new IllegalArgumentException("role: must be 'customer' or 'owner'");
    }
    for (Turn t : turns) {
      if (t == null || t.text() == null || t.text().isBlank()) {
        throw new IllegalArgumentException("turns: each needs a text");
      }
    }
    turns = List.copyOf(turns);
  }

  /** One message, and what it should produce (may be null). */
  public record Turn(String text, Map<String, Object> expect) {}
}
