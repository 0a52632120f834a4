package io.sahabot.reservation.queries;

import io.sahabot.schemas.reservation.ReservationView;
import io.sahabot.schemas.reservation.query.Availability;
import io.sahabot.schemas.reservation.query.Cancellations;
import io.sahabot.schemas.reservation.query.CustomerSummary;
import io.sahabot.schemas.reservation.query.Loyalty;
import io.sahabot.schemas.reservation.query.PeakHours;
import io.sahabot.schemas.reservation.query.Reservations;
import io.sahabot.schemas.reservation.query.Sales;
import io.sahabot.schemas.reservation.query.TenantStats;
import io.sahabot.schemas.reservation.query.Waitlist;
import java.time.LocalDate;
import java.util.List;
import java.util.UUID;
import org.springframework.format.annotation.DateTimeFormat;
import org.springframework.format.annotation.DateTimeFormat.ISO;
import org.springframework.http.MediaType;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;
import reactor.core.publisher.Mono;

/**
 * The tenant-scoped query API for other services, with the internal token. Dates are {@code
 * YYYY-MM-DD} days of the tenant's time zone; {@code to} is included.
 */
@RestController
@RequestMapping("/internal/tenants/{tenantId}")
class QueryController {

  private final QueryService queries;

  QueryController(QueryService queries) {
    this.queries = queries;
  }

  @GetMapping("/stats")
  Mono<TenantStats> stats(@PathVariable UUID tenantId) {
    return queries.stats(tenantId);
  }

  @GetMapping("/availability")
  Mono<Availability> availability(
      @PathVariable UUID tenantId,
      @RequestParam @DateTimeFormat(iso = ISO.DATE) LocalDate date,
      @RequestParam(required = false) Integer lengthMinutes) {
    return queries.availability(tenantId, date, lengthMinutes);
  }

  @GetMapping("/reservations")
  Mono<Reservations> reservations(
      @PathVariable UUID tenantId,
      @RequestParam @DateTimeFormat(iso = ISO.DATE) LocalDate from,
      @RequestParam @DateTimeFormat(iso = ISO.DATE) LocalDate to) {
    return queries.reservations(tenantId, from, to);
  }

  /**
   * Active reservations not started yet, by business day ({@code from}: today, {@code to}: a year
   * on, by default), on one field ({@code fieldId}, its stable id) or all: tenant-service refuses
   * to remove a field that has any, the agent lists them before closing a date.
   */
  @GetMapping("/upcoming")
  Mono<Reservations> upcoming(
      @PathVariable UUID tenantId,
      @RequestParam(required = false) String fieldId,
      @RequestParam(required = false) @DateTimeFormat(iso = ISO.DATE) LocalDate from,
      @RequestParam(required = false) @DateTimeFormat(iso = ISO.DATE) LocalDate to) {
    LocalDate first = from != null ? from : LocalDate.now().minusDays(1);
    LocalDate last = to != null ? to : first.plusDays(QueryService.MAX_RANGE_DAYS - 1);
    return queries.upcoming(tenantId, fieldId, first, last);
  }

  /**
   * The outcome of the tenant's command ({@code reservation.events}' JSON of it), 404 while it is
   * not decided: the tenant API answers its callers with it.
   */
  @GetMapping(value = "/commands/{commandId}", produces = MediaType.APPLICATION_JSON_VALUE)
  Mono<ResponseEntity<String>> commandOutcome(
      @PathVariable UUID tenantId, @PathVariable String commandId) {
    return queries
        .commandOutcome(tenantId, commandId)
        .map(json -> ResponseEntity.ok().contentType(MediaType.APPLICATION_JSON).body(json))
        .defaultIfEmpty(ResponseEntity.notFound().build());
  }

  /** One reservation of the tenant, whatever its status; 404 when it has none of that id. */
  @GetMapping("/reservations/{reservationId}")
  Mono<ResponseEntity<ReservationView>> reservation(
      @PathVariable UUID tenantId, @PathVariable long reservationId) {
    return queries
        .reservation(tenantId, reservationId)
        .map(ResponseEntity::ok)
        .defaultIfEmpty(ResponseEntity.notFound().build());
  }

  /** Every occurrence of a series, 404 when the tenant has no such series. */
  @GetMapping("/series/{seriesId}")
  Mono<ResponseEntity<Reservations>> series(
      @PathVariable UUID tenantId, @PathVariable long seriesId) {
    return queries
        .seriesOccurrences(tenantId, seriesId)
        .map(ResponseEntity::ok)
        .defaultIfEmpty(ResponseEntity.notFound().build());
  }

  @GetMapping("/waitlist")
  Mono<Waitlist> waitlist(
      @PathVariable UUID tenantId,
      @RequestParam @DateTimeFormat(iso = ISO.DATE) LocalDate from,
      @RequestParam @DateTimeFormat(iso = ISO.DATE) LocalDate to) {
    return queries.waitlist(tenantId, from, to);
  }

  @GetMapping("/customers")
  Mono<List<CustomerSummary>> customers(
      @PathVariable UUID tenantId,
      @RequestParam String q,
      @RequestParam(defaultValue = "20") int limit) {
    return queries.searchCustomers(tenantId, q, limit);
  }

  @GetMapping("/customers/reservations")
  Mono<List<ReservationView>> customerReservations(
      @PathVariable UUID tenantId,
      @RequestParam String user,
      @RequestParam(defaultValue = "false") boolean upcoming) {
    return queries.customerReservations(tenantId, user, upcoming);
  }

  @GetMapping("/reports/sales")
  Mono<Sales> sales(
      @PathVariable UUID tenantId,
      @RequestParam @DateTimeFormat(iso = ISO.DATE) LocalDate from,
      @RequestParam @DateTimeFormat(iso = ISO.DATE) LocalDate to) {
    return queries.sales(tenantId, from, to);
  }

  @GetMapping("/reports/loyal-customers")
  Mono<Loyalty> loyal(
      @PathVariable UUID tenantId,
      @RequestParam @DateTimeFormat(iso = ISO.DATE) LocalDate from,
      @RequestParam @DateTimeFormat(iso = ISO.DATE) LocalDate to,
      @RequestParam(defaultValue = "10") int limit) {
    return queries.loyalCustomers(tenantId, from, to, limit);
  }

  @GetMapping("/reports/cancellations")
  Mono<Cancellations> cancellations(
      @PathVariable UUID tenantId,
      @RequestParam @DateTimeFormat(iso = ISO.DATE) LocalDate from,
      @RequestParam @DateTimeFormat(iso = ISO.DATE) LocalDate to,
      @RequestParam(defaultValue = "10") int limit) {
    return queries.cancellations(tenantId, from, to, limit);
  }

  @GetMapping("/reports/peak-hours")
  Mono<PeakHours> peakHours(
      @PathVariable UUID tenantId,
      @RequestParam @DateTimeFormat(iso = ISO.DATE) LocalDate from,
      @RequestParam @DateTimeFormat(iso = ISO.DATE) LocalDate to) {
    return queries.peakHours(tenantId, from, to);
  }
}
