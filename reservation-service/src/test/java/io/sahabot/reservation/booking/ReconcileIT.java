package io.sahabot.reservation.booking;

import static io.sahabot.reservation.fixtures.Commands.book;
import static io.sahabot.reservation.fixtures.Commands.cancel;
import static io.sahabot.reservation.fixtures.Commands.nextMondayAt;
import static io.sahabot.reservation.fixtures.Commands.owner;
import static io.sahabot.reservation.fixtures.TenantFixtures.tenant;
import static org.assertj.core.api.Assertions.assertThat;

import io.micrometer.core.instrument.MeterRegistry;
import io.sahabot.reservation.fixtures.Commands;
import io.sahabot.reservation.fixtures.Events;
import io.sahabot.schemas.Json;
import io.sahabot.schemas.reservation.RequestReservation;
import io.sahabot.schemas.reservation.ReservationCancelled;
import io.sahabot.schemas.reservation.ReservationConfirmed;
import io.sahabot.schemas.reservation.ReservationView;
import io.sahabot.testsupport.IntegrationTest;
import io.sahabot.testsupport.SahaBotInfrastructure;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.time.Instant;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.web.server.LocalServerPort;
import tools.jackson.databind.JsonNode;

/**
 * The database restored from an older backup while {@code reservation.events} keeps every outcome:
 * the operator's reconciliation puts the told reservations back (same ids, same status), never over
 * a booking made since, and a second run changes nothing.
 */
@IntegrationTest
class ReconcileIT {

  static final String OPERATOR_TOKEN = "local-admin-token";

  static Commands commands;
  static Events events;

  @LocalServerPort int port;
  @Autowired MeterRegistry meters;

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
  void lostReservationsAreRestoredAndASlotSoldSinceIsReportedNotOverwritten() throws Exception {
    // given three bookings told to their customers, and the second one cancelled after it
    UUID business = tenant().create();
    Instant since = Instant.now().minusSeconds(5);
    RequestReservation ahmet = book(business, "905454031918", "Ahmet", nextMondayAt(18));
    RequestReservation mehmet = book(business, "905321112233", "Mehmet", nextMondayAt(19));
    RequestReservation ayse = book(business, "905067778899", "Ayşe", nextMondayAt(20));
    commands.sendAll(List.of(ahmet, mehmet, ayse));
    ReservationView ahmets =
        events.<ReservationConfirmed>awaitAnswer(ahmet.commandId()).reservation();
    ReservationView mehmets =
        events.<ReservationConfirmed>awaitAnswer(mehmet.commandId()).reservation();
    ReservationView ayses =
        events.<ReservationConfirmed>awaitAnswer(ayse.commandId()).reservation();
    var cancelMehmet = cancel(business, owner(), mehmets.id());
    commands.send(cancelMehmet);
    assertThat(events.<ReservationCancelled>awaitAnswer(cancelMehmet.commandId()).reservation())
        .extracting(ReservationView::status)
        .isEqualTo(ReservationView.CANCELLED);

    // when the database loses them (restored from a backup older than all four outcomes) and
    // Ayşe's hour is sold again before anyone notices
    execute(
        "DELETE FROM reservation_outcomes WHERE tenant_id = ?;"
            + " DELETE FROM reservation_reminders WHERE tenant_id = ?;"
            + " DELETE FROM reservations WHERE tenant_id = ?",
        business);
    assertThat(statuses(business)).isEmpty();
    RequestReservation fatma = book(business, "905441234567", "Fatma", nextMondayAt(20));
    commands.send(fatma);
    ReservationView fatmas =
        events.<ReservationConfirmed>awaitAnswer(fatma.commandId()).reservation();
    double conflictsBefore = conflictsCounted();

    JsonNode first = reconcile(since);

    // then Ahmet's and Mehmet's reservations are back with their ids and statuses; Ayşe's is
    // reported, and Fatma's booking of the same hour is kept
    assertThat(first.path("restored").asInt()).as(first.toString()).isEqualTo(3);
    assertThat(first.path("present").asInt()).isGreaterThanOrEqualTo(1);
    assertThat(first.path("conflicts")).hasSize(1);
    JsonNode conflict = first.path("conflicts").get(0);
    assertThat(conflict.path("tenantId").asText()).isEqualTo(business.toString());
    assertThat(conflict.path("reservationId").asLong()).isEqualTo(ayses.id());
    assertThat(conflict.path("field").asText()).isEqualTo(ayses.field());
    assertThat(Instant.parse(conflict.path("start").asText())).isEqualTo(ayses.start());
    assertThat(conflict.toString()).doesNotContain("905067778899").doesNotContain("Ayşe");
    assertThat(conflictsCounted()).isEqualTo(conflictsBefore + 1);
    assertThat(statuses(business))
        .containsEntry(ahmets.id(), "active")
        .containsEntry(mehmets.id(), "cancelled")
        .containsEntry(fatmas.id(), "active")
        .doesNotContainKey(ayses.id())
        .hasSize(3);
    assertThat(
            count(
                "SELECT count(*) FROM reservation_reminders WHERE reservation_id = ?", ahmets.id()))
        .isEqualTo(1);
    assertThat(
            count(
                "SELECT count(*) FROM reservations r JOIN customers c ON c.id = r.customer_id"
                    + " WHERE r.id = ? AND c.phone = '905454031918' AND c.name = 'Ahmet'",
                ahmets.id()))
        .isEqualTo(1);
    assertThat(
            count(
                "SELECT count(*) FROM reservation_outcomes WHERE command_id = ANY(?)",
                new String[] {
                  ahmet.commandId(), mehmet.commandId(), ayse.commandId(), cancelMehmet.commandId()
                }))
        .isEqualTo(4);

    // and a second run restores nothing and reports nothing again
    JsonNode second = reconcile(since);
    assertThat(second.path("restored").asInt()).isZero();
    assertThat(second.path("conflicts")).isEmpty();
    assertThat(statuses(business)).hasSize(3);

    // and a redelivered command gets its stored outcome, books nothing more
    commands.send(ahmet);
    assertThat(events.awaitAnswers(ahmet.commandId(), 2).get(1))
        .isInstanceOfSatisfying(
            ReservationConfirmed.class,
            c -> assertThat(c.reservation().id()).isEqualTo(ahmets.id()));
    assertThat(statuses(business)).hasSize(3);
  }

