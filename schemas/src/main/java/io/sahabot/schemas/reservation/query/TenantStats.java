package io.sahabot.schemas.reservation.query;

/**
 * A tenant's figures, {@code GET /internal/tenants/{tenantId}/stats} of reservation-service (read
 * by tenant-service).
 *
 * @param totalCustomers customers ever seen
 * @param totalReservations reservations of every status
 * @param activeReservations active reservations that have not ended
 * @param totalRevenue the price of every reservation not cancelled, with the currency's decimals
 * @param currency ISO 4217 code
 */
public record TenantStats(
    long totalCustomers,
    long totalReservations,
    long activeReservations,
    String totalRevenue,
    String currency) {}
