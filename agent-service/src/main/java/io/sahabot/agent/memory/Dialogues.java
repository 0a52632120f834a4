package io.sahabot.agent.memory;

import io.sahabot.agent.dialogue.DialogueState;
import io.sahabot.schemas.Json;
import java.time.Duration;
import java.util.Optional;
import org.springframework.r2dbc.core.DatabaseClient;
import org.springframework.stereotype.Component;

/**
 * The dialogue state of each conversation ({@link DialogueState}), in the memory's own row of
 * {@code conversation_messages} (column {@code dialogue}, migration {@code V17_1}): read when a
 * turn starts (the function {@code conversation_dialogue}, one statement under the tenant's
 * row-level security), written with the turn's claim and history ({@link TurnLedger#complete}).
 */
@Component
public class Dialogues {

  private final DatabaseClient db;
  private final Duration timeout;

  public Dialogues(DatabaseClient db, MemoryProperties properties) {
    this.db = db;
    this.timeout = properties.timeout();
  }

  /** The conversation's state; empty when it has none yet. */
  public DialogueState load(ConversationId id) {
    String json =
        db.sql("SELECT conversation_dialogue(:tenant, :user)::text AS dialogue")
            .bind("tenant", id.tenantId())
            .bind("user", id.userId())
            .map(row -> Optional.ofNullable(row.get("dialogue", String.class)))
            .one()
            .block(timeout)
            .orElse(null);
    return json == null ? DialogueState.empty() : read(json);
  }

  static String write(DialogueState state) {
    return Json.mapper().writeValueAsString(state);
  }

  static DialogueState read(String json) {
    return Json.mapper().readValue(json, DialogueState.class);
  }
}
