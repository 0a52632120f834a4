package io.sahabot.agent.tools;

import io.sahabot.agent.turn.ButtonPayload;
import io.sahabot.schemas.reservation.RejectionReason;
import io.sahabot.schemas.reservation.ReservationEvent;
import io.sahabot.schemas.reservation.ReservationView;
import io.sahabot.schemas.reservation.SeriesBooked;
import io.sahabot.schemas.reservation.SeriesCancelled;
import io.sahabot.schemas.reservation.Slot;
import io.sahabot.schemas.reservation.WaitlistJoined;
import io.sahabot.schemas.reservation.WaitlistOfferExpired;
import io.sahabot.schemas.reservation.WaitlistOffered;
import io.sahabot.schemas.tenant.TenantSettings;
import io.sahabot.schemas.whatsapp.OutboundContent;
import java.time.Instant;
import java.time.ZoneId;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.stream.Collectors;

/**
 * What the outcomes of recurring bookings and waitlists say ({@link Outcomes#message} asks here
 * first): a series' booked weeks and the taken ones with the free slots near them, a series'
 * cancellation, a place on a waitlist, a waitlist offer with its "Book it" button, an offer's end.
 */
public final class SeriesWaitlistMessages {

  private SeriesWaitlistMessages() {}

  /** The message of {@code event}, or null when it is not one of these outcomes. */
  public static Outcomes.Message message(
      String lang, TenantSettings settings, ReservationEvent event, boolean forSomeoneElse) {
    ZoneId zone = settings.zone();
    if (event instanceof SeriesBooked s) {
      return new Outcomes.Message(seriesBooked(lang, s, zone, forSomeoneElse), null);
    }
    if (event instanceof SeriesCancelled c) {
      if (c.cancelled().isEmpty()) {
        return new Outcomes.Message(Texts.text(lang, "series_cancelled_none"), null);
      }
      ReservationView first = c.cancelled().get(0);
      return new Outcomes.Message(
          Texts.text(
              lang,
              "series_cancelled",
              Texts.day(lang, first.start().atZone(zone).toLocalDate()),
              c.cancelled().size()),
          null);
    }
    if (event instanceof WaitlistJoined j) {
      return new Outcomes.Message(
          Texts.text(
              lang,
              "waitlist_joined",
              j.slot().field(),
              Texts.slot(lang, j.slot().start(), j.slot().end(), zone),
              j.position()),
          null);
    }
    if (event instanceof WaitlistOffered o) {
      String text = offerText(lang, o, zone);
      return new Outcomes.Message(
          text,
          new OutboundContent.Buttons(
              text,
              List.of(
                  new OutboundContent.ReplyButton(
                      new ButtonPayload.TakeOffer(o.entryId()).encode(),
                      Texts.text(lang, "waitlist_take")))));
    }
    if (event instanceof WaitlistOfferExpired x) {
      return new Outcomes.Message(
          Texts.text(
              lang,
              "waitlist_expired",
              x.slot().field(),
              Texts.slot(lang, x.slot().start(), x.slot().end(), zone)),
          null);
    }
    return null;
  }

  static String offerText(String lang, WaitlistOffered o, ZoneId zone) {
    return Texts.text(
        lang,
        "waitlist_offer",
        o.slot().field(),
        Texts.slot(lang, o.slot().start(), o.slot().end(), zone),
        Texts.hm(o.holdUntil().atZone(zone)));
  }

  private static String seriesBooked(
      String lang, SeriesBooked s, ZoneId zone, boolean forSomeoneElse) {
    int total = s.booked().size() + s.notBooked().size();
    List<String> lines = new ArrayList<>();
    s.booked().stream()
        .sorted(Comparator.comparing(ReservationView::start))
        .forEach(
            r -> lines.add("✅ " + r.field() + ", " + Texts.slot(lang, r.start(), r.end(), zone)));
    String body = String.join("\n", lines);
    if (!s.notBooked().isEmpty()) {
      String missed =
          s.notBooked().stream()
              .map(m -> "• " + missedLine(lang, m, zone))
              .collect(Collectors.joining("\n"));
      body = (body.isEmpty() ? "" : body + "\n") + Texts.text(lang, "series_missed", missed);
    }
    String name = s.booked().isEmpty() ? null : s.booked().get(0).customer().name();
    return forSomeoneElse && name != null
        ? Texts.text(lang, "series_booked_for", name, s.booked().size(), total, body)
        : Texts.text(lang, "series_booked", s.booked().size(), total, body);
  }

  private static String missedLine(String lang, SeriesBooked.MissedOccurrence m, ZoneId zone) {
    Slot slot = m.slot();
    String why =
        switch (m.reason()) {
          case OVERLAP, CLOSED, PAST -> Texts.text(lang, "series_missed_" + m.reason().name());
          default -> Texts.text(lang, "series_missed_other");
        };
    String line = Texts.slot(lang, slot.start(), slot.end(), zone) + ": " + why;
    if (m.reason() == RejectionReason.OVERLAP && !m.alternatives().isEmpty()) {
      String free =
          m.alternatives().stream()
              .limit(3)
              .map(a -> hm(a.start(), zone) + " " + a.field())
              .collect(Collectors.joining(", "));
      line += "; " + Texts.text(lang, "series_free", free);
    }
    return line;
  }

  private static String hm(Instant at, ZoneId zone) {
    return Texts.hm(at.atZone(zone));
  }

  /** The "join the waitlist" button offered beside the free slots of a taken one. */
  static OutboundContent.Buttons joinButton(String lang, Slot slot, ZoneId zone) {
    return new OutboundContent.Buttons(
        Texts.text(
            lang,
            "waitlist_prompt",
            slot.field() + ", " + Texts.slot(lang, slot.start(), slot.end(), zone)),
        List.of(
            new OutboundContent.ReplyButton(
                new ButtonPayload.JoinWaitlist(slot.field(), slot.start(), slot.end()).encode(),
                Texts.text(lang, "waitlist_button"))));
  }
}
