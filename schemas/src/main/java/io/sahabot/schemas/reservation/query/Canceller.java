package io.sahabot.schemas.reservation.query;

/**
 * A customer who cancelled in a period.
 *
 * @param bookings every reservation of the customer starting in the period
 * @param cancellationRate {@code cancellations / bookings}, four decimals
 */
public record Canceller(
    long customerId,
    String name,
    String phone,
    String userId,
    long bookings,
    long cancellations,
    String cancellationRate) {}
