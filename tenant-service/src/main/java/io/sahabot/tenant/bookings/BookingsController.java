package io.sahabot.tenant.bookings;

import io.sahabot.schemas.Json;
import io.sahabot.schemas.reservation.Actor;
import io.sahabot.schemas.reservation.CancelReservation;
import io.sahabot.schemas.reservation.CancelSeries;
import io.sahabot.schemas.reservation.CustomerRef;
import io.sahabot.schemas.reservation.JoinWaitlist;
import io.sahabot.schemas.reservation.MarkNoShow;
import io.sahabot.schemas.reservation.MoveReservation;
import io.sahabot.schemas.reservation.RequestReservation;
import io.sahabot.schemas.reservation.RequestSeries;
import io.sahabot.schemas.reservation.ReservationCommand;
import io.sahabot.schemas.reservation.ReservationConfirmed;
import io.sahabot.schemas.reservation.ReservationEvent;
import io.sahabot.schemas.reservation.ReservationRejected;
import io.sahabot.schemas.reservation.ReservationView;
import io.sahabot.schemas.reservation.SeriesBooked;
import io.sahabot.schemas.reservation.WaitlistJoined;
import io.sahabot.schemas.reservation.query.Reservations;
import io.sahabot.schemas.tenant.TenantSettings;
import io.sahabot.tenant.admin.TenantAdminService;
import io.sahabot.tenant.problems.Problems;
import io.sahabot.tenant.provisioning.Tenant;
import io.sahabot.tenant.security.Caller;
import io.sahabot.tenant.stats.UpstreamClient;
import java.math.BigDecimal;
import java.net.URI;
import java.time.Clock;
import java.time.Instant;
import java.time.LocalDate;
import java.time.temporal.ChronoUnit;
import java.util.Optional;
import java.util.UUID;
import java.util.function.Function;
import org.springframework.http.HttpStatus;
import org.springframework.http.MediaType;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.DeleteMapping;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestHeader;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;
import org.springframework.web.server.ServerWebExchange;
import reactor.core.publisher.Mono;
import tools.jackson.databind.JsonNode;

/**
 * The business's bookings through its tenant API (a tenant's {@code sk_} key, or the operators'
 * token acting for it): each change is one command on {@code reservation.commands} whose actor is
 * {@code BUSINESS}, decided by reservation-service as an owner's from chat (without the
 * admin-number check), the customer told by WhatsApp as when the owner books for them.
 *
 * <p>Each change waits up to {@code sahabot.tenant.command-wait} for its outcome: 201 (a booking, a
 * series, a waitlist place) or 200 with the outcome event; a problem (409 taken, closed, started,
 * too late; 422 invalid; 404 unknown reservation) when it was refused; 202 with {@code Location:
 * /api/tenants/{id}/commands/{commandId}} when it is not decided yet. An {@code Idempotency-Key}
 * makes the command id, so a request sent again with the same key is answered with the first one's
 * outcome and changes nothing more.
 */
@RestController
@RequestMapping("/api/tenants/{id}")
public class BookingsController {

  static final String IDEMPOTENCY_KEY = "Idempotency-Key";

  private final TenantAdminService tenants;
  private final UpstreamClient upstream;
  private final ReservationCommandSender commands;
  private final Clock clock;

  public BookingsController(
      TenantAdminService tenants,
      UpstreamClient upstream,
      ReservationCommandSender commands,
      Clock clock) {
    this.tenants = tenants;
    this.upstream = upstream;
    this.commands = commands;
    this.clock = clock;
  }

  /** A booking: {@code hours} or {@code end}; {@code field} absent for the default field. */
  public record ReservationRequest(
      String field, String start, BigDecimal hours, String end, BookingInput.Customer customer) {}

  /** A move: the new start, and optionally a new field and length (else the same length). */
  public record MoveRequest(String start, String field, BigDecimal hours, String end) {}

