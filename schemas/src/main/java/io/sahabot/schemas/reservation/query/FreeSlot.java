package io.sahabot.schemas.reservation.query;

import java.time.Instant;

/** A free slot of a field: {@code [start, end)}. */
public record FreeSlot(Instant start, Instant end) {}
