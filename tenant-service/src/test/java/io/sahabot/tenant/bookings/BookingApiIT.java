package io.sahabot.tenant.bookings;

import static io.sahabot.schemas.topics.Topics.RESERVATION_COMMANDS;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import io.sahabot.platform.kafka.WireSerdes;
import io.sahabot.schemas.Json;
import io.sahabot.schemas.reservation.Actor;
import io.sahabot.schemas.reservation.CustomerRef;
import io.sahabot.schemas.reservation.JoinWaitlist;
import io.sahabot.schemas.reservation.MarkNoShow;
import io.sahabot.schemas.reservation.RejectionReason;
import io.sahabot.schemas.reservation.RequestReservation;
import io.sahabot.schemas.reservation.RequestSeries;
import io.sahabot.schemas.reservation.ReservationCommand;
import io.sahabot.schemas.reservation.ReservationConfirmed;
import io.sahabot.schemas.reservation.ReservationEvent;
import io.sahabot.schemas.reservation.ReservationMarkedNoShow;
import io.sahabot.schemas.reservation.ReservationRejected;
import io.sahabot.schemas.reservation.ReservationView;
import io.sahabot.schemas.reservation.SeriesBooked;
import io.sahabot.schemas.reservation.Slot;
import io.sahabot.schemas.reservation.WaitlistJoined;
import io.sahabot.tenant.enrichment.TopicReader;
import io.sahabot.tenant.provisioning.Tenant;
import io.sahabot.tenant.provisioning.TenantDirectory;
import io.sahabot.testsupport.IntegrationTest;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.math.BigDecimal;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.time.LocalDateTime;
import java.time.ZoneId;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.UUID;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ThreadLocalRandom;
import java.util.concurrent.atomic.AtomicLong;
import okhttp3.mockwebserver.Dispatcher;
import okhttp3.mockwebserver.MockResponse;
import okhttp3.mockwebserver.MockWebServer;
import okhttp3.mockwebserver.RecordedRequest;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.http.HttpHeaders;
import org.springframework.http.MediaType;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;
import org.springframework.test.web.reactive.server.WebTestClient;
import tools.jackson.databind.JsonNode;

/**
 * The tenant API's bookings on the real database and broker: the commands tenant-service publishes
 * on {@code reservation.commands} are read back from the topic, and a stub of reservation-service's
 * HTTP decides them as reservation-service would for these cases (a slot booked twice is taken) and
 * answers {@code /internal/tenants/{id}/commands/{commandId}} with the outcome.
 * reservation-service's own decision of {@code BUSINESS} commands is {@code BusinessCommandsIT}
 * there.
 */
@IntegrationTest
class BookingApiIT {

  static final String ADMIN = "Bearer local-admin-token";
  static final ZoneId ISTANBUL = ZoneId.of("Europe/Istanbul");
  static final ReservationDesk DESK = new ReservationDesk();
  static final MockWebServer RESERVATIONS = new MockWebServer();