  /** A blocked slot (maintenance): no customer; {@code reason} is shown in its place. */
  public record BlockRequest(String field, String start, String end, String reason) {}

  /**
   * A weekly series: the first occurrence's {@code start} (its weekday and time are every
   * occurrence's), {@code hours} or {@code end}, and {@code weeks} or {@code until} (the last
   * date).
   */
  public record SeriesRequest(
      String field,
      String start,
      BigDecimal hours,
      String end,
      Integer weeks,
      String until,
      BookingInput.Customer customer) {}

  /** A place on the waitlist of a taken slot. */
  public record WaitlistRequest(
      String field, String start, BigDecimal hours, String end, BookingInput.Customer customer) {}

  /** A command that was sent and is not decided yet. */
  public record Pending(String commandId, String status) {}

  @PostMapping("/reservations")
  public Mono<ResponseEntity<Object>> book(
      @PathVariable UUID id,
      @RequestBody ReservationRequest request,
      @RequestHeader(name = IDEMPOTENCY_KEY, required = false) String idempotencyKey,
      ServerWebExchange exchange) {
    Actor actor = actor(exchange, id);
    String commandId = BookingInput.commandId(id, idempotencyKey);
    return decide(
        id,
        tenant -> {
          TenantSettings s = tenant.settings();
          String field = BookingInput.field(s, request.field(), "field");
          Instant start = BookingInput.time(s, request.start(), "start");
          Instant end = BookingInput.end(s, start, request.end(), request.hours());
          CustomerRef customer = BookingInput.customer(request.customer());
          return new RequestReservation(
              commandId,
              clock.instant(),
              id,
              causation(exchange),
              actor,
              customer,
              field,
              start,
              end);
        });
  }

  /** The reservations of the days {@code from} to {@code to} (today and 13 more when absent). */
  @GetMapping("/reservations")
  public Mono<Reservations> reservations(
      @PathVariable UUID id,
      @RequestParam(name = "from", required = false) String from,
      @RequestParam(name = "to", required = false) String to,
      ServerWebExchange exchange) {
    actor(exchange, id);
    return tenants
        .get(id)
        .flatMap(
            tenant -> {
              LocalDate first =
                  from == null
                      ? LocalDate.now(clock.withZone(tenant.settings().zone()))
                      : BookingInput.date(from, "from");
              LocalDate last = to == null ? first.plusDays(13) : BookingInput.date(to, "to");
              if (last.isBefore(first) || last.isAfter(first.plusDays(92))) {
                throw Problems.invalid("to", "to: must be from 0 to 92 days after from");
              }
              return upstream.reservations(id, first, last);
            });
  }

  /** One reservation, whatever its status. */
  @GetMapping("/reservations/{reservationId}")
  public Mono<ReservationView> reservation(
      @PathVariable UUID id, @PathVariable long reservationId, ServerWebExchange exchange) {
    actor(exchange, id);
    return tenants
        .get(id)
        .then(upstream.reservation(id, reservationId))
        .switchIfEmpty(
            Mono.error(() -> Problems.notFound("no reservation " + reservationId + " of " + id)));
  }

  @DeleteMapping("/reservations/{reservationId}")
  public Mono<ResponseEntity<Object>> cancel(
      @PathVariable UUID id,
      @PathVariable long reservationId,
      @RequestParam(name = "reason", required = false) String reason,
      @RequestHeader(name = IDEMPOTENCY_KEY, required = false) String idempotencyKey,
      ServerWebExchange exchange) {
    Actor actor = actor(exchange, id);
    String commandId = BookingInput.commandId(id, idempotencyKey);
    if (reason != null && (reason.isBlank() || reason.length() > 500)) {
      throw Problems.invalid("reason", "reason: 1 to 500 characters");
    }
    return decide(
        id,
        tenant ->
            new CancelReservation(
                commandId,
                clock.instant(),
                id,
                causation(exchange),
                actor,
                positive(reservationId),
                reason));
  }

