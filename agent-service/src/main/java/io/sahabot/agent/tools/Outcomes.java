package io.sahabot.agent.tools;

import io.sahabot.agent.turn.ButtonPayload;
import io.sahabot.agent.turn.TurnContext;
import io.sahabot.schemas.reservation.ReservationCancelled;
import io.sahabot.schemas.reservation.ReservationConfirmed;
import io.sahabot.schemas.reservation.ReservationEvent;
import io.sahabot.schemas.reservation.ReservationMarkedNoShow;
import io.sahabot.schemas.reservation.ReservationMoved;
import io.sahabot.schemas.reservation.ReservationRejected;
import io.sahabot.schemas.reservation.ReservationView;
import io.sahabot.schemas.reservation.Slot;
import io.sahabot.schemas.whatsapp.OutboundContent;
import java.math.BigDecimal;
import java.time.ZoneId;
import java.util.ArrayList;
import java.util.List;

/** Turns an outcome into the sentence the sender reads, and a conflict into a list to pick from. */
final class Outcomes {

  private Outcomes() {}

  static String describe(TurnContext turn, ReservationEvent event, boolean forSomeoneElse) {
    String lang = turn.language();
    ZoneId zone = ZoneId.of(turn.tenant().settings().timeZone());
    if (event == null) {
      return Texts.text(lang, "pending");
    }
    if (event instanceof ReservationConfirmed c) {
      ReservationView r = c.reservation();
      String slot = Texts.slot(lang, r.start(), r.end(), zone);
      String price = money(r.price(), r.currency());
      return forSomeoneElse && r.customer().name() != null
          ? Texts.text(lang, "confirmed_for", r.customer().name(), r.field(), slot, price)
          : Texts.text(lang, "confirmed", r.field(), slot, price);
    }
    if (event instanceof ReservationCancelled c) {
      return Texts.text(
          lang, "cancelled", c.reservation().field(), slot(lang, c.reservation(), zone));
    }
    if (event instanceof ReservationMoved m) {
      return Texts.text(lang, "moved", m.reservation().field(), slot(lang, m.reservation(), zone));
    }
    if (event instanceof ReservationMarkedNoShow n) {
      return Texts.text(
          lang, "cancelled", n.reservation().field(), slot(lang, n.reservation(), zone));
    }
    return rejected(turn, (ReservationRejected) event, zone);
  }

  private static String slot(String lang, ReservationView r, ZoneId zone) {
    return Texts.slot(lang, r.start(), r.end(), zone);
  }

  private static String rejected(TurnContext turn, ReservationRejected r, ZoneId zone) {
    String lang = turn.language();
    return switch (r.reason()) {
      case OVERLAP -> {
        List<Slot> alternatives = r.alternatives();
        if (alternatives.isEmpty()) {
          yield Texts.text(lang, "overlap_none", r.detail() == null ? "" : r.detail());
        }
        String body =
            Texts.text(lang, "overlap", r.detail() == null ? "" : r.detail()).replace("  ", " ");
        turn.attach(alternativesList(turn, body, alternatives, zone));
        yield body;
      }
      case CLOSED -> Texts.text(lang, "rejected_CLOSED", hours(turn));
      case UNKNOWN_FIELD ->
          Texts.text(
              lang, "rejected_UNKNOWN_FIELD", String.join(", ", turn.tenant().settings().fields()));
      case INVALID -> Texts.text(lang, "rejected_INVALID", r.detail() == null ? "" : r.detail());
      default -> Texts.text(lang, "rejected_" + r.reason().name());
    };
  }

  private static String hours(TurnContext turn) {
    var hours = turn.tenant().settings().openingHours();
    return hours.isEmpty()
        ? "-"
        : hours.values().iterator().next().open() + "–" + hours.values().iterator().next().close();
  }

  /** Each alternative a row whose id books it when chosen. */
  static OutboundContent.ListMessage alternativesList(
      TurnContext turn, String body, List<Slot> alternatives, ZoneId zone) {
    String lang = turn.language();
    List<OutboundContent.ListRow> rows = new ArrayList<>();
    for (Slot slot : alternatives.subList(0, Math.min(10, alternatives.size()))) {
      String id = ButtonPayload.Book.of(slot).encode();
      String title =
          Texts.hm(slot.start().atZone(zone))
              + "–"
              + Texts.hm(slot.end().atZone(zone))
              + " "
              + slot.field();
      String description = Texts.day(lang, slot.start().atZone(zone).toLocalDate());
      rows.add(new OutboundContent.ListRow(id, truncate(title, 24), truncate(description, 72)));
    }
    return new OutboundContent.ListMessage(body, Texts.text(lang, "pick_slot"), rows);
  }

  static String money(BigDecimal amount, String currency) {
    return amount == null ? "-" : amount.stripTrailingZeros().toPlainString() + " " + currency;
  }

  static String truncate(String s, int max) {
    return s.length() <= max ? s : s.substring(0, max);
  }
}
