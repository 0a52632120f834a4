package io.sahabot.agent.outcomes;

import io.sahabot.agent.tools.Outcomes;
import io.sahabot.agent.tools.Texts;
import io.sahabot.agent.turn.ButtonPayload;
import io.sahabot.schemas.reservation.Actor;
import io.sahabot.schemas.reservation.CustomerRef;
import io.sahabot.schemas.reservation.ReminderDue;
import io.sahabot.schemas.reservation.ReservationCancelled;
import io.sahabot.schemas.reservation.ReservationConfirmed;
import io.sahabot.schemas.reservation.ReservationEvent;
import io.sahabot.schemas.reservation.ReservationMarkedNoShow;
import io.sahabot.schemas.reservation.ReservationMoved;
import io.sahabot.schemas.reservation.ReservationRejected;
import io.sahabot.schemas.reservation.ReservationView;
import io.sahabot.schemas.tenant.Notifications;
import io.sahabot.schemas.tenant.TenantSettings;
import io.sahabot.schemas.whatsapp.OutboundContent;
import java.time.ZoneId;
import java.util.ArrayList;
import java.util.List;

/**
 * Who is told what of an outcome:
 *
 * <ul>
 *   <li>the requester (a customer or an owner), every outcome, a rejection with its alternatives;
 *       the business through its tenant API ({@code BUSINESS}) and an operator have no WhatsApp
 *       address and are never told (the API answers them);
 *   <li>the reservation's customer, when someone else (an owner, the business through its tenant
 *       API) booked for them, cancelled or moved their reservation; never a blocked slot's;
 *   <li>every admin number, when a customer booked, cancelled or moved and {@code
 *       notifications.tellOwner} is on: the customer's name (or phone) and the slot;
 *   <li>a {@link ReminderDue}: the customer, with the buttons "I'm coming" and "Cancel".
 * </ul>
 *
 * The requester's notice comes last (the notifier gives the turn's fast path its chance first).
 */
final class Notices {

  private Notices() {}

  /** The requester's notice, if any, in the business's language; see {@link #others}. */
  static Notice requester(ReservationEvent event, TenantSettings settings) {
    return requester(event, settings, null);
  }

  /**
   * The requester's notice, if any, in {@code language} (the requester's conversation's, when
   * known; else the business's).
   */
  static Notice requester(ReservationEvent event, TenantSettings settings, String language) {
    Actor by = event.requestedBy();
    // an operator and the business through its tenant API (BUSINESS) are no WhatsApp users: only
    // customers and owners are told as requesters
    if (by == null
        || (by.role() != Actor.Role.CUSTOMER && by.role() != Actor.Role.OWNER)
        || event instanceof ReminderDue) {
      return null;
    }
    String lang = language != null ? language : settings.language();
    String customer = customer(event);
    boolean forSomeoneElse = by.role() == Actor.Role.OWNER && !by.userId().equals(customer);
    Outcomes.Message m = Outcomes.message(lang, settings, event, forSomeoneElse);
    OutboundContent content =
        m.attachment() != null ? m.attachment() : new OutboundContent.Text(m.text());
    return new Notice(by.userId(), content, update(settings, m.text()), m.text());
  }

  /** Everyone else's notices: the customer, the owners, a reminder's customer. */
  static List<Notice> others(ReservationEvent event, TenantSettings settings) {
    List<Notice> seriesOrWaitlist = SeriesWaitlistNotices.others(event, settings);
    if (seriesOrWaitlist != null) {
      return seriesOrWaitlist;
    }
    List<Notice> notices = new ArrayList<>();
    String lang = settings.language();
    String customer = customer(event);
    if (event instanceof ReminderDue due) {
      if (customer != null) {
        notices.add(reminder(due.reservation(), customer, settings));
      }
      return notices;
    }
    if (event instanceof ReservationRejected || event instanceof ReservationMarkedNoShow) {
      return notices;
    }
    Actor by = event.requestedBy();
    boolean byCustomer = by != null && by.role() == Actor.Role.CUSTOMER;
    if (!byCustomer && customer != null && (by == null || !by.userId().equals(customer))) {
      String text = Outcomes.message(lang, settings, event, false).text();
      notices.add(
          new Notice(customer, new OutboundContent.Text(text), update(settings, text), text));
    }
    if (byCustomer && settings.notifications().tellOwner()) {
      String text = ownerText(event, settings);
      for (String admin : settings.adminNumbers()) {
        if (!admin.equals(by.userId())) {
          notices.add(
              new Notice(admin, new OutboundContent.Text(text), update(settings, text), text));
        }
      }
    }
    return notices;
  }

