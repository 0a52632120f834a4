package io.sahabot.reservation.booking;

import io.sahabot.schemas.reservation.CustomerRef;

/**
 * What a reservation is ({@code reservations.kind}, V23_1): a {@link #BOOKING} a customer pays for,
 * or a {@link #BLOCK}ed slot (maintenance, a private event) the owner books for {@link
 * CustomerRef#block(String)}. Both hold their slot (the exclusion constraint, availability and the
 * table see a block as taken); only bookings are sold, so every report, statistic and usage figure
 * reads {@link #BOOKINGS_ONLY}.
 */
public final class Kinds {

  public static final String BOOKING = "booking";
  public static final String BLOCK = "block";

  /** The SQL condition, on {@code reservations r}, that keeps bookings and leaves blocks out. */
  public static final String BOOKINGS_ONLY = "r.kind = 'booking'";

  /**
   * The SQL condition, on {@code reservations r}, of a reservation that held its slot: not
   * cancelled, and not a no-show marked before its start, which freed it ({@code freed_at}).
   */
  public static final String HELD = "r.status <> 'cancelled' AND r.freed_at IS NULL";

  /**
   * The SQL condition, on {@code customers c}, that leaves out the marker customer of blocked slots
   * (a person is never one: a customer's user id is a WhatsApp id, and the marker has no phone).
   */
  public static final String PEOPLE_ONLY =
      "(c.user_id IS DISTINCT FROM '" + CustomerRef.BLOCK_USER_ID + "' OR c.phone IS NOT NULL)";

  private Kinds() {}

  /** The kind of a reservation requested for {@code customer}. */
  public static String of(CustomerRef customer) {
    return customer.isBlock() ? BLOCK : BOOKING;
  }
}
