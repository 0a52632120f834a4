package io.sahabot.reservation.booking.domain;

import io.sahabot.schemas.reservation.ReminderDue;
import io.sahabot.schemas.reservation.ReservationCancelled;
import io.sahabot.schemas.reservation.ReservationConfirmed;
import io.sahabot.schemas.reservation.ReservationEvent;
import io.sahabot.schemas.reservation.ReservationMarkedNoShow;
import io.sahabot.schemas.reservation.ReservationMoved;
import io.sahabot.schemas.reservation.ReservationRejected;
import io.sahabot.schemas.reservation.ReservationView;
import io.sahabot.schemas.reservation.SeriesBooked;
import io.sahabot.schemas.reservation.SeriesCancelled;
import io.sahabot.schemas.reservation.Slot;
import io.sahabot.schemas.reservation.WaitlistOfferExpired;
import io.sahabot.schemas.reservation.WaitlistOffered;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;

/**
 * What re-applying an outcome read from {@code reservation.events} means for the reservations it
 * names, when the database has lost it (restored from an older backup): the rules of the
 * reconciliation, with no database.
 *
 * <ul>
 *   <li>A confirmation (one reservation, or each booked occurrence of a series) is a {@link
 *       Kind#BOOKED} row: inserted as it was told, unless the slot has been sold again since.
 *   <li>A cancellation, a no-show or a move (one reservation, or each of a series' cancelled
 *       occurrences) is a {@link Kind#CHANGED} row: the reservation takes the status, field and
 *       time of the outcome's view; a row missing altogether is inserted as the view says.
 *   <li>A rejection and a waitlist entry change no reservation: only the answer is stored, so a
 *       redelivered command gets the same one.
 *   <li>A reminder and the waitlist scheduler's offers and expiries answer no command: they are not
 *       outcomes, and are not reconciled.
 * </ul>
 */
public final class Restorations {

  private Restorations() {}

  /** What a restored outcome does to a reservation row. */
  public enum Kind {
    /** booked: the row is inserted with the view's id when it is free, else with a new one */
    BOOKED,
    /** changed: the row (found by id and slot) takes the view's status, field and time */
    CHANGED
  }

  /**
   * One reservation as an outcome left it.
   *
   * @param view the reservation after the outcome
   * @param before its slot before the outcome (a move's previous slot; the view's own otherwise)
   * @param rowCommandId the command id the reservation row carries when inserted (a single
   *     booking's command; none for a series' occurrence or a row rebuilt from a change)
   */
  public record Restoration(Kind kind, ReservationView view, Slot before, String rowCommandId) {

    /** The status the row stores: a reservation shown {@code completed} is stored active. */
    public String storedStatus() {
      return Restorations.storedStatus(view.status());
    }

    /**
     * Whether the row of this reservation's id is this reservation: its slot is the one before or
     * after the outcome, and its customer the view's (same phone or user id; a customer erased
     * since has neither). After a restore the id sequence hands the lost ids out again, so the id
     * alone may name another customer's booking of the same hour.
     */
    public boolean isRowOf(Instant start, Instant end, String phone, String userId) {
      boolean slot =
          (start.equals(view.start()) && end.equals(view.end()))
              || (start.equals(before.start()) && end.equals(before.end()));
      boolean customer =
          (phone != null && phone.equals(view.customer().phone()))
              || (userId != null && userId.equals(view.customer().userId()));
      return slot && customer;
    }

    /**
     * The status to insert this restoration's row with, when {@code last} is the reservation as the
     * last missing outcome of the run leaves it: a booking cancelled (or marked a no-show) later in
     * the same run goes in with that status, so a slot sold again after the cancellation is no
     * conflict.
     */
    public String insertStatus(ReservationView last) {
      return last == null || kind == Kind.CHANGED
          ? storedStatus()
          : Restorations.storedStatus(last.status());
    }
  }

  /**
   * The details of the two answers {@code BookingService} gives without storing them, so that the
   * command is decided for real when it comes again: a tenant not known yet, and a request of a
   * customer erased since it was made (storing it would keep the customer's phone).
   */
  public static final Set<String> NEVER_STORED =
      Set.of(
          "tenant not known to reservation-service",
          "the customer's data was erased after this request was made");

  /**
   * Whether {@code event} answers a command and was stored in {@code reservation_outcomes} when it
   * was decided: not a reminder, not the waitlist scheduler's offers and expiries, and not one of
   * the {@link #NEVER_STORED} rejections.
   */
  public static boolean isOutcome(ReservationEvent event) {
    if (event instanceof ReservationRejected r && NEVER_STORED.contains(r.detail())) {
      return false;
    }
    return !(event instanceof ReminderDue
        || event instanceof WaitlistOffered
        || event instanceof WaitlistOfferExpired);
  }

  /** The reservations {@code event} leaves as it says; empty for an answer that books nothing. */
  public static List<Restoration> of(ReservationEvent event) {
    if (event instanceof ReservationConfirmed c) {
      return List.of(booked(c.reservation(), c.commandId()));
    }
    if (event instanceof ReservationCancelled c) {
      return List.of(changed(c.reservation(), c.reservation().slot()));
    }
    if (event instanceof ReservationMarkedNoShow n) {
      return List.of(changed(n.reservation(), n.reservation().slot()));
    }
    if (event instanceof ReservationMoved m) {
      return List.of(changed(m.reservation(), m.previous()));
    }
    if (event instanceof SeriesBooked s) {
      return s.booked().stream().map(v -> booked(v, null)).toList();
    }
    if (event instanceof SeriesCancelled s) {
      return s.cancelled().stream().map(v -> changed(v, v.slot())).toList();
    }
    return List.of();
  }

  /**
   * The outcomes to re-apply: those whose command id is not {@code present}, in the topic's order,
   * each command once (an outcome published again after a redelivery is the same answer).
   */
  public static List<ReservationEvent> missing(
      List<ReservationEvent> inTopicOrder, Set<String> present) {
    Set<String> seen = new HashSet<>(present);
    List<ReservationEvent> missing = new ArrayList<>();
    for (ReservationEvent event : inTopicOrder) {
      if (isOutcome(event) && seen.add(event.commandId())) {
        missing.add(event);
      }
    }
    return missing;
  }

  /** Each reservation id as the last of {@code outcomes} that names it leaves it. */
  public static java.util.Map<Long, ReservationView> lastViews(List<ReservationEvent> outcomes) {
    java.util.Map<Long, ReservationView> last = new java.util.HashMap<>();
    for (ReservationEvent e : outcomes) {
      for (Restoration r : of(e)) {
        last.put(r.view().id(), r.view());
      }
    }
    return last;
  }

  /** A status as the row stores it: {@code completed} is only shown (an active one that ended). */
  public static String storedStatus(String shown) {
    return ReservationView.COMPLETED.equals(shown) ? ReservationView.ACTIVE : shown;
  }

  private static Restoration booked(ReservationView view, String commandId) {
    return new Restoration(Kind.BOOKED, view, view.slot(), commandId);
  }

  private static Restoration changed(ReservationView view, Slot before) {
    return new Restoration(Kind.CHANGED, view, before, null);
  }
}
