package io.sahabot.reservation.privacy;

import static io.sahabot.reservation.fixtures.Commands.ISTANBUL;
import static io.sahabot.reservation.fixtures.Commands.book;
import static io.sahabot.reservation.fixtures.Commands.customer;
import static io.sahabot.reservation.fixtures.Commands.nextMondayAt;
import static io.sahabot.reservation.fixtures.TenantFixtures.tenant;
import static org.assertj.core.api.Assertions.assertThat;

import io.sahabot.reservation.fixtures.Commands;
import io.sahabot.reservation.fixtures.Events;
import io.sahabot.reservation.fixtures.Http;
import io.sahabot.schemas.Json;
import io.sahabot.schemas.reservation.CustomerRef;
import io.sahabot.schemas.reservation.RequestReservation;
import io.sahabot.schemas.reservation.ReservationConfirmed;
import io.sahabot.schemas.reservation.ReservationEvent;
import io.sahabot.schemas.reservation.ReservationRejected;
import io.sahabot.testsupport.IntegrationTest;
import io.sahabot.testsupport.SahaBotInfrastructure;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Instant;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.springframework.boot.test.web.server.LocalServerPort;
import tools.jackson.databind.JsonNode;

/**
 * A customer's data rights on reservation-service, on the real broker and database: the export, an
 * erasure refused while bookings are upcoming, an erasure that leaves every report's totals as they
 * were and the customer's phone and name in no table, and a command issued before the erasure that
 * never creates the customer again.
 */
@IntegrationTest
class CustomerDataIT {

  static final String AHMET = "905454031918";
  static final String AHMET_NAME = "Ahmet Kvkkoğlu";
  static final String MEHMET = "905320001122";
  static final String MEHMET_NAME = "Mehmet Kalıcı";

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
  void anErasureKeepsEveryReportsTotalsAndLeavesNoPersonalDataInAnyTable() throws Exception {
    UUID business = tenant().named("Veri Halı Saha").create();
    RequestReservation at20 = book(business, AHMET, AHMET_NAME, nextMondayAt(20));
    RequestReservation at21 = book(business, AHMET, AHMET_NAME, nextMondayAt(21));
    RequestReservation at19 = book(business, MEHMET, MEHMET_NAME, nextMondayAt(19));
    commands.sendAll(List.of(at20, at21, at19));
    for (var c : List.of(at20, at21, at19)) {
      assertThat(events.<ReservationEvent>awaitAnswer(c.commandId()))
          .isInstanceOf(ReservationConfirmed.class);
    }
    String base = "/internal/tenants/" + business;

    JsonNode export = json("GET", base + "/customers/data?user=" + AHMET);
    assertThat(export.get("customers")).hasSize(1);
    assertThat(export.get("customers").get(0).get("name").asString()).isEqualTo(AHMET_NAME);
    assertThat(export.get("reservations")).hasSize(2);

    JsonNode refused = json("POST", base + "/customers/erasure?user=" + AHMET);
    assertThat(refused.get("erased").asBoolean()).isFalse();
    assertThat(refused.get("upcoming")).hasSize(2);
    assertThat(rowsNaming(business, AHMET)).isNotEmpty();

    // the games are played: two weeks earlier
    shiftIntoThePast(business, 14);
    LocalDate played = nextMondayAt(20).atZone(ISTANBUL).toLocalDate().minusDays(14);
    Map<String, JsonNode> before = reports(base, played);

    JsonNode erased = json("POST", base + "/customers/erasure?user=" + AHMET);
    Instant erasedAt = Instant.now();

    assertThat(erased.get("erased").asBoolean()).isTrue();
    assertThat(erased.get("customers").asLong()).isEqualTo(1);
    assertThat(erased.get("reservations").asLong()).isEqualTo(2);
    assertThat(erased.get("outcomes").asLong()).isEqualTo(2);
    Map<String, JsonNode> after = reports(base, played);
    assertThat(after.get("stats")).isEqualTo(before.get("stats"));
    assertThat(after.get("sales")).isEqualTo(before.get("sales"));
    assertThat(after.get("monthly")).isEqualTo(before.get("monthly"));
    assertThat(after.get("peaks")).isEqualTo(before.get("peaks"));
    assertThat(counts(after.get("loyal"))).isEqualTo(counts(before.get("loyal")));
    assertThat(rowsNaming(business, AHMET)).isEmpty();
    assertThat(rowsNaming(business, AHMET_NAME)).isEmpty();
    assertThat(rowsNaming(business, MEHMET)).isNotEmpty(); // the search does find what is there
    assertThat(json("GET", base + "/customers/data?user=" + AHMET).get("customers")).isEmpty();

    // a request issued before the erasure, delivered only now (a replay), creates nobody
    RequestReservation replayed =
        new RequestReservation(
            UUID.randomUUID().toString(),
            erasedAt.minusSeconds(60),
            business,
            UUID.randomUUID().toString(),
            customer(AHMET),
            new CustomerRef(AHMET_NAME, AHMET, AHMET),
            null,
            nextMondayAt(22),
            nextMondayAt(23));
    commands.send(replayed);
    ReservationRejected rejected = events.awaitAnswer(replayed.commandId());
    assertThat(rejected.detail()).contains("erased");
    assertThat(rowsNaming(business, AHMET)).isEmpty();

    // the customer writing again afterwards is a new customer
    RequestReservation fresh = book(business, AHMET, AHMET_NAME, nextMondayAt(22));
    commands.send(fresh);
    assertThat(events.<ReservationEvent>awaitAnswer(fresh.commandId()))
        .isInstanceOf(ReservationConfirmed.class);
    assertThat(json("GET", base + "/customers/data?user=" + AHMET).get("customers")).hasSize(1);
  }

