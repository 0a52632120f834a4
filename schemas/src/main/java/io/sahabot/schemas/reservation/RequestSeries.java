package io.sahabot.schemas.reservation;

import static io.sahabot.schemas.Require.nonBlank;
import static io.sahabot.schemas.Require.nonNull;
import static io.sahabot.schemas.Require.nullOrNonBlank;
import static io.sahabot.schemas.Require.ordered;
import static io.sahabot.schemas.Require.tenant;

import java.time.Instant;
import java.util.UUID;

/**
 * Book the same field at the same local time every week for a customer ("her salı 21:00, 8 hafta"):
 * {@code occurrences} weekly occurrences, the first {@code [start, end)}. Each occurrence is
 * decided on its own: the free ones are booked, the taken ones are answered with alternatives
 * ({@link SeriesBooked}).
 *
 * @param field the field's name; absent for the tenant's default field
 * @param occurrences how many weeks, 1 to {@link #MAX_OCCURRENCES}
 */
public record RequestSeries(
    String commandId,
    Instant issuedAt,
    UUID tenantId,
    String causationId,
    Actor requestedBy,
    CustomerRef customer,
    String field,
    Instant start,
    Instant end,
    int occurrences)
    implements ReservationCommand {

  /** At most a year of weeks. */
  public static final int MAX_OCCURRENCES = 52;

  public RequestSeries {
    nonBlank(commandId, "commandId");
    nonNull(issuedAt, "issuedAt");
    tenant(tenantId);
    nonBlank(causationId, "causationId");
    nonNull(requestedBy, "requestedBy");
    nonNull(customer, "customer");
    nullOrNonBlank(field, "field");
    ordered(start, end, "start", "end");
    if (occurrences < 1 || occurrences > MAX_OCCURRENCES) {
      throw new IllegalArgumentException(
          "occurrences: must be between 1 and " + MAX_OCCURRENCES + ", was " + occurrences);
    }
  }
}
