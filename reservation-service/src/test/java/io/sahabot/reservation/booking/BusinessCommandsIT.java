package io.sahabot.reservation.booking;

import static io.sahabot.reservation.fixtures.Commands.book;
import static io.sahabot.reservation.fixtures.Commands.cancel;
import static io.sahabot.reservation.fixtures.Commands.customer;
import static io.sahabot.reservation.fixtures.Commands.move;
import static io.sahabot.reservation.fixtures.Commands.nextMondayAt;
import static io.sahabot.reservation.fixtures.Commands.noShow;
import static io.sahabot.reservation.fixtures.Commands.request;
import static io.sahabot.reservation.fixtures.TenantFixtures.tenant;
import static org.assertj.core.api.Assertions.assertThat;

import io.sahabot.reservation.fixtures.Commands;
import io.sahabot.reservation.fixtures.Events;
import io.sahabot.reservation.fixtures.Http;
import io.sahabot.schemas.Json;
import io.sahabot.schemas.reservation.Actor;
import io.sahabot.schemas.reservation.CustomerRef;
import io.sahabot.schemas.reservation.JoinWaitlist;
import io.sahabot.schemas.reservation.RejectionReason;
import io.sahabot.schemas.reservation.RequestReservation;
import io.sahabot.schemas.reservation.RequestSeries;
import io.sahabot.schemas.reservation.ReservationCancelled;
import io.sahabot.schemas.reservation.ReservationConfirmed;
import io.sahabot.schemas.reservation.ReservationEvent;
import io.sahabot.schemas.reservation.ReservationMarkedNoShow;
import io.sahabot.schemas.reservation.ReservationMoved;
import io.sahabot.schemas.reservation.ReservationRejected;
import io.sahabot.schemas.reservation.SeriesBooked;
import io.sahabot.schemas.reservation.WaitlistJoined;
import io.sahabot.testsupport.IntegrationTest;
import io.sahabot.testsupport.SahaBotInfrastructure;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.SQLException;
import java.time.Duration;
import java.time.Instant;
import java.time.ZonedDateTime;
import java.util.List;
import java.util.UUID;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.springframework.boot.test.web.server.LocalServerPort;
import tools.jackson.databind.JsonNode;

/**
 * The business through its tenant API ({@code Actor.Role.BUSINESS}, sent by tenant-service) on the
 * real topic and database: an owner's rights in its tenant without an admin number, the
 * cancellation notice not applying to it; its outcomes read back over tenant-service's internal
 * routes; an operator's command on the topic still refused.
 */
@IntegrationTest
class BusinessCommandsIT {

  static final String AHMET = "905454031918";
  static final String KARTAL = "905321234567";
  static final Actor BUSINESS = Actor.businessKey(UUID.randomUUID());

  static Commands commands;
  static Events events;

  @LocalServerPort int port;

  @BeforeAll
  static void connect() {
    commands = new Commands();
    events = new Events();
  }

  @AfterAll
  static void disconnect() {
    commands.close();
    events.close();
  }

  @Test
  void theBusinessBooksForAnyoneMovesAndCancelsInsideTheNoticeWhereACustomerMayNot() {
    UUID business = tenant().cancellationNoticeHours(720).create();
    RequestReservation booking =
        request(business, BUSINESS, "Ahmet", AHMET, "Saha 1", nextMondayAt(20), 1);
    commands.send(booking);
    ReservationConfirmed confirmed = events.awaitAnswer(booking.commandId());
    long id = confirmed.reservation().id();
    assertThat(confirmed.reservation().customer().phone()).isEqualTo(AHMET);
    assertThat(confirmed.requestedBy()).isEqualTo(BUSINESS);

    var moved = move(business, BUSINESS, id, "Saha 2", nextMondayAt(21));
    commands.send(moved);
    ReservationMoved movedOutcome = events.awaitAnswer(moved.commandId());
    assertThat(movedOutcome.reservation().field()).isEqualTo("Saha 2");

    // the customer's own cancellation is too late (720 hours of notice); the business's is not
    var byAhmet = cancel(business, customer(AHMET), id);
    commands.send(byAhmet);
    assertThat(this.<ReservationRejected>answer(byAhmet.commandId()).reason())
        .isEqualTo(RejectionReason.TOO_LATE);
    var byTheBusiness = cancel(business, BUSINESS, id);
    commands.send(byTheBusiness);
    ReservationCancelled cancelled = events.awaitAnswer(byTheBusiness.commandId());
    assertThat(cancelled.reservation().status()).isEqualTo("cancelled");
  }

