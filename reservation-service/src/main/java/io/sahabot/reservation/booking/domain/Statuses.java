package io.sahabot.reservation.booking.domain;

import io.sahabot.schemas.reservation.ReservationView;
import java.time.Instant;

/** A reservation whose end has passed counts as completed; the stored status says only "active". */
public final class Statuses {

  private Statuses() {}

  public static String effective(String stored, Instant end, Instant now) {
    if (ReservationView.ACTIVE.equals(stored) && !end.isAfter(now)) {
      return ReservationView.COMPLETED;
    }
    return stored;
  }
}
