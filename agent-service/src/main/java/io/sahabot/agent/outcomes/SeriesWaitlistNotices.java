package io.sahabot.agent.outcomes;

import io.sahabot.agent.tools.Outcomes;
import io.sahabot.schemas.reservation.Actor;
import io.sahabot.schemas.reservation.CustomerRef;
import io.sahabot.schemas.reservation.ReservationEvent;
import io.sahabot.schemas.reservation.SeriesBooked;
import io.sahabot.schemas.reservation.SeriesCancelled;
import io.sahabot.schemas.reservation.WaitlistJoined;
import io.sahabot.schemas.reservation.WaitlistOfferExpired;
import io.sahabot.schemas.reservation.WaitlistOffered;
import io.sahabot.schemas.tenant.TenantSettings;
import io.sahabot.schemas.whatsapp.OutboundContent;
import java.util.List;

/**
 * Who is told of a series or a waitlist event besides its requester ({@link Notices#others} asks
 * here first):
 *
 * <ul>
 *   <li>a {@link WaitlistOffered}: the waiting customer, with the "Book it" button;
 *   <li>a {@link WaitlistOfferExpired}: the customer whose hold ended;
 *   <li>a series an owner (or the business through its tenant API) booked or cancelled for a
 *       customer: that customer;
 *   <li>a {@link WaitlistJoined}: no one else.
 * </ul>
 */
final class SeriesWaitlistNotices {

  private SeriesWaitlistNotices() {}

  /** The notices, or null when {@code event} is none of these. */
  static List<Notice> others(ReservationEvent event, TenantSettings settings) {
    if (event instanceof WaitlistOffered o) {
      return tell(event, settings, o.customer());
    }
    if (event instanceof WaitlistOfferExpired x) {
      return tell(event, settings, x.customer());
    }
    if (event instanceof SeriesBooked s) {
      return s.booked().isEmpty()
          ? List.of()
          : forTheCustomer(event, settings, s.booked().get(0).customer());
    }
    if (event instanceof SeriesCancelled c) {
      return c.cancelled().isEmpty()
          ? List.of()
          : forTheCustomer(event, settings, c.cancelled().get(0).customer());
    }
    if (event instanceof WaitlistJoined) {
      return List.of();
    }
    return null;
  }

  /** The customer, when someone else (an owner, or the business through its tenant API) asked. */
  private static List<Notice> forTheCustomer(
      ReservationEvent event, TenantSettings settings, CustomerRef customer) {
    Actor by = event.requestedBy();
    String to = recipient(customer);
    boolean byTheBusiness =
        by != null && (by.role() == Actor.Role.OWNER || by.role() == Actor.Role.BUSINESS);
    if (!byTheBusiness || to == null || to.equals(by.userId())) {
      return List.of();
    }
    return tell(event, settings, customer);
  }

  private static List<Notice> tell(
      ReservationEvent event, TenantSettings settings, CustomerRef customer) {
    String to = recipient(customer);
    if (to == null) {
      return List.of();
    }
    Outcomes.Message m = Outcomes.message(settings.language(), settings, event, false);
    OutboundContent content =
        m.attachment() != null ? m.attachment() : new OutboundContent.Text(m.text());
    return List.of(new Notice(to, content, Notices.update(settings, m.text()), m.text()));
  }

  /** Their WhatsApp user id, else their phone; null for a customer known by name only. */
  private static String recipient(CustomerRef c) {
    if (CustomerRef.isBlock(c)) {
      return null;
    }
    if (c.userId() != null && !c.userId().startsWith("name:")) {
      return c.userId();
    }
    return c.phone();
  }
}
