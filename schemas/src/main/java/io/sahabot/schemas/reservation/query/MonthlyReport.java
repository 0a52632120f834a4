package io.sahabot.schemas.reservation.query;

import java.util.List;

/**
 * One month of a business, {@code GET /internal/tenants/{tenantId}/reports/monthly?month=YYYY-MM}
 * of reservation-service (and as CSV, {@code /reports/monthly.csv}). Sold = played or still to be
 * (neither cancelled nor a no-show), by start time in the month, in the business's zone. Amounts
 * and hours are decimal strings; rates have four decimals.
 *
 * @param month {@code YYYY-MM}
 * @param fields per field: reservations, hours and revenue sold
 * @param slots per weekday and hour of the day the business is open: hours sold and open (every
 *     field), and their ratio
 * @param noShows reservations marked no-shows
 * @param cancellations reservations cancelled
 */
public record MonthlyReport(
    String month,
    String timeZone,
    String currency,
    long reservations,
    String hoursSold,
    String revenue,
    String openHours,
    String occupancyRate,
    long noShows,
    long cancellations,
    List<FieldRevenue> fields,
    List<SlotOccupancy> slots) {

  public MonthlyReport {
    fields = fields == null ? List.of() : List.copyOf(fields);
    slots = slots == null ? List.of() : List.copyOf(slots);
  }

  /** One field's month. */
  public record FieldRevenue(String field, long reservations, String hoursSold, String revenue) {}

  /**
   * One weekday and hour over the month.
   *
   * @param weekday {@code MONDAY} … {@code SUNDAY}
   * @param hour the local hour the slot starts, 0–23
   */
  public record SlotOccupancy(
      String weekday, int hour, String hoursSold, String openHours, String occupancyRate) {}
}