  @Test
  void onlyOperatorsMayReconcile() throws Exception {
    assertThat(post("/internal/reconcile?since=1m", null).statusCode()).isEqualTo(401);
    assertThat(post("/internal/reconcile?since=1m", "local-agent-token").statusCode())
        .isEqualTo(403);
    assertThat(post("/internal/reconcile?since=yesterday", OPERATOR_TOKEN).statusCode())
        .isEqualTo(400);
  }

  // ---- helpers ----

  JsonNode reconcile(Instant since) throws Exception {
    HttpResponse<String> response = post("/internal/reconcile?since=" + since, OPERATOR_TOKEN);
    assertThat(response.statusCode()).as(response.body()).isEqualTo(200);
    return Json.mapper().readTree(response.body());
  }

  HttpResponse<String> post(String path, String token) throws Exception {
    var request =
        HttpRequest.newBuilder(URI.create("http://localhost:" + port + path))
            .POST(HttpRequest.BodyPublishers.noBody());
    if (token != null) {
      request.header("Authorization", "Bearer " + token);
    }
    return HttpClient.newHttpClient().send(request.build(), HttpResponse.BodyHandlers.ofString());
  }

  double conflictsCounted() {
    var counter = meters.find("sahabot.reservation.reconcile.conflicts").counter();
    return counter == null ? 0 : counter.count();
  }

  static void execute(String statements, UUID tenant) throws Exception {
    try (Connection c = SahaBotInfrastructure.get().database().connectAsOwner()) {
      for (String sql : statements.split(";")) {
        try (PreparedStatement s = c.prepareStatement(sql)) {
          s.setObject(1, tenant);
          s.executeUpdate();
        }
      }
    }
  }

  static Map<Long, String> statuses(UUID tenant) throws Exception {
    Map<Long, String> statuses = new HashMap<>();
    try (Connection c = SahaBotInfrastructure.get().database().connectAsOwner();
        PreparedStatement s =
            c.prepareStatement("SELECT id, status FROM reservations WHERE tenant_id = ?")) {
      s.setObject(1, tenant);
      try (ResultSet rs = s.executeQuery()) {
        while (rs.next()) {
          statuses.put(rs.getLong(1), rs.getString(2));
        }
      }
    }
    return statuses;
  }

  static int count(String sql, Object parameter) throws Exception {
    try (Connection c = SahaBotInfrastructure.get().database().connectAsOwner();
        PreparedStatement s = c.prepareStatement(sql)) {
      if (parameter instanceof String[] array) {
        s.setArray(1, c.createArrayOf("varchar", array));
      } else {
        s.setObject(1, parameter);
      }
      try (ResultSet rs = s.executeQuery()) {
        rs.next();
        return rs.getInt(1);
      }
    }
  }
}
