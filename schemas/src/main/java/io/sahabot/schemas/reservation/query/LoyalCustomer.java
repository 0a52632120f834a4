package io.sahabot.schemas.reservation.query;

/**
 * A customer's reservations played or still to be (neither cancelled nor no-shows) in a period.
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
