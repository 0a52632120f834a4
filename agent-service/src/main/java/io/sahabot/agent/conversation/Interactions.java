package io.sahabot.agent.conversation;

import io.sahabot.agent.privacy.DataRightsTools;
import io.sahabot.agent.tools.AdminTools;
import io.sahabot.agent.tools.CustomerTools;
import io.sahabot.agent.tools.OwnerTools;
import io.sahabot.agent.tools.SeriesWaitlistTools;
import io.sahabot.agent.tools.Texts;
import io.sahabot.agent.turn.ButtonPayload;
import io.sahabot.agent.turn.TurnContext;
import java.util.Optional;
import org.springframework.stereotype.Component;

/**
 * A tap on one of the bot's buttons or list rows is the choice it stands for (see {@link
 * ButtonPayload}): it books the offered slot, cancels the chosen reservation, or carries out what
 * the owner confirmed. reservation-service still checks every right: a customer's tap cannot cancel
 * another customer's reservation.
 */
@Component
class Interactions {

  private final CustomerTools tools;
  private final OwnerTools ownerTools;
  private final SeriesWaitlistTools waitlists;
  private final DataRightsTools dataRights;
  private final AdminTools adminTools;

  Interactions(
      CustomerTools tools,
      OwnerTools ownerTools,
      SeriesWaitlistTools waitlists,
      DataRightsTools dataRights,
      AdminTools adminTools) {
    this.tools = tools;
    this.ownerTools = ownerTools;
    this.waitlists = waitlists;
    this.dataRights = dataRights;
    this.adminTools = adminTools;
  }

  Optional<String> handle(TurnContext turn, String id) {
    return ButtonPayload.parse(id).map(choice -> carryOut(turn, choice));
  }

  private String carryOut(TurnContext turn, ButtonPayload choice) {
    if (choice instanceof ButtonPayload.Book b) {
      return tools.book(turn, b.field(), b.start(), b.end());
    }
    if (choice instanceof ButtonPayload.Cancel c) {
      return tools.cancel(turn, c.reservationId());
    }
    if (choice instanceof ButtonPayload.ConfirmCancel c) {
      return tools.cancel(turn, c.reservationId());
    }
    if (choice instanceof ButtonPayload.ConfirmMove m) {
      return tools.move(turn, m.reservationId(), m.start(), m.end());
    }
    if (choice instanceof ButtonPayload.Keep) {
      return Texts.text(turn.language(), "kept");
    }
    if (choice instanceof ButtonPayload.ReminderCancel c) {
      return tools.cancel(turn, c.reservationId());
    }
    if (choice instanceof ButtonPayload.Coming) {
      return Texts.text(turn.language(), "coming_ack");
    }
    if (choice instanceof ButtonPayload.NoShow n) {
      return turn.owner()
          ? ownerTools.markNoShow(turn, n.reservationId())
          : Texts.text(turn.language(), "owners_only");
    }
    if (choice instanceof ButtonPayload.JoinWaitlist w) {
      return waitlists.join(turn, w.field(), w.start(), w.end());
    }
    if (choice instanceof ButtonPayload.TakeOffer o) {
      return waitlists.takeOffer(turn, o.entryId());
    }
    if (choice instanceof ButtonPayload.EraseData) {
      return dataRights.confirmErase(turn);
    }
    if (choice instanceof ButtonPayload.Admin a) {
      return adminTools.apply(turn, a.change()); // owners only: apply checks
    }
    if (choice instanceof ButtonPayload.TellOwner) {
      return adminTools.tellOwner(turn);
    }
    throw new IllegalStateException("unhandled button payload " + choice);
  }
}
