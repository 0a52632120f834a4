package io.sahabot.agent.conversation;

import io.sahabot.agent.tools.CustomerTools;
import io.sahabot.agent.tools.Texts;
import java.time.Instant;
import java.util.Optional;
import org.springframework.stereotype.Component;

/**
 * A tap on one of the bot's buttons or list rows is the choice it stands for (see {@link
 * io.sahabot.agent.tools.Interactive}): it books the offered slot, cancels the chosen reservation,
 * or carries out what the owner confirmed. reservation-service still checks every right: a
 * customer's tap cannot cancel another customer's reservation.
 */
@Component
class Interactions {

  private final CustomerTools tools;

  Interactions(CustomerTools tools) {
    this.tools = tools;
  }

  Optional<String> handle(TurnContext turn, String id) {
    if (id == null) {
      return Optional.empty();
    }
    String[] p = id.split("\\|");
    try {
      return switch (p[0]) {
        case "book" ->
            Optional.of(tools.book(turn, p[1], Instant.parse(p[2]), Instant.parse(p[3])));
        case "cancel", "confirm-cancel" -> Optional.of(tools.cancel(turn, Long.parseLong(p[1])));
        case "confirm-move" ->
            Optional.of(
                tools.move(turn, Long.parseLong(p[1]), Instant.parse(p[2]), Instant.parse(p[3])));
        case "keep" -> Optional.of(Texts.text(turn.language(), "kept"));
        default -> Optional.empty();
      };
    } catch (ArrayIndexOutOfBoundsException
        | java.time.format.DateTimeParseException
        | NumberFormatException e) {
      return Optional.empty();
    }
  }
}
