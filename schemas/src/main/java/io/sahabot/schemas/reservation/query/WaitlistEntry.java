package io.sahabot.schemas.reservation.query;

import io.sahabot.schemas.reservation.CustomerRef;
import io.sahabot.schemas.reservation.Slot;
import java.time.Instant;

/**
 * One customer waiting for a slot.
 *
 * @param status {@code waiting}, {@code offered} (held for them until {@code holdUntil}), {@code
 *     booked} (they took the offer) or {@code expired} (they did not)
 * @param holdUntil the end of the offer's hold; absent before an offer
 * @param joinedAt when they joined the waitlist
 */
public record WaitlistEntry(
    long entryId,
    Slot slot,
    CustomerRef customer,
    String status,
    Instant holdUntil,
    Instant joinedAt) {}
