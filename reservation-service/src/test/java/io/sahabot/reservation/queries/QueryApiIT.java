package io.sahabot.reservation.queries;

import static io.sahabot.reservation.fixtures.Commands.ISTANBUL;
import static io.sahabot.reservation.fixtures.Commands.book;
import static io.sahabot.reservation.fixtures.Commands.cancel;
import static io.sahabot.reservation.fixtures.Commands.customer;
import static io.sahabot.reservation.fixtures.Commands.nextMondayAt;
import static io.sahabot.reservation.fixtures.TenantFixtures.tenant;
import static org.assertj.core.api.Assertions.assertThat;

import io.sahabot.reservation.fixtures.Commands;
import io.sahabot.reservation.fixtures.Events;
import io.sahabot.reservation.fixtures.Http;
import io.sahabot.reservation.table.TableLayout;
import io.sahabot.schemas.reservation.RequestReservation;
import io.sahabot.schemas.reservation.ReservationConfirmed;
import io.sahabot.schemas.reservation.ReservationEvent;
import io.sahabot.testsupport.IntegrationTest;
import io.sahabot.testsupport.SahaBotInfrastructure;
import java.awt.image.BufferedImage;
import java.io.ByteArrayInputStream;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.SQLException;
import java.time.LocalDate;
import java.util.List;
import java.util.UUID;
import javax.imageio.ImageIO;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.springframework.boot.test.web.server.LocalServerPort;
import tools.jackson.databind.JsonNode;

@IntegrationTest
class QueryApiIT {

  static final String AHMET = "905454031918";
  static final String MEHMET = "905320001122";
  static final String VELI = "905330004455";
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

  /** Ahmet books Monday 20:00 and 21:00 on Saha 1; Mehmet books 19:00 and cancels it. */
  UUID businessWithAWeek() {
    UUID business = tenant().named("Yıldız Halı Saha Şişli").create();
    RequestReservation at20 = book(business, AHMET, "Ahmet Çelik", nextMondayAt(20));
    RequestReservation at21 = book(business, AHMET, "Ahmet Çelik", nextMondayAt(21));
    RequestReservation at19 = book(business, MEHMET, "Mehmet", nextMondayAt(19));
    commands.sendAll(List.of(at20, at21, at19));
    await(at20.commandId());
    await(at21.commandId());
    ReservationConfirmed mehmets = await(at19.commandId());
    var cancelIt = cancel(business, customer(MEHMET), mehmets.reservation().id());
    commands.send(cancelIt);
    await(cancelIt.commandId());
    return business;
  }

  static <E extends ReservationEvent> E await(String commandId) {
    return events.awaitAnswer(commandId);
  }

  static LocalDate monday() {
    return nextMondayAt(20).atZone(ISTANBUL).toLocalDate();
  }

  @Test
  void neverShowsAnotherTenantsRows() {
    UUID busy = businessWithAWeek();
    UUID empty = tenant().create();
    Http http = new Http(port);
    String week = "?from=" + monday() + "&to=" + monday().plusDays(6);

    assertThat(http.json("/internal/tenants/" + busy + "/reservations" + week).get("reservations"))
        .hasSize(3);
    assertThat(http.json("/internal/tenants/" + empty + "/reservations" + week).get("reservations"))
        .isEmpty();
    assertThat(http.json("/internal/tenants/" + empty + "/customers?q=Ahmet")).isEmpty();
    assertThat(http.json("/internal/tenants/" + empty + "/customers?q=" + AHMET)).isEmpty();
    assertThat(http.json("/internal/tenants/" + empty + "/customers/reservations?user=" + AHMET))
        .isEmpty();
    JsonNode stats = http.json("/internal/tenants/" + empty + "/stats");
    assertThat(stats.get("totalReservations").asLong()).isZero();
    assertThat(stats.get("totalCustomers").asLong()).isZero();
  }

  @Test
  void answersStatsSearchesAndACustomersReservations() {
    UUID business = businessWithAWeek();
    Http http = new Http(port);

    JsonNode stats = http.json("/internal/tenants/" + business + "/stats");
    JsonNode found = http.json("/internal/tenants/" + business + "/customers?q=ahmet");
    JsonNode byPhone = http.json("/internal/tenants/" + business + "/customers?q=0545%20403");
    JsonNode mine =
        http.json("/internal/tenants/" + business + "/customers/reservations?user=" + AHMET);

    assertThat(stats.get("totalCustomers").asLong()).isEqualTo(2);
    assertThat(stats.get("totalReservations").asLong()).isEqualTo(3);
    assertThat(stats.get("activeReservations").asLong()).isEqualTo(2);
    assertThat(stats.get("totalRevenue").asString()).isEqualTo("2000.00");
    assertThat(stats.get("currency").asString()).isEqualTo("TRY");
    assertThat(found).hasSize(1);
    assertThat(found.get(0).get("name").asString()).isEqualTo("Ahmet Çelik");
    assertThat(byPhone).hasSize(1);
    assertThat(mine).hasSize(2);
  }

