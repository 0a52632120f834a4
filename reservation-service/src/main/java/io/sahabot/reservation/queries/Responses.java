package io.sahabot.reservation.queries;

import io.sahabot.schemas.reservation.ReservationView;
import java.time.Instant;
import java.time.LocalDate;
import java.util.List;

/** The JSON bodies of the query API. Money is a string with the currency's decimals. */
public final class Responses {

  private Responses() {}

  public record Stats(
      long totalCustomers,
      long totalReservations,
      long activeReservations,
      String totalRevenue,
      String currency) {}

  public record FreeSlot(Instant start, Instant end) {}

  public record FieldAvailability(String field, List<FreeSlot> free) {}

  public record Availability(
      LocalDate date, String timeZone, int lengthMinutes, List<FieldAvailability> fields) {}

  public record Reservations(
      LocalDate from, LocalDate to, String timeZone, List<ReservationView> reservations) {}

  public record Customer(
      long id, String name, String phone, String userId, long reservations, Instant lastStart) {}

  public record Sales(
      LocalDate from,
      LocalDate to,
      String timeZone,
      long reservations,
      String hoursSold,
      String revenue,
      String currency,
      String openHours,
      String occupancyRate) {}

  public record LoyalCustomer(
      long customerId,
      String name,
      String phone,
      String userId,
      long bookings,
      String hours,
      String spend) {}

  public record Loyalty(
      LocalDate from, LocalDate to, String currency, List<LoyalCustomer> customers) {}

  public record Canceller(
      long customerId,
      String name,
      String phone,
      String userId,
      long bookings,
      long cancellations,
      String cancellationRate) {}

  public record Cancellations(LocalDate from, LocalDate to, List<Canceller> customers) {}

  public record PeakHour(String weekday, int hour, long bookings) {}

  public record PeakHours(LocalDate from, LocalDate to, String timeZone, List<PeakHour> hours) {}
}