  @PostMapping("/reservations/{reservationId}/move")
  public Mono<ResponseEntity<Object>> move(
      @PathVariable UUID id,
      @PathVariable long reservationId,
      @RequestBody MoveRequest request,
      @RequestHeader(name = IDEMPOTENCY_KEY, required = false) String idempotencyKey,
      ServerWebExchange exchange) {
    Actor actor = actor(exchange, id);
    String commandId = BookingInput.commandId(id, idempotencyKey);
    positive(reservationId);
    return tenants
        .get(id)
        .flatMap(
            tenant -> {
              TenantSettings s = tenant.settings();
              String field = BookingInput.field(s, request.field(), "field");
              Instant start = BookingInput.time(s, request.start(), "start");
              Mono<Instant> end =
                  request.end() != null || request.hours() != null
                      ? Mono.just(BookingInput.end(s, start, request.end(), request.hours()))
                      // the same length as now
                      : upstream
                          .reservation(id, reservationId)
                          .switchIfEmpty(
                              Mono.error(
                                  () ->
                                      Problems.notFound(
                                          "no reservation " + reservationId + " of " + id)))
                          .map(r -> start.plus(java.time.Duration.between(r.start(), r.end())));
              return end.flatMap(
                  until ->
                      send(
                          id,
                          new MoveReservation(
                              commandId,
                              clock.instant(),
                              id,
                              causation(exchange),
                              actor,
                              reservationId,
                              field,
                              start,
                              until)));
            });
  }

  @PostMapping("/reservations/{reservationId}/no-show")
  public Mono<ResponseEntity<Object>> noShow(
      @PathVariable UUID id,
      @PathVariable long reservationId,
      @RequestHeader(name = IDEMPOTENCY_KEY, required = false) String idempotencyKey,
      ServerWebExchange exchange) {
    Actor actor = actor(exchange, id);
    String commandId = BookingInput.commandId(id, idempotencyKey);
    return decide(
        id,
        tenant ->
            new MarkNoShow(
                commandId,
                clock.instant(),
                id,
                causation(exchange),
                actor,
                positive(reservationId)));
  }

  /**
   * A blocked slot, as the owner's block in chat makes it: a booking of no one ({@link
   * CustomerRef#block}) named {@code reason}, else "Bakım" or "Maintenance" by the business's
   * language.
   */
  @PostMapping("/blocks")
  public Mono<ResponseEntity<Object>> block(
      @PathVariable UUID id,
      @RequestBody BlockRequest request,
      @RequestHeader(name = IDEMPOTENCY_KEY, required = false) String idempotencyKey,
      ServerWebExchange exchange) {
    Actor actor = actor(exchange, id);
    String commandId = BookingInput.commandId(id, idempotencyKey);
    String reason = request.reason() == null ? null : request.reason().strip();
    if (reason != null && (reason.isEmpty() || reason.length() > 100)) {
      throw Problems.invalid("reason", "reason: 1 to 100 characters");
    }
    return decide(
        id,
        tenant -> {
          TenantSettings s = tenant.settings();
          String field =
              request.field() == null
                  ? s.fieldDetails().get(0).id()
                  : BookingInput.field(s, request.field(), "field");
          Instant start = BookingInput.time(s, request.start(), "start");
          Instant end = BookingInput.end(s, start, request.end(), null);
          String name =
              reason != null ? reason : s.language().startsWith("tr") ? "Bakım" : "Maintenance";
          return new RequestReservation(
              commandId,
              clock.instant(),
              id,
              causation(exchange),
              actor,
              CustomerRef.block(name),
              field,
              start,
              end);
        });
  }

