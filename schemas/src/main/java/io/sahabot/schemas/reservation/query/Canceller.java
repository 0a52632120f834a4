package io.sahabot.schemas.reservation.query;

/**
 * A customer who cancelled, or did not come, in a period.
 *
 * @param bookings every reservation of the customer starting in the period
 * @param cancellationRate {@code cancellations / bookings}, four decimals
 * @param noShows reservations of the customer starting in the period marked no-shows; 0 from a
 *     reservation-service that did not count them
 */
public record Canceller(
    long customerId,
    String name,
    String phone,
    String userId,
    long bookings,
    long cancellations,
    String cancellationRate,
    long noShows) {}
