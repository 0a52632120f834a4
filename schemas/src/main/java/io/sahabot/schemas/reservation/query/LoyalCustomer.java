package io.sahabot.schemas.reservation.query;

/**
 * A customer's reservations (not cancelled) in a period.
 *
 * @param hours two decimals
 * @param spend with the currency's decimals
 */
public record LoyalCustomer(
    long customerId,
    String name,
    String phone,
    String userId,
    long bookings,
    String hours,
    String spend) {}
