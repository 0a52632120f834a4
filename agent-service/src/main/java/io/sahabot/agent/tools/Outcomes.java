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
import io.sahabot.schemas.tenant.TenantSettings;
import io.sahabot.schemas.whatsapp.OutboundContent;
import java.math.BigDecimal;
import java.time.ZoneId;
import java.util.ArrayList;
import java.util.List;

/**
 * Turns an outcome into the sentence its reader reads, and a conflict into a list to pick from: in
 * a turn's reply (the fast path) and in the outcome notifier's messages alike.
 */
public final class Outcomes {

  private Outcomes() {}

  /** What an outcome says: a text, and for a conflict the list of free slots to pick from. */
  public record Message(String text, OutboundContent attachment) {}

  static String describe(TurnContext turn, ReservationEvent event, boolean forSomeoneElse) {
    if (event == null) {
      return Texts.text(turn.language(), "pending");
    }
    Message message = message(turn.language(), turn.tenant().settings(), event, forSomeoneElse);
    if (message.attachment() != null) {
      turn.attach(message.attachment());
    }
    return message.text();
  }

  /**
   * What {@code event} says to the one it concerns, in {@code lang}; {@code forSomeoneElse} names
   * the customer of a booking (the owner booked for them).
   */
  public static Message message(
      String lang, TenantSettings settings, ReservationEvent event, boolean forSomeoneElse) {
    ZoneId zone = ZoneId.of(settings.timeZone());
    Message seriesOrWaitlist =
        SeriesWaitlistMessages.message(lang, settings, event, forSomeoneElse);
    if (seriesOrWaitlist != null) {
      return seriesOrWaitlist;
    }
    if (event instanceof ReservationConfirmed c) {
      ReservationView r = c.reservation();
      String slot = Texts.slot(lang, r.start(), r.end(), zone);
      String price = money(r.price(), r.currency());
      String who = r.customer().name() != null ? r.customer().name() : r.customer().phone();
      if (r.customer().isBlock()) {
        return new Message(Texts.text(lang, "blocked", r.field(), slot), null);
      }
      return new Message(
          forSomeoneElse && who != null
              ? Texts.text(lang, "confirmed_for", who, r.field(), slot, price)
              : Texts.text(lang, "confirmed", r.field(), slot, price),
          null);
    }
    if (event instanceof ReservationCancelled c) {
      return new Message(
          Texts.text(lang, "cancelled", c.reservation().field(), slot(lang, c.reservation(), zone)),
          null);
    }
    if (event instanceof ReservationMoved m) {
      return new Message(
          Texts.text(lang, "moved", m.reservation().field(), slot(lang, m.reservation(), zone)),
          null);
    }
    if (event instanceof ReservationMarkedNoShow n) {
      return new Message(
          Texts.text(lang, "no_show", n.reservation().field(), slot(lang, n.reservation(), zone)),
          null);
    }
    if (event instanceof ReservationRejected r) {
      return rejected(lang, settings, r, zone);
    }
    throw new IllegalArgumentException("not an outcome: " + event.getClass().getSimpleName());
  }

  private static String slot(String lang, ReservationView r, ZoneId zone) {
    return Texts.slot(lang, r.start(), r.end(), zone);
  }

  private static Message rejected(
      String lang, TenantSettings settings, ReservationRejected r, ZoneId zone) {
    return switch (r.reason()) {
      case OVERLAP -> {
        List<Slot> alternatives = r.alternatives();
        if (alternatives.isEmpty()) {
          // the detail is reservation-service's note for operators, in English: never shown
          yield new Message(Texts.text(lang, "overlap_none"), null);
        }
        String body = Texts.text(lang, "overlap");
        yield new Message(body, alternativesList(lang, body, alternatives, zone));
      }
      case CLOSED -> new Message(Texts.text(lang, "rejected_CLOSED", hours(settings)), null);
      case UNKNOWN_FIELD ->
          new Message(
              Texts.text(lang, "rejected_UNKNOWN_FIELD", String.join(", ", settings.fields())),
              null);
      case INVALID -> new Message(Texts.text(lang, "rejected_INVALID"), null);
      case TOO_LATE -> {
        String text = Texts.text(lang, "rejected_TOO_LATE", settings.customerCancelLimitHours());
        yield new Message(
            text,
            new OutboundContent.Buttons(
                text,
                List.of(
                    new OutboundContent.ReplyButton(
                        new ButtonPayload.TellOwner().encode(), Texts.text(lang, "tell_owner")),
                    new OutboundContent.ReplyButton(
                        new ButtonPayload.Keep("late-cancel").encode(), Texts.text(lang, "no")))));
      }
      default -> new Message(Texts.text(lang, "rejected_" + r.reason().name()), null);
    };
  }

  private static String hours(TenantSettings settings) {
    var hours = settings.openingHours();
    return hours.isEmpty()
        ? "-"
        : hours.values().iterator().next().open() + "–" + hours.values().iterator().next().close();
  }

  /** Each alternative a row whose id books it when chosen. */
  static OutboundContent.ListMessage alternativesList(
      String lang, String body, List<Slot> alternatives, ZoneId zone) {
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