  static {
    RESERVATIONS.setDispatcher(DESK);
    try {
      RESERVATIONS.start();
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  @DynamicPropertySource
  static void reservationService(DynamicPropertyRegistry registry) {
    registry.add("sahabot.tenant.reservation-service-url", () -> RESERVATIONS.url("/").toString());
    registry.add("sahabot.tenant.command-wait", () -> "3s");
  }

  @AfterAll
  static void stop() throws IOException {
    RESERVATIONS.shutdown();
    DESK.close();
  }

  @LocalServerPort int port;
  @Autowired TenantDirectory directory;
  WebTestClient http;

  @BeforeEach
  void client() {
    http =
        WebTestClient.bindToServer()
            .baseUrl("http://localhost:" + port)
            .responseTimeout(Duration.ofSeconds(30))
            .build();
  }

  @Test
  void aTenantKeyBooksAndGets201WithTheConfirmationAndTheSameSlotAgainIs409() {
    Tenant tenant = newTenant();
    String key = createKey(tenant);
    String monday = nextMonday() + "T20:00";

    JsonNode confirmed =
        post(tenant, "/reservations", key, null, booking(monday, "0545 403 19 18"))
            .expectStatus()
            .isCreated()
            .expectBody(JsonNode.class)
            .returnResult()
            .getResponseBody();

    assertThat(confirmed.path("type").asString()).isEqualTo("ReservationConfirmed");
    assertThat(confirmed.path("reservation").path("customer").path("phone").asString())
        .isEqualTo("905454031918");
    RequestReservation sent = (RequestReservation) DESK.command(tenant.id(), commandId(confirmed));
    assertThat(sent.requestedBy().role()).isEqualTo(Actor.Role.BUSINESS);
    assertThat(sent.requestedBy().userId()).startsWith("api-key:");
    assertThat(sent.start()).isEqualTo(LocalDateTime.parse(monday).atZone(ISTANBUL).toInstant());
    assertThat(sent.end()).isEqualTo(sent.start().plus(Duration.ofMinutes(90)));
    assertThat(sent.field()).isEqualTo("Saha 1");
    assertThat(sent.customer()).isEqualTo(new CustomerRef("Ahmet", "905454031918", null));

    post(tenant, "/reservations", key, null, booking(monday, "905321234567"))
        .expectStatus()
        .isEqualTo(409)
        .expectHeader()
        .contentType(MediaType.APPLICATION_PROBLEM_JSON)
        .expectBody()
        .jsonPath("$.reason")
        .isEqualTo("OVERLAP")
        .jsonPath("$.alternatives[0].field")
        .isEqualTo("Saha 1")
        .jsonPath("$.outcome.type")
        .isEqualTo("ReservationRejected");
  }

  @Test
  void theReservationsOfTheDaysAreListed() {
    Tenant tenant = newTenant();
    String key = createKey(tenant);
    LocalDate monday = nextMonday();
    post(tenant, "/reservations", key, null, booking(monday + "T17:00", "905454031918"))
        .expectStatus()
        .isCreated();

    http.get()
        .uri("/api/tenants/" + tenant.id() + "/reservations?from=" + monday + "&to=" + monday)
        .header(HttpHeaders.AUTHORIZATION, "Bearer " + key)
        .exchange()
        .expectStatus()
        .isOk()
        .expectBody()
        .jsonPath("$.from")
        .isEqualTo(monday.toString())
        .jsonPath("$.reservations.length()")
        .isEqualTo(1)
        .jsonPath("$.reservations[0].customer.phone")
        .isEqualTo("905454031918");
    http.get()
        .uri("/api/tenants/" + tenant.id() + "/reservations?from=" + monday + "&to=2020-01-01")
        .header(HttpHeaders.AUTHORIZATION, "Bearer " + key)
        .exchange()
        .expectStatus()
        .isBadRequest()
        .expectBody()
        .jsonPath("$.field")
        .isEqualTo("to");
  }

  @Test
  void anotherTenantsKeyIs403AndNothingIsSent() {
    Tenant mine = newTenant();
    Tenant other = newTenant();
    String othersKey = createKey(other);

    post(mine, "/reservations", othersKey, null, booking(nextMonday() + "T19:00", "905454031918"))
        .expectStatus()
        .isForbidden();
    http.get()
        .uri("/api/tenants/" + mine.id() + "/reservations")
        .header(HttpHeaders.AUTHORIZATION, "Bearer " + othersKey)
        .exchange()
        .expectStatus()
        .isForbidden();
    http.delete()
        .uri("/api/tenants/" + mine.id() + "/reservations/1")
        .header(HttpHeaders.AUTHORIZATION, "Bearer " + othersKey)
        .exchange()
        .expectStatus()
        .isForbidden();
    // a command sent after the refused ones arrives; none of the tenant's did
    post(other, "/reservations", othersKey, null, booking(nextMonday() + "T19:00", "905454031918"))
        .expectStatus()
        .isCreated();
    assertThat(DESK.commandsOf(other.id())).hasSize(1);
    assertThat(DESK.commandsOf(mine.id())).isEmpty();
  }

  @Test
  void anIdempotencyKeySentAgainGetsTheSameOutcomeAndSendsOneCommand() {
    Tenant tenant = newTenant();
    String key = createKey(tenant);
    String body = booking(nextMonday() + "T21:00", "905454031918");

    JsonNode first =
        post(tenant, "/reservations", key, "order-7781", body)
            .expectStatus()
            .isCreated()
            .expectBody(JsonNode.class)
            .returnResult()
            .getResponseBody();
    JsonNode again =
        post(tenant, "/reservations", key, "order-7781", body)
            .expectStatus()
            .isCreated()
            .expectBody(JsonNode.class)
            .returnResult()
            .getResponseBody();

    assertThat(again).isEqualTo(first);
    assertThat(DESK.commandsOf(tenant.id())).hasSize(1);
    http.get()
        .uri("/api/tenants/" + tenant.id() + "/commands/" + commandId(first))
        .header(HttpHeaders.AUTHORIZATION, "Bearer " + key)
        .exchange()
        .expectStatus()
        .isOk()
        .expectBody()
        .jsonPath("$.reservation.id")
        .isEqualTo(first.path("reservation").path("id").asLong());
    // another key is another command: the slot is taken now
    post(tenant, "/reservations", key, "order-7782", body).expectStatus().isEqualTo(409);
    assertThat(DESK.commandsOf(tenant.id())).hasSize(2);
  }

  @Test
  void aSeriesThroughTheApiBooksTheFreeWeeksAndNamesTheTakenOne() {
    Tenant tenant = newTenant();
    String key = createKey(tenant);
    LocalDate monday = nextMonday();
    post(
            tenant,
            "/reservations",
            key,
            null,
            booking(monday.plusWeeks(1) + "T22:00", "905454031918"))
        .expectStatus()
        .isCreated();

    JsonNode series =
        post(
                tenant,
                "/series",
                key,
                null,
                """
                {"field":"Saha 1","start":"%sT22:00","hours":1,"weeks":3,
                 "customer":{"name":"Kartallar","phone":"+90 532 123 45 67"}}
                """
                    .formatted(monday))
            .expectStatus()
            .isCreated()
            .expectBody(JsonNode.class)
            .returnResult()
            .getResponseBody();

    assertThat(series.path("type").asString()).isEqualTo("SeriesBooked");
    assertThat(series.path("booked").size()).isEqualTo(2);
    assertThat(series.path("notBooked").size()).isEqualTo(1);
    assertThat(series.path("notBooked").get(0).path("reason").asString()).isEqualTo("OVERLAP");
    RequestSeries sent = (RequestSeries) DESK.command(tenant.id(), commandId(series));
    assertThat(sent.occurrences()).isEqualTo(3);
    assertThat(sent.customer().phone()).isEqualTo("905321234567");
    assertThat(sent.requestedBy().role()).isEqualTo(Actor.Role.BUSINESS);
  }

  @Test
  void theOperatorPutsACustomerOnAWaitlistAsTheBusiness() {
    Tenant tenant = newTenant();
    JsonNode joined =
        post(
                tenant,
                "/waitlist",
                null,
                null,
                """
                {"start":"%sT20:00","hours":1,"customer":{"name":"Mehmet","phone":"905320001122"}}
                """
                    .formatted(nextMonday()))
            .expectStatus()
            .isCreated()
            .expectBody(JsonNode.class)
            .returnResult()
            .getResponseBody();

    assertThat(joined.path("type").asString()).isEqualTo("WaitlistJoined");
    assertThat(joined.path("position").asInt()).isEqualTo(1);
    JoinWaitlist sent = (JoinWaitlist) DESK.command(tenant.id(), commandId(joined));
    assertThat(sent.requestedBy()).isEqualTo(Actor.businessOperator());
    assertThat(sent.field()).isNull();
  }

  @Test
  void aNoShowAndABlockThroughTheApi() {
    Tenant tenant = newTenant();
    String key = createKey(tenant);

    JsonNode noShow =
        post(tenant, "/reservations/42/no-show", key, null, null)
            .expectStatus()
            .isOk()
            .expectBody(JsonNode.class)
            .returnResult()
            .getResponseBody();
    assertThat(noShow.path("type").asString()).isEqualTo("ReservationMarkedNoShow");
    MarkNoShow marked = (MarkNoShow) DESK.command(tenant.id(), commandId(noShow));
    assertThat(marked.reservationId()).isEqualTo(42);
    assertThat(marked.requestedBy().role()).isEqualTo(Actor.Role.BUSINESS);

    JsonNode block =
        post(
                tenant,
                "/blocks",
                key,
                null,
                """
                {"start":"%1$sT15:00","end":"%1$sT17:00"}
                """
                    .formatted(nextMonday()))
            .expectStatus()
            .isCreated()
            .expectBody(JsonNode.class)
            .returnResult()
            .getResponseBody();
    RequestReservation blocked = (RequestReservation) DESK.command(tenant.id(), commandId(block));
    assertThat(blocked.customer()).isEqualTo(CustomerRef.block("Bakım"));
    assertThat(blocked.field()).isEqualTo("Saha 1");
    assertThat(Duration.between(blocked.start(), blocked.end())).isEqualTo(Duration.ofHours(2));
  }

  @Test
  void badInputIs400Or422NamingTheFieldAndSendsNothing() {
    Tenant tenant = newTenant();
    String monday = nextMonday() + "T20:00";

    post(tenant, "/reservations", null, null, booking("08.12.2026 20:00", "905454031918"))
        .expectStatus()
        .isBadRequest()
        .expectBody()
        .jsonPath("$.field")
        .isEqualTo("start");
    post(tenant, "/reservations", null, null, booking(monday, "12"))
        .expectStatus()
        .isBadRequest()
        .expectBody()
        .jsonPath("$.field")
        .isEqualTo("customer.phone");
    post(
            tenant,
            "/reservations",
            null,
            null,
            """
            {"field":"Saha 9","start":"%s","hours":1,"customer":{"phone":"905454031918"}}
            """
                .formatted(monday))
        .expectStatus()
        .isEqualTo(422)
        .expectBody()
        .jsonPath("$.field")
        .isEqualTo("field");
    post(
            tenant,
            "/reservations",
            null,
            null,
            """
            {"start":"%s","end":"%s","customer":{"phone":"905454031918"}}
            """
                .formatted(monday, nextMonday() + "T19:00"))
        .expectStatus()
        .isEqualTo(422);
    assertThat(DESK.commandsOf(tenant.id())).isEmpty();
  }

  @Test
  void anUndecidedCommandIs202AndItsOutcomeIsReadLater() {
    Tenant tenant = newTenant();
    DESK.hold(tenant.id());

    var accepted =
        post(tenant, "/reservations", null, null, booking(nextMonday() + "T18:00", "905454031918"))
            .expectStatus()
            .isAccepted()
            .expectBody(JsonNode.class)
            .returnResult();
    String location = accepted.getResponseHeaders().getLocation().toString();
    String commandId = accepted.getResponseBody().path("commandId").asString();
    assertThat(location).isEqualTo("/api/tenants/" + tenant.id() + "/commands/" + commandId);
    http.get()
        .uri(location)
        .header(HttpHeaders.AUTHORIZATION, ADMIN)
        .exchange()
        .expectStatus()
        .isNotFound();

    DESK.release(tenant.id());
    await()
        .atMost(Duration.ofSeconds(30))
        .untilAsserted(
            () ->
                http.get()
                    .uri(location)
                    .header(HttpHeaders.AUTHORIZATION, ADMIN)
                    .exchange()
                    .expectStatus()
                    .isOk()
                    .expectBody()
                    .jsonPath("$.type")
                    .isEqualTo("ReservationConfirmed"));
  }

  private WebTestClient.ResponseSpec post(
      Tenant tenant, String path, String key, String idempotencyKey, String body) {
    var request =
        http.post()
            .uri("/api/tenants/" + tenant.id() + path)
            .header(HttpHeaders.AUTHORIZATION, key == null ? ADMIN : "Bearer " + key);
    if (idempotencyKey != null) {
      request = request.header("Idempotency-Key", idempotencyKey);
    }
    return body == null
        ? request.exchange()
        : request.contentType(MediaType.APPLICATION_JSON).bodyValue(body).exchange();
  }

  private static String booking(String start, String phone) {
    return """
        {"field":"Saha 1","start":"%s","hours":1.5,"customer":{"name":"Ahmet","phone":"%s"}}
        """
        .formatted(start, phone);
  }

  private static String commandId(JsonNode outcome) {
    return outcome.path("commandId").asString();
  }

  private static LocalDate nextMonday() {
    LocalDate day = LocalDate.now(ISTANBUL).plusDays(2);
    while (day.getDayOfWeek() != java.time.DayOfWeek.MONDAY) {
      day = day.plusDays(1);
    }
    return day;
  }

  private String createKey(Tenant tenant) {
    return http.post()
        .uri("/api/tenants/" + tenant.id() + "/api-keys")
        .header(HttpHeaders.AUTHORIZATION, ADMIN)
        .contentType(MediaType.APPLICATION_JSON)
        .bodyValue("{\"name\":\"booking site\"}")
        .exchange()
        .expectStatus()
        .isCreated()
        .expectBody(JsonNode.class)
        .returnResult()
        .getResponseBody()
        .path("key")
        .asString();
  }

  private Tenant newTenant() {
    String number =
        Long.toString(300_000_000_000_000L + ThreadLocalRandom.current().nextLong(1_000_000_000L));
    return directory.getOrCreate(number, null).block(Duration.ofSeconds(10)).tenant();
  }

  /**
   * reservation-service as the tenant API sees it: reads the commands tenant-service published on
   * the real topic, decides them (a slot already booked is taken, with the next hour as the
   * alternative) and answers their outcomes over HTTP. The commands of a tenant it holds are read
   * but not decided until it is released.
   */
  static final class ReservationDesk extends Dispatcher implements AutoCloseable {

    private TopicReader<ReservationCommand> reader;
    private int read;
    private final List<ReservationCommand> commands = new ArrayList<>();
    private final Map<String, String> outcomes = new ConcurrentHashMap<>();
    private final Set<String> booked = ConcurrentHashMap.newKeySet();
    private final Set<UUID> held = ConcurrentHashMap.newKeySet();
    private final AtomicLong ids = new AtomicLong(1000);

    @Override
    public MockResponse dispatch(RecordedRequest request) {
      String path = request.getPath();
      String[] parts = path.split("\\?")[0].split("/");
      // /internal/tenants/{tenant}/commands/{commandId}
      if (parts.length == 6 && parts[4].equals("commands")) {
        decideNew();
        String outcome = outcomes.get(parts[3] + "|" + parts[5]);
        return outcome == null
            ? new MockResponse().setResponseCode(404)
            : new MockResponse().setHeader("Content-Type", "application/json").setBody(outcome);
      }
      // /internal/tenants/{tenant}/reservations?from=&to=: the confirmed bookings of the tenant
      if (parts.length == 5 && parts[4].equals("reservations")) {
        String query = path.split("\\?")[1];
        String from = query.replaceAll(".*from=([0-9-]+).*", "$1");
        String to = query.replaceAll(".*to=([0-9-]+).*", "$1");
        List<ReservationView> views = new ArrayList<>();
        for (String outcome : outcomes.values()) {
          ReservationEvent event = Json.mapper().readValue(outcome, ReservationEvent.class);
          if (event.tenantId().toString().equals(parts[3])
              && event instanceof ReservationConfirmed c) {
            views.add(c.reservation());
          }
        }
        return new MockResponse()
            .setHeader("Content-Type", "application/json")
            .setBody(
                Json.mapper()
                    .writeValueAsString(
                        new io.sahabot.schemas.reservation.query.Reservations(
                            LocalDate.parse(from), LocalDate.parse(to), "Europe/Istanbul", views)));
      }
      return new MockResponse().setResponseCode(404);
    }

    void hold(UUID tenant) {
      held.add(tenant);
    }

    void release(UUID tenant) {
      held.remove(tenant);
    }

    /** The commands of the tenant read so far, after reading the topic once more. */
    synchronized List<ReservationCommand> commandsOf(UUID tenant) {
      decideNew();
      return commands.stream().filter(c -> c.tenantId().equals(tenant)).toList();
    }

    /** The command {@code commandId} of the tenant, once it has been read. */
    ReservationCommand command(UUID tenant, String commandId) {
      await()
          .atMost(Duration.ofSeconds(30))
          .until(() -> commandsOf(tenant).stream().anyMatch(c -> c.commandId().equals(commandId)));
      return commandsOf(tenant).stream()
          .filter(c -> c.commandId().equals(commandId))
          .findFirst()
          .orElseThrow();
    }

    private synchronized TopicReader<ReservationCommand> reader() {
      if (reader == null) {
        reader =
            new TopicReader<>(
                RESERVATION_COMMANDS.name(), WireSerdes.valueDeserializer(RESERVATION_COMMANDS));
      }
      return reader;
    }

    private synchronized void decideNew() {
      List<ConsumerRecord<String, ReservationCommand>> all = reader().poll();
      for (; read < all.size(); read++) {
        commands.add(all.get(read).value());
      }
      for (ReservationCommand c : commands) {
        String key = c.tenantId() + "|" + c.commandId();
        if (!held.contains(c.tenantId()) && !outcomes.containsKey(key)) {
          outcomes.put(key, Json.mapper().writeValueAsString(decide(c)));
        }
      }
    }

    private ReservationEvent decide(ReservationCommand c) {
      Instant now = Instant.now();
      String eventId = UUID.randomUUID().toString();
      if (c instanceof RequestReservation r) {
        String field = r.field() == null ? "Saha 1" : r.field();
        if (!booked.add(c.tenantId() + "|" + field + "|" + r.start())) {
          return new ReservationRejected(
              eventId,
              now,
              c.tenantId(),
              c.commandId(),
              RejectionReason.OVERLAP,
              "the slot is taken",
              List.of(new Slot(field, r.end(), r.end().plus(Duration.between(r.start(), r.end())))),
              r.requestedBy(),
              r.causationId());
        }
        return new ReservationConfirmed(
            eventId,
            now,
            c.tenantId(),
            c.commandId(),
            view(field, r.customer(), r.start(), r.end(), "active"),
            r.requestedBy(),
            r.causationId());
      }
      if (c instanceof RequestSeries s) {
        String field = s.field() == null ? "Saha 1" : s.field();
        List<ReservationView> made = new ArrayList<>();
        List<SeriesBooked.MissedOccurrence> missed = new ArrayList<>();
        for (int week = 0; week < s.occurrences(); week++) {
          Instant start = s.start().plus(7L * week, ChronoUnit.DAYS);
          Instant end = s.end().plus(7L * week, ChronoUnit.DAYS);
          if (booked.add(c.tenantId() + "|" + field + "|" + start)) {
            made.add(view(field, s.customer(), start, end, "active"));
          } else {
            missed.add(
                new SeriesBooked.MissedOccurrence(
                    new Slot(field, start, end), RejectionReason.OVERLAP, List.of()));
          }
        }
        return new SeriesBooked(
            eventId,
            now,
            c.tenantId(),
            c.commandId(),
            ids.incrementAndGet(),
            made,
            missed,
            s.requestedBy(),
            s.causationId());
      }
      if (c instanceof JoinWaitlist j) {
        String field = j.field() == null ? "Saha 1" : j.field();
        return new WaitlistJoined(
            eventId,
            now,
            c.tenantId(),
            c.commandId(),
            ids.incrementAndGet(),
            new Slot(field, j.start(), j.end()),
            1,
            j.customer(),
            j.requestedBy(),
            j.causationId());
      }
      if (c instanceof MarkNoShow n) {
        Instant start = now.minus(Duration.ofHours(1));
        ReservationView r =
            new ReservationView(
                n.reservationId(),
                "Saha 1",
                new CustomerRef("Ahmet", "905454031918", null),
                start,
                start.plus(Duration.ofHours(1)),
                "no_show",
                new BigDecimal("1000.00"),
                "TRY");
        return new ReservationMarkedNoShow(
            eventId, now, c.tenantId(), c.commandId(), r, n.requestedBy(), n.causationId());
      }
      // anything else (e.g. the route probes' cancellations): no such reservation
      return new ReservationRejected(
          eventId,
          now,
          c.tenantId(),
          c.commandId(),
          RejectionReason.NOT_FOUND,
          "no such reservation",
          List.of(),
          c.requestedBy(),
          c.causationId());
    }

    private ReservationView view(
        String field, CustomerRef customer, Instant start, Instant end, String status) {
      return new ReservationView(
          ids.incrementAndGet(),
          field,
          customer,
          start,
          end,
          status,
          new BigDecimal("1000.00"),
          "TRY");
    }

    @Override
    public void close() {
      if (reader != null) {
        reader.close();
      }
    }
  }
}