  @Test
  void theMonthlyReportCountsFieldsSlotsNoShowsAndCancellationsAndComesAsCsv() throws Exception {
    UUID business = tenant().fields("Saha 1", "Saha 2").create();
    RequestReservation a = book(business, AHMET, AHMET_NAME, nextMondayAt(20));
    RequestReservation b =
        Commands.request(
            business, customer(MEHMET), MEHMET_NAME, MEHMET, "Saha 2", nextMondayAt(20), 2);
    RequestReservation c = book(business, "905330004455", "Veli", nextMondayAt(18));
    commands.sendAll(List.of(a, b, c));
    events.awaitAnswer(a.commandId());
    events.awaitAnswer(b.commandId());
    ReservationConfirmed veli = events.awaitAnswer(c.commandId());
    var cancelIt = Commands.cancel(business, customer("905330004455"), veli.reservation().id());
    commands.send(cancelIt);
    events.awaitAnswer(cancelIt.commandId());
    LocalDate monday = nextMondayAt(20).atZone(ISTANBUL).toLocalDate();
    String month = monday.getYear() + "-" + String.format("%02d", monday.getMonthValue());
    long mondays =
        monday
            .withDayOfMonth(1)
            .datesUntil(monday.withDayOfMonth(monday.lengthOfMonth()).plusDays(1))
            .filter(d -> d.getDayOfWeek() == java.time.DayOfWeek.MONDAY)
            .count();

    JsonNode r = json("GET", "/internal/tenants/" + business + "/reports/monthly?month=" + month);

    assertThat(r.get("reservations").asLong()).isEqualTo(2);
    assertThat(r.get("hoursSold").asString()).isEqualTo("3.00");
    assertThat(r.get("revenue").asString()).isEqualTo("3000.00");
    assertThat(r.get("cancellations").asLong()).isEqualTo(1);
    assertThat(r.get("noShows").asLong()).isZero();
    assertThat(r.get("openHours").asString())
        .isEqualTo(monday.lengthOfMonth() * 15 * 2 + ".00"); // 09:00-24:00, two fields
    assertThat(r.get("fields").get(0).get("field").asString()).isEqualTo("Saha 1");
    assertThat(r.get("fields").get(0).get("revenue").asString()).isEqualTo("1000.00");
    assertThat(r.get("fields").get(1).get("hoursSold").asString()).isEqualTo("2.00");
    JsonNode monday20 = slot(r, "MONDAY", 20);
    assertThat(monday20.get("hoursSold").asString()).isEqualTo("2.00"); // one on each field
    assertThat(monday20.get("openHours").asString()).isEqualTo(mondays * 2 + ".00");
    assertThat(slot(r, "MONDAY", 21).get("hoursSold").asString()).isEqualTo("1.00");
    assertThat(slot(r, "MONDAY", 18).get("hoursSold").asString()).isEqualTo("0.00");
    assertThat(r.get("slots").findValuesAsString("hour")).doesNotContain("3"); // closed at 03:00

    HttpResponse<byte[]> csv =
        new Http(port)
            .get(
                "/internal/tenants/" + business + "/reports/monthly.csv?month=" + month,
                Http.TENANT_SERVICE_TOKEN);
    String text = new String(csv.body(), java.nio.charset.StandardCharsets.UTF_8);
    assertThat(csv.statusCode()).isEqualTo(200);
    assertThat(csv.headers().firstValue("Content-Type"))
        .hasValueSatisfying(t -> assertThat(t).startsWith("text/csv"));
    assertThat(text.split("\r\n")[0])
        .isEqualTo(
            "section,name,weekday,hour,reservations,hours_sold,open_hours,occupancy_rate,revenue,currency");
    assertThat(text)
        .contains("\r\ntotal," + month + ",,,2,3.00,")
        .contains("\r\nfield,Saha 2,,,1,2.00,,,2000.00,TRY\r\n")
        .contains("\r\nslot,,MONDAY,20,,2.00," + mondays * 2 + ".00,")
        .contains("\r\ncancellations,,,,1,,,,,\r\n");
    assertThat(
            new Http(port)
                .get("/internal/tenants/" + business + "/reports/monthly?month=2026-13")
                .statusCode())
        .isEqualTo(400);
  }