  @Test
  void anOperatorsCommandIsStillRefusedWhereTheSameAsTheBusinessIsDecided() {
    UUID business = tenant().create();
    Actor operator = new Actor(Actor.Role.OPERATOR, "operator");
    RequestReservation forged =
        request(business, operator, "Ahmet", AHMET, null, nextMondayAt(19), 1);
    RequestReservation real =
        request(business, BUSINESS, "Ahmet", AHMET, null, nextMondayAt(19), 1);
    commands.sendAll(List.of(forged, real));

    assertThat(this.<ReservationRejected>answer(forged.commandId()).reason())
        .isEqualTo(RejectionReason.FORBIDDEN);
    assertThat((Object) events.awaitAnswer(real.commandId()))
        .isInstanceOf(ReservationConfirmed.class);
  }

  @Test
  void theOutcomeOfACommandIsReadByTenantServiceOnlyAndOnlyForItsTenant() {
    UUID business = tenant().create();
    UUID other = tenant().create();
    RequestReservation booking =
        request(business, BUSINESS, "Ahmet", AHMET, null, nextMondayAt(18), 1);
    Http http = new Http(port);
    String path = "/internal/tenants/" + business + "/commands/" + booking.commandId();
    assertThat(http.get(path, Http.TENANT_SERVICE_TOKEN).statusCode()).isEqualTo(404);

    commands.send(booking);
    ReservationConfirmed confirmed = events.awaitAnswer(booking.commandId());

    var answer = http.get(path, Http.TENANT_SERVICE_TOKEN);
    assertThat(answer.statusCode()).isEqualTo(200);
    JsonNode outcome = Json.mapper().readTree(answer.body());
    assertThat(outcome.path("type").asString()).isEqualTo("ReservationConfirmed");
    assertThat(outcome.path("eventId").asString()).isEqualTo(confirmed.eventId());
    assertThat(outcome.path("reservation").path("id").asLong())
        .isEqualTo(confirmed.reservation().id());
    assertThat(
            http.get(
                    "/internal/tenants/" + other + "/commands/" + booking.commandId(),
                    Http.TENANT_SERVICE_TOKEN)
                .statusCode())
        .isEqualTo(404);
    assertThat(http.get(path, Http.AGENT_TOKEN).statusCode()).isEqualTo(403);
    var one =
        http.get(
            "/internal/tenants/" + business + "/reservations/" + confirmed.reservation().id(),
            Http.TENANT_SERVICE_TOKEN);
    assertThat(one.statusCode()).isEqualTo(200);
    assertThat(Json.mapper().readTree(one.body()).path("customer").path("phone").asString())
        .isEqualTo(AHMET);
    assertThat(
            http.get(
                    "/internal/tenants/" + other + "/reservations/" + confirmed.reservation().id(),
                    Http.TENANT_SERVICE_TOKEN)
                .statusCode())
        .isEqualTo(404);
  }

