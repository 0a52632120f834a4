package io.sahabot.reservation.booking.domain;

import io.sahabot.schemas.reservation.Actor;
import io.sahabot.schemas.reservation.RejectionReason;
import java.time.Duration;
import java.time.Instant;
import java.util.Collection;
import java.util.Optional;

/**
 * The business's cancellation notice ({@code cancellationNoticeHours}): a customer may not cancel
 * within that many hours of the start; the owner (an admin number) may, whenever it is not yet
 * started. A move gives up the booked slot as a cancellation does, so a customer may not move a
 * reservation whose start is within the notice either; the new time is not checked (a customer may
 * book a slot inside the notice, so moving there from a slot outside it is allowed).
 */
public final class CancellationPolicy {

  private CancellationPolicy() {}

  /**
   * {@code TOO_LATE} when a customer cancels or moves a reservation within {@code noticeHours} of
   * its {@code start}.
   */
  public static Optional<Violation> check(
      Actor actor, Collection<String> adminNumbers, int noticeHours, Instant start, Instant now) {
    if (noticeHours <= 0
        || actor.role() != Actor.Role.CUSTOMER
        || Permissions.isAdmin(actor, adminNumbers)) {
      return Optional.empty();
    }
    if (Duration.between(now, start).compareTo(Duration.ofHours(noticeHours)) < 0) {
      return Optional.of(
          new Violation(
              RejectionReason.TOO_LATE,
              "customers may not cancel or move within " + noticeHours + " hours of the start"));
    }
    return Optional.empty();
  }
}