  private static JsonNode slot(JsonNode report, String weekday, int hour) {
    for (JsonNode s : report.get("slots")) {
      if (s.get("weekday").asString().equals(weekday) && s.get("hour").asInt() == hour) {
        return s;
      }
    }
    throw new AssertionError("no slot " + weekday + " " + hour + " in " + report);
  }

  private Map<String, JsonNode> reports(String base, LocalDate day) throws Exception {
    String range = "?from=" + day.withDayOfMonth(1) + "&to=" + day;
    String month = day.getYear() + "-" + String.format("%02d", day.getMonthValue());
    Map<String, JsonNode> out = new LinkedHashMap<>();
    out.put("stats", json("GET", base + "/stats"));
    out.put("sales", json("GET", base + "/reports/sales" + range));
    out.put("loyal", json("GET", base + "/reports/loyal-customers" + range));
    out.put("peaks", json("GET", base + "/reports/peak-hours" + range));
    out.put("monthly", json("GET", base + "/reports/monthly?month=" + month));
    return out;
  }

  /** Each loyal customer's bookings, hours and spend, without who they are. */
  private static List<String> counts(JsonNode loyal) {
    List<String> out = new ArrayList<>();
    for (JsonNode c : loyal.get("customers")) {
      out.add(c.get("bookings") + "/" + c.get("hours") + "/" + c.get("spend"));
    }
    return out;
  }

  private JsonNode json(String method, String path) throws Exception {
    String token = path.endsWith("/stats") ? Http.TENANT_SERVICE_TOKEN : Http.AGENT_TOKEN;
    HttpRequest request =
        HttpRequest.newBuilder(URI.create("http://localhost:" + port + path))
            .header("Authorization", "Bearer " + token)
            .method(method, HttpRequest.BodyPublishers.noBody())
            .build();
    HttpResponse<String> response =
        HttpClient.newHttpClient().send(request, HttpResponse.BodyHandlers.ofString());
    assertThat(response.statusCode()).as(path + ": " + response.body()).isEqualTo(200);
    return Json.mapper().readTree(response.body());
  }

  /**
   * Every row of the tenant, in every table with a {@code tenant_id} (read as the schema owner,
   * past row-level security), whose text contains {@code needle}, as {@code table: row}.
   */
  static List<String> rowsNaming(UUID tenant, String needle) throws SQLException {
    List<String> found = new ArrayList<>();
    try (Connection c = SahaBotInfrastructure.get().database().connectAsOwner()) {
      List<String> tables = new ArrayList<>();
      try (PreparedStatement s =
              c.prepareStatement(
                  "SELECT table_name FROM information_schema.columns WHERE table_schema ="
                      + " 'public' AND column_name = 'tenant_id' AND table_name IN (SELECT"
                      + " table_name FROM information_schema.tables WHERE table_type = 'BASE"
                      + " TABLE')");
          ResultSet rs = s.executeQuery()) {
        while (rs.next()) {
          tables.add(rs.getString(1));
        }
      }
      assertThat(tables).contains("customers", "reservations", "reservation_outcomes");
      for (String table : tables) {
        try (PreparedStatement s =
            c.prepareStatement(
                "SELECT t::text FROM "
                    + table
                    + " t WHERE t.tenant_id = ? AND lower(t::text) LIKE lower(?)")) {
          s.setObject(1, tenant);
          s.setString(2, "%" + needle + "%");
          try (ResultSet rs = s.executeQuery()) {
            while (rs.next()) {
              found.add(table + ": " + rs.getString(1));
            }
          }
        }
      }
    }
    return found;
  }

  private static void shiftIntoThePast(UUID tenant, int days) throws SQLException {
    try (Connection c = SahaBotInfrastructure.get().database().connectAsOwner();
        PreparedStatement s =
            c.prepareStatement(
                "UPDATE reservations SET start_time = start_time - make_interval(days => ?),"
                    + " end_time = end_time - make_interval(days => ?) WHERE tenant_id = ?")) {
      s.setInt(1, days);
      s.setInt(2, days);
      s.setObject(3, tenant);
      assertThat(s.executeUpdate()).isPositive();
    }
  }
}