  @Test
  void reportsSalesLoyaltyCancellationsAndPeakHours() {
    UUID business = businessWithAWeek();
    Http http = new Http(port);
    String day = "?from=" + monday() + "&to=" + monday();
    String base = "/internal/tenants/" + business + "/reports/";

    JsonNode sales = http.json(base + "sales" + day);
    JsonNode loyal = http.json(base + "loyal-customers" + day);
    JsonNode cancellations = http.json(base + "cancellations" + day);
    JsonNode peaks = http.json(base + "peak-hours" + day);

    assertThat(sales.get("reservations").asLong()).isEqualTo(2);
    assertThat(sales.get("hoursSold").asString()).isEqualTo("2.00");
    assertThat(sales.get("revenue").asString()).isEqualTo("2000.00");
    assertThat(sales.get("openHours").asString()).isEqualTo("30.00"); // 15 h x 2 fields
    assertThat(sales.get("occupancyRate").asString()).isEqualTo("0.0667");
    assertThat(loyal.get("customers").get(0).get("name").asString()).isEqualTo("Ahmet Çelik");
    assertThat(loyal.get("customers").get(0).get("bookings").asLong()).isEqualTo(2);
    assertThat(loyal.get("customers").get(0).get("spend").asString()).isEqualTo("2000.00");
    JsonNode canceller = cancellations.get("customers").get(0);
    assertThat(canceller.get("name").asString()).isEqualTo("Mehmet");
    assertThat(canceller.get("cancellations").asLong()).isEqualTo(1);
    assertThat(canceller.get("cancellationRate").asString()).isEqualTo("1.0000");
    assertThat(peaks.get("hours")).hasSize(2);
    assertThat(peaks.get("hours").get(0).get("weekday").asString()).isEqualTo("MONDAY");
    assertThat(peaks.get("hours").get(0).get("hour").asInt()).isEqualTo(20);
  }

  @Test
  void aNoShowIsNeitherSoldNorAVisitAndCountsAmongTheCancellers() {
    UUID business = businessWithAWeek();
    RequestReservation ahmetAt17 = book(business, AHMET, "Ahmet Çelik", nextMondayAt(17));
    RequestReservation veliAt18 = book(business, VELI, "Veli", nextMondayAt(18));
    commands.sendAll(List.of(ahmetAt17, veliAt18));
    markNoShow(QueryApiIT.<ReservationConfirmed>await(ahmetAt17.commandId()).reservation().id());
    markNoShow(QueryApiIT.<ReservationConfirmed>await(veliAt18.commandId()).reservation().id());
    Http http = new Http(port);
    String day = "?from=" + monday() + "&to=" + monday();
    String base = "/internal/tenants/" + business + "/reports/";

    JsonNode sales = http.json(base + "sales" + day);
    JsonNode loyal = http.json(base + "loyal-customers" + day).get("customers");
    JsonNode cancellers = http.json(base + "cancellations" + day).get("customers");
    JsonNode stats = http.json("/internal/tenants/" + business + "/stats");

    assertThat(sales.get("reservations").asLong()).isEqualTo(2);
    assertThat(sales.get("hoursSold").asString()).isEqualTo("2.00");
    assertThat(sales.get("revenue").asString()).isEqualTo("2000.00");
    assertThat(sales.get("noShows").asLong()).isEqualTo(2);
    assertThat(loyal).hasSize(1);
    assertThat(loyal.get(0).get("name").asString()).isEqualTo("Ahmet Çelik");
    assertThat(loyal.get(0).get("bookings").asLong()).isEqualTo(2);
    assertThat(cancellers)
        .extracting(c -> c.get("name").asString())
        .containsExactly("Mehmet", "Veli", "Ahmet Çelik");
    assertThat(cancellers.get(1).get("noShows").asLong()).isEqualTo(1);
    assertThat(cancellers.get(1).get("cancellations").asLong()).isZero();
    assertThat(cancellers.get(2).get("noShows").asLong()).isEqualTo(1);
    assertThat(cancellers.get(2).get("bookings").asLong()).isEqualTo(3);
    assertThat(cancellers.get(0).get("noShows").asLong()).isZero();
    assertThat(stats.get("totalRevenue").asString()).isEqualTo("2000.00");
  }

