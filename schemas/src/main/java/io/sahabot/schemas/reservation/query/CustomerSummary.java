package io.sahabot.schemas.reservation.query;

import java.time.Instant;

/**
 * A customer found by name or phone, one element of {@code GET
 * /internal/tenants/{tenantId}/customers?q=} of reservation-service (a JSON array).
 *
 * @param id reservation-service's id of the customer
 * @param reservations how many reservations the customer has (every status)
 * @param lastStart the start of the latest one; {@code null} without any
 */
public record CustomerSummary(
    long id, String name, String phone, String userId, long reservations, Instant lastStart) {}