  @PostMapping("/series")
  public Mono<ResponseEntity<Object>> series(
      @PathVariable UUID id,
      @RequestBody SeriesRequest request,
      @RequestHeader(name = IDEMPOTENCY_KEY, required = false) String idempotencyKey,
      ServerWebExchange exchange) {
    Actor actor = actor(exchange, id);
    String commandId = BookingInput.commandId(id, idempotencyKey);
    return decide(
        id,
        tenant -> {
          TenantSettings s = tenant.settings();
          String field = BookingInput.field(s, request.field(), "field");
          Instant start = BookingInput.time(s, request.start(), "start");
          Instant end = BookingInput.end(s, start, request.end(), request.hours());
          int weeks = weeks(s, start, request.weeks(), request.until());
          return new RequestSeries(
              commandId,
              clock.instant(),
              id,
              causation(exchange),
              actor,
              BookingInput.customer(request.customer()),
              field,
              start,
              end,
              weeks);
        });
  }

  /**
   * Cancels a series from its first occurrence still to come on {@code from} or later (today when
   * absent): that one and the later ones.
   */
  @DeleteMapping("/series/{seriesId}")
  public Mono<ResponseEntity<Object>> cancelSeries(
      @PathVariable UUID id,
      @PathVariable long seriesId,
      @RequestParam(name = "from", required = false) String from,
      @RequestHeader(name = IDEMPOTENCY_KEY, required = false) String idempotencyKey,
      ServerWebExchange exchange) {
    Actor actor = actor(exchange, id);
    String commandId = BookingInput.commandId(id, idempotencyKey);
    LocalDate fromDate = from == null ? null : BookingInput.date(from, "from");
    return tenants
        .get(id)
        .flatMap(
            tenant ->
                upstream
                    .series(id, positive(seriesId))
                    .switchIfEmpty(
                        Mono.error(() -> Problems.notFound("no series " + seriesId + " of " + id)))
                    .flatMap(
                        occurrences -> {
                          Instant now = clock.instant();
                          Instant since =
                              fromDate == null
                                  ? now
                                  : fromDate.atStartOfDay(tenant.settings().zone()).toInstant();
                          Optional<ReservationView> first =
                              occurrences.reservations().stream()
                                  .filter(r -> ReservationView.ACTIVE.equals(r.status()))
                                  .filter(r -> r.start().isAfter(now) && !r.start().isBefore(since))
                                  .findFirst();
                          if (first.isEmpty()) {
                            throw Problems.of(
                                HttpStatus.CONFLICT,
                                "Nothing to cancel",
                                "series " + seriesId + " has no occurrence still to come then",
                                null);
                          }
                          return send(
                              id,
                              new CancelSeries(
                                  commandId,
                                  clock.instant(),
                                  id,
                                  causation(exchange),
                                  actor,
                                  first.get().id()));
                        }));
  }

  @PostMapping("/waitlist")
  public Mono<ResponseEntity<Object>> joinWaitlist(
      @PathVariable UUID id,
      @RequestBody WaitlistRequest request,
      @RequestHeader(name = IDEMPOTENCY_KEY, required = false) String idempotencyKey,
      ServerWebExchange exchange) {
    Actor actor = actor(exchange, id);
    String commandId = BookingInput.commandId(id, idempotencyKey);
    return decide(
        id,
        tenant -> {
          TenantSettings s = tenant.settings();
          String field = BookingInput.field(s, request.field(), "field");
          Instant start = BookingInput.time(s, request.start(), "start");
          Instant end = BookingInput.end(s, start, request.end(), request.hours());
          return new JoinWaitlist(
              commandId,
              clock.instant(),
              id,
              causation(exchange),
              actor,
              BookingInput.customer(request.customer()),
              field,
              start,
              end);
        });
  }

