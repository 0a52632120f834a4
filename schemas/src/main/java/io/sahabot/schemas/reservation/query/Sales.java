package io.sahabot.schemas.reservation.query;

import java.time.LocalDate;

/**
 * Hours sold, revenue and occupancy of the days {@code from} to {@code to}, {@code GET
 * /internal/tenants/{tenantId}/reports/sales?from=&to=} of reservation-service. Amounts and hours
 * are decimal strings.
 *
 * @param reservations reservations that start in the period and were played or are still to be
 *     (neither cancelled nor no-shows)
 * @param hoursSold their hours, two decimals
 * @param revenue their price, with the currency's decimals
 * @param openHours the opening hours of every field in the period, two decimals
 * @param occupancyRate {@code hoursSold / openHours}, four decimals
 * @param noShows reservations that start in the period and were marked no-shows (not in {@code
 *     reservations}, hours or revenue); 0 from a reservation-service that did not count them
 */
public record Sales(
    LocalDate from,
    LocalDate to,
    String timeZone,
    long reservations,
    String hoursSold,
    String revenue,
    String currency,
    String openHours,
    String occupancyRate,
    long noShows) {}
