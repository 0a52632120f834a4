package io.sahabot.schemas.reservation.query;

/**
 * How many reservations start on a weekday at an hour.
 *
 * @param weekday {@code MONDAY} to {@code SUNDAY}
 * @param hour 0 to 23, in the tenant's time zone
 */
public record PeakHour(String weekday, int hour, long bookings) {}