  /**
   * What a MarkNoShow decides once the reservation has started (these are next week's), written
   * past row-level security.
   */
  static void markNoShow(long reservationId) {
    try (Connection c = SahaBotInfrastructure.get().database().connectAsOwner();
        PreparedStatement s =
            c.prepareStatement("UPDATE reservations SET status = 'no_show' WHERE id = ?")) {
      s.setLong(1, reservationId);
      assertThat(s.executeUpdate()).isEqualTo(1);
    } catch (SQLException e) {
      throw new IllegalStateException(e);
    }
  }

  @Test
  void listsTheFreeSlotsOfADayPerField() {
    UUID business = businessWithAWeek();

    JsonNode availability =
        new Http(port).json("/internal/tenants/" + business + "/availability?date=" + monday());

    JsonNode saha1 = availability.get("fields").get(0);
    JsonNode saha2 = availability.get("fields").get(1);
    assertThat(saha1.get("field").asString()).isEqualTo("Saha 1");
    assertThat(saha1.get("free")).hasSize(13); // 09:00-24:00 less 20:00 and 21:00
    assertThat(saha2.get("free")).hasSize(15);
  }

  @Test
  void drawsTheReservationTableAndCachesItUntilTheReservationsChange() throws Exception {
    UUID business = businessWithAWeek();
    Http http = new Http(port);
    String path =
        "/internal/tenants/"
            + business
            + "/table.png?from="
            + monday()
            + "&to="
            + monday().plusDays(6);

    var first = http.get(path);
    var again = http.get(path);
    RequestReservation more = book(business, AHMET, "Ahmet Çelik", nextMondayAt(22));
    commands.send(more);
    await(more.commandId());
    var changed = http.get(path);

    assertThat(first.statusCode()).isEqualTo(200);
    assertThat(first.headers().firstValue("Content-Type")).contains("image/png");
    BufferedImage image = ImageIO.read(new ByteArrayInputStream(first.body()));
    TableLayout layout = new TableLayout(7, 2, 9, 15);
    assertThat(image.getWidth()).isEqualTo(layout.width());
    assertThat(image.getHeight()).isEqualTo(layout.height());
    int booked = image.getRGB(layout.cellX(0, 0) + 3, layout.cellY(20) + 3);
    int free = image.getRGB(layout.cellX(0, 1) + 3, layout.cellY(20) + 3);
    int cancelled = image.getRGB(layout.cellX(0, 0) + 3, layout.cellY(19) + 3);
    assertThat(booked).isNotEqualTo(free);
    assertThat(cancelled).isEqualTo(free);
    assertThat(again.body()).isEqualTo(first.body());
    assertThat(changed.body()).isNotEqualTo(first.body());
  }

  @Test
  void refusesCallsWithoutTheInternalTokenAndUnknownTenants() {
    Http http = new Http(port);

    var noToken = http.get("/internal/tenants/" + UUID.randomUUID() + "/stats", null);
    var wrongToken = http.get("/internal/tenants/" + UUID.randomUUID() + "/stats", "nope");
    var unknown = http.get("/internal/tenants/" + UUID.randomUUID() + "/stats");
    var unknownTable =
        http.get(
            "/internal/tenants/" + UUID.randomUUID() + "/table.png?from=2026-12-01&to=2026-12-02");
    var backwards =
        http.get(
            "/internal/tenants/" + tenant().create() + "/table.png?from=2026-12-10&to=2026-12-01");
    var missingDate = http.get("/internal/tenants/" + UUID.randomUUID() + "/availability");

    assertThat(noToken.statusCode()).isEqualTo(401);
    assertThat(wrongToken.statusCode()).isEqualTo(401);
    assertThat(unknown.statusCode()).isEqualTo(404);
    assertThat(new String(unknown.body())).contains("\"status\":404");
    assertThat(unknownTable.statusCode()).isEqualTo(404);
    assertThat(backwards.statusCode()).isEqualTo(400);
    assertThat(missingDate.statusCode()).isEqualTo(400);
    assertThat(missingDate.headers().firstValue("Content-Type"))
        .contains("application/problem+json");
  }
}