  /**
   * The outcome of a command the API sent: as its request was answered (200 for a success, the
   * problem for a refusal); 404 while there is none (not decided yet, or no such command).
   */
  @GetMapping("/commands/{commandId}")
  public Mono<ResponseEntity<Object>> command(
      @PathVariable UUID id, @PathVariable String commandId, ServerWebExchange exchange) {
    actor(exchange, id);
    return tenants
        .get(id)
        .then(commands.outcome(id, commandId))
        .map(
            outcome ->
                outcome
                    .map(event -> answer(event, false))
                    .orElseThrow(
                        () ->
                            Problems.notFound(
                                "no outcome of command "
                                    + commandId
                                    + " (not decided yet, or not sent)")));
  }

  /** The tenant, then its command built from it, sent and answered. */
  private Mono<ResponseEntity<Object>> decide(
      UUID id, Function<Tenant, ReservationCommand> command) {
    return tenants.get(id).flatMap(tenant -> send(id, command.apply(tenant)));
  }

  private Mono<ResponseEntity<Object>> send(UUID id, ReservationCommand command) {
    return commands
        .send(command)
        .map(
            outcome ->
                outcome
                    .map(event -> answer(event, true))
                    .orElseGet(
                        () ->
                            ResponseEntity.accepted()
                                .location(
                                    URI.create(
                                        "/api/tenants/" + id + "/commands/" + command.commandId()))
                                .<Object>body(new Pending(command.commandId(), "pending"))));
  }

  /**
   * The answer of an outcome: the event as JSON, 201 for what a POST created (a reservation, a
   * series, a waitlist place) when {@code created}, else 200; a refusal as its problem.
   */
  static ResponseEntity<Object> answer(ReservationEvent event, boolean created) {
    JsonNode json = Json.mapper().valueToTree(event);
    if (event instanceof ReservationRejected rejected) {
      throw Problems.rejected(rejected, json.get("alternatives"), json);
    }
    boolean made =
        event instanceof ReservationConfirmed
            || event instanceof SeriesBooked
            || event instanceof WaitlistJoined;
    return ResponseEntity.status(created && made ? HttpStatus.CREATED : HttpStatus.OK)
        .contentType(MediaType.APPLICATION_JSON)
        .<Object>body(json);
  }

  /** Weeks of a series: {@code weeks}, else the weeks from the start's date to {@code until}. */
  private static int weeks(TenantSettings s, Instant start, Integer weeks, String until) {
    if (weeks != null && until != null) {
      throw Problems.invalid("weeks", "weeks, until: give one of them, not both");
    }
    int n;
    if (weeks != null) {
      n = weeks;
    } else if (until != null) {
      LocalDate first = LocalDate.ofInstant(start, s.zone());
      LocalDate last = BookingInput.date(until, "until");
      if (last.isBefore(first)) {
        throw Problems.unprocessable("until", "until: must not be before the start");
      }
      n = (int) (ChronoUnit.DAYS.between(first, last) / 7) + 1;
    } else {
      throw Problems.invalid("weeks", "weeks or until: one of them is required");
    }
    if (n < 1 || n > RequestSeries.MAX_OCCURRENCES) {
      throw Problems.unprocessable(
          weeks != null ? "weeks" : "until",
          "a series is 1 to " + RequestSeries.MAX_OCCURRENCES + " weeks, was " + n);
    }
    return n;
  }

  private static long positive(long id) {
    if (id <= 0) {
      throw Problems.invalid("id", "ids are positive numbers, was " + id);
    }
    return id;
  }

  /**
   * The business acting for tenant {@code id}: its API key ({@code api-key:<keyId>}) or an operator
   * acting for it; 403 for a key of another tenant, nothing sent.
   */
  private static Actor actor(ServerWebExchange exchange, UUID id) {
    Caller caller = Caller.of(exchange);
    if (!caller.mayAccess(id)) {
      throw Problems.forbidden("this key does not belong to tenant " + id);
    }
    return caller instanceof Caller.TenantKey key
        ? Actor.businessKey(key.keyId())
        : Actor.businessOperator();
  }

  private static String causation(ServerWebExchange exchange) {
    return "tenant-api:" + exchange.getRequest().getId();
  }
}