  @Test
  void theBusinessBooksASeriesAroundATakenWeekAndItsOccurrencesAreListed() {
    UUID business = tenant().create();
    Instant first = nextMondayAt(21);
    Instant week2 = ZonedDateTime.ofInstant(first, Commands.ISTANBUL).plusWeeks(1).toInstant();
    RequestReservation taken = book(business, AHMET, "Ahmet", week2);
    commands.send(taken);
    assertThat((Object) events.awaitAnswer(taken.commandId()))
        .isInstanceOf(ReservationConfirmed.class);

    RequestSeries series =
        new RequestSeries(
            UUID.randomUUID().toString(),
            Instant.now(),
            business,
            "tenant-api:1",
            BUSINESS,
            new CustomerRef("Kartallar", KARTAL, null),
            null,
            first,
            first.plus(Duration.ofHours(1)),
            3);
    commands.send(series);
    SeriesBooked booked = events.awaitAnswer(series.commandId());

    assertThat(booked.booked()).hasSize(2);
    assertThat(booked.notBooked()).hasSize(1);
    assertThat(booked.notBooked().get(0).reason()).isEqualTo(RejectionReason.OVERLAP);
    assertThat(booked.notBooked().get(0).slot().start()).isEqualTo(week2);
    JsonNode occurrences =
        Json.mapper()
            .readTree(
                new Http(port)
                    .get(
                        "/internal/tenants/" + business + "/series/" + booked.seriesId(),
                        Http.TENANT_SERVICE_TOKEN)
                    .body());
    assertThat(occurrences.path("reservations").size()).isEqualTo(2);
    assertThat(occurrences.path("reservations").get(0).path("id").asLong())
        .isEqualTo(booked.booked().get(0).id());
    assertThat(
            new Http(port)
                .get(
                    "/internal/tenants/" + business + "/series/" + (booked.seriesId() + 100000),
                    Http.TENANT_SERVICE_TOKEN)
                .statusCode())
        .isEqualTo(404);
  }

  @Test
  void theBusinessPutsACustomerOnTheWaitlistBlocksASlotAndMarksANoShow() {
    UUID business = tenant().fields("Saha 1").create();
    Instant slot = nextMondayAt(17);
    RequestReservation taken = book(business, AHMET, "Ahmet", slot);
    commands.send(taken);
    long takenId = this.<ReservationConfirmed>answer(taken.commandId()).reservation().id();

    JoinWaitlist join =
        new JoinWaitlist(
            UUID.randomUUID().toString(),
            Instant.now(),
            business,
            "tenant-api:2",
            BUSINESS,
            new CustomerRef("Kartal", KARTAL, null),
            null,
            slot,
            slot.plus(Duration.ofHours(1)));
    commands.send(join);
    WaitlistJoined joined = events.awaitAnswer(join.commandId());
    assertThat(joined.position()).isEqualTo(1);
    assertThat(joined.customer().phone()).isEqualTo(KARTAL);

    RequestReservation block =
        new RequestReservation(
            UUID.randomUUID().toString(),
            Instant.now(),
            business,
            "tenant-api:3",
            BUSINESS,
            CustomerRef.block("Bakım"),
            null,
            nextMondayAt(15),
            nextMondayAt(17));
    commands.send(block);
    ReservationConfirmed blocked = events.awaitAnswer(block.commandId());
    assertThat(CustomerRef.isBlock(blocked.reservation().customer())).isTrue();
    RequestReservation intoTheBlock = book(business, KARTAL, "Kartal", nextMondayAt(16));
    commands.send(intoTheBlock);
    assertThat(this.<ReservationRejected>answer(intoTheBlock.commandId()).reason())
        .isEqualTo(RejectionReason.OVERLAP);

    startedAnHourAgo(takenId);
    var byACustomer = noShow(business, customer(KARTAL), takenId);
    var byTheBusiness = noShow(business, BUSINESS, takenId);
    commands.sendAll(List.of(byACustomer, byTheBusiness));
    assertThat(this.<ReservationRejected>answer(byACustomer.commandId()).reason())
        .isEqualTo(RejectionReason.FORBIDDEN);
    ReservationMarkedNoShow marked = events.awaitAnswer(byTheBusiness.commandId());
    assertThat(marked.reservation().status()).isEqualTo("no_show");
  }

  private <E extends ReservationEvent> E answer(String commandId) {
    return events.awaitAnswer(commandId);
  }

  /** The reservation's slot an hour ago (it has started), written past row-level security. */
  static void startedAnHourAgo(long reservationId) {
    try (Connection c = SahaBotInfrastructure.get().database().connectAsOwner();
        PreparedStatement s =
            c.prepareStatement(
                "UPDATE reservations SET start_time = now() - interval '1 hour',"
                    + " end_time = now() + interval '1 minute' WHERE id = ?")) {
      s.setLong(1, reservationId);
      assertThat(s.executeUpdate()).isEqualTo(1);
    } catch (SQLException e) {
      throw new IllegalStateException(e);
    }
  }
}
