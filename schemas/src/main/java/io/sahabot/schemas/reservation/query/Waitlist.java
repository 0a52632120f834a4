package io.sahabot.schemas.reservation.query;

import java.time.LocalDate;
import java.util.List;

/**
 * The waitlist entries (waiting, offered, booked, expired) of slots that overlap the days {@code
 * from} to {@code to} (included), {@code GET /internal/tenants/{tenantId}/waitlist?from=&to=} of
 * reservation-service, by slot and then place in line.
 */
public record Waitlist(LocalDate from, LocalDate to, String timeZone, List<WaitlistEntry> entries) {

  public Waitlist {
    entries = entries == null ? List.of() : List.copyOf(entries);
  }
}
