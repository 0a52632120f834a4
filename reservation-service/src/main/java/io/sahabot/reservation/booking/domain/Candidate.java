package io.sahabot.reservation.booking.domain;

/** A free interval on a named field. */
public record Candidate(String field, Interval interval) {}
