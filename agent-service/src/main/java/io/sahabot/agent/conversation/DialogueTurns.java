package io.sahabot.agent.conversation;

import io.sahabot.agent.offline.domain.ConversationContext;
import io.sahabot.agent.offline.domain.Dialogue;
import io.sahabot.agent.tools.Texts;
import io.sahabot.agent.turn.TurnContext;
import io.sahabot.schemas.tenant.OpeningHours;
import io.sahabot.schemas.tenant.TenantSettings;
import java.util.function.UnaryOperator;

/**
 * The dialogue step of a typed turn, before the model: the message read against the conversation's
 * state ({@link Dialogue}). An answer to the bot's own question reaches the model as the complete
 * request it stands for; a no to the bot's offer is answered here; the customer's language is
 * remembered. The turn's state is then what the tools leave (offers, lists, bookings).
 */
public final class DialogueTurns {

  private DialogueTurns() {}

  /** The reply to {@code text}: {@code model} runs on the message the dialogue makes of it. */
  public static String run(TurnContext turn, String text, UnaryOperator<String> model) {
    Dialogue.Turn resolved = Dialogue.resolve(text, turn.dialogue(), understanding(turn));
    turn.dialogue(resolved.state());
    if (resolved.declined()) {
      return Texts.text(turn.language(), "declined");
    }
    return model.apply(resolved.text());
  }

  /** What the grammar needs to read a message of the turn: moment, fields, hours, role. */
  static ConversationContext understanding(TurnContext turn) {
    TenantSettings s = turn.tenant().settings();
    int open =
        s.openingHours().values().stream().mapToInt(OpeningHours::openMinute).min().orElse(9 * 60);
    int close =
        s.openingHours().values().stream()
            .mapToInt(OpeningHours::closeMinute)
            .max()
            .orElse(24 * 60);
    return new ConversationContext(
        turn.at(), s.fields(), open, close, s.slotMinutes(), turn.owner());
  }
}