  private static Notice reminder(ReservationView r, String customer, TenantSettings settings) {
    String lang = settings.language();
    String slot = Texts.slot(lang, r.start(), r.end(), settings.zone());
    String text = Texts.text(lang, "reminder", r.field(), slot);
    String cancel = new ButtonPayload.ReminderCancel(r.id()).encode();
    OutboundContent.Buttons buttons =
        new OutboundContent.Buttons(
            text,
            List.of(
                new OutboundContent.ReplyButton(
                    new ButtonPayload.Coming(r.id()).encode(), Texts.text(lang, "coming")),
                new OutboundContent.ReplyButton(cancel, Texts.text(lang, "cancel_button"))));
    Notifications n = settings.notifications();
    OutboundContent.Template template =
        new OutboundContent.Template(
            n.reminderTemplate(),
            templateLanguage(settings),
            List.of(r.field(), slot),
            List.of(cancel));
    return new Notice(customer, buttons, template, text);
  }

  private static String ownerText(ReservationEvent event, TenantSettings settings) {
    String lang = settings.language();
    ZoneId zone = settings.zone();
    ReservationView r = reservation(event);
    String key =
        event instanceof ReservationConfirmed
            ? "owner_booked"
            : event instanceof ReservationCancelled ? "owner_cancelled" : "owner_moved";
    CustomerRef c = r.customer();
    String who =
        c.name() != null && !c.name().isBlank()
            ? c.name()
            : c.phone() != null ? "+" + c.phone() : c.userId();
    return Texts.text(lang, key, who, r.field(), Texts.slot(lang, r.start(), r.end(), zone));
  }

  /** The business's update template with {@code text} as its one parameter. */
  static OutboundContent.Template update(TenantSettings settings, String text) {
    String parameter = text.replaceAll("\\s*\\n\\s*", " ").strip();
    if (parameter.length() > 1024) {
      parameter = parameter.substring(0, 1024);
    }
    return new OutboundContent.Template(
        settings.notifications().updateTemplate(),
        templateLanguage(settings),
        List.of(parameter),
        List.of());
  }

  /** {@code notifications.templateLanguage}, else the business's language as Meta writes it. */
  static String templateLanguage(TenantSettings settings) {
    String configured = settings.notifications().templateLanguage();
    return configured != null ? configured : settings.language().replace('-', '_');
  }

  static ReservationView reservation(ReservationEvent event) {
    if (event instanceof ReservationConfirmed c) {
      return c.reservation();
    }
    if (event instanceof ReservationCancelled c) {
      return c.reservation();
    }
    if (event instanceof ReservationMoved m) {
      return m.reservation();
    }
    if (event instanceof ReservationMarkedNoShow n) {
      return n.reservation();
    }
    if (event instanceof ReminderDue d) {
      return d.reservation();
    }
    return null;
  }

  /**
   * Where the reservation's customer is reached: their WhatsApp user id, else their phone; null for
   * a customer known by name only and for a blocked slot ({@link CustomerRef#block}).
   */
  static String customer(ReservationEvent event) {
    ReservationView r = reservation(event);
    if (r == null || CustomerRef.isBlock(r.customer())) {
      return null;
    }
    CustomerRef c = r.customer();
    if (c.isBlock()) {
      return null; // a blocked slot: nobody to tell
    }
    if (c.userId() != null && !c.userId().startsWith("name:")) {
      return c.userId();
    }
    return c.phone();
  }
}
