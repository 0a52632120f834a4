package io.sahabot.reservation.booking;

import static io.sahabot.reservation.fixtures.Commands.book;
import static io.sahabot.reservation.fixtures.Commands.cancel;
import static io.sahabot.reservation.fixtures.Commands.customer;
import static io.sahabot.reservation.fixtures.Commands.owner;
import static io.sahabot.reservation.fixtures.TenantFixtures.tenant;
import static org.assertj.core.api.Assertions.assertThat;

import io.sahabot.reservation.fixtures.Commands;
import io.sahabot.reservation.fixtures.Events;
import io.sahabot.reservation.queries.QueryService;
import io.sahabot.schemas.reservation.Actor;
import io.sahabot.schemas.reservation.CancelSeries;
import io.sahabot.schemas.reservation.CustomerRef;
import io.sahabot.schemas.reservation.RejectionReason;
import io.sahabot.schemas.reservation.RequestReservation;
import io.sahabot.schemas.reservation.RequestSeries;
import io.sahabot.schemas.reservation.ReservationCancelled;
import io.sahabot.schemas.reservation.ReservationConfirmed;
import io.sahabot.schemas.reservation.ReservationRejected;
import io.sahabot.schemas.reservation.ReservationView;
import io.sahabot.schemas.reservation.SeriesBooked;
import io.sahabot.schemas.reservation.SeriesCancelled;
import io.sahabot.schemas.reservation.query.Sales;
import io.sahabot.testsupport.IntegrationTest;
import io.sahabot.testsupport.SahaBotInfrastructure;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.time.DayOfWeek;
import java.time.Instant;
import java.time.LocalDate;
import java.time.LocalTime;
import java.time.temporal.TemporalAdjusters;
import java.util.List;
import java.util.UUID;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;

/** Recurring bookings on the real broker and database, through {@code reservation.commands}. */
@IntegrationTest
class SeriesIT {

  static final String KARTAL = "905321234567";
  static final String OTHER = "905339998877";
  static Commands commands;
  static Events events;

  @Autowired QueryService queries;

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
  void aSeriesWithTwoTakenWeeksBooksTheOthersAndListsTheTakenOnesWithAlternatives() {
    UUID business = tenant().create();
    Instant tuesday21 = nextTuesdayAt(21);
    Instant week3 = plusWeeks(tuesday21, 2);
    Instant week5 = plusWeeks(tuesday21, 4);
    RequestReservation takenA = book(business, OTHER, "Başka Takım", week3);
    RequestReservation takenB = book(business, OTHER, "Başka Takım", week5);
    commands.sendAll(List.of(takenA, takenB));
    assertThat((Object) events.awaitAnswer(takenA.commandId()))
        .isInstanceOf(ReservationConfirmed.class);
    assertThat((Object) events.awaitAnswer(takenB.commandId()))
        .isInstanceOf(ReservationConfirmed.class);

    RequestSeries series = series(business, customer(KARTAL), "Kartallar", KARTAL, tuesday21, 8);
    commands.send(series);
    SeriesBooked outcome = events.awaitAnswer(series.commandId());

    assertThat(outcome.booked()).hasSize(6);
    assertThat(outcome.booked())
        .extracting(ReservationView::start)
        .containsExactly(
            tuesday21,
            plusWeeks(tuesday21, 1),
            plusWeeks(tuesday21, 3),
            plusWeeks(tuesday21, 5),
            plusWeeks(tuesday21, 6),
            plusWeeks(tuesday21, 7));
    assertThat(outcome.booked())
        .allSatisfy(
            r -> {
              assertThat(r.field()).isEqualTo("Saha 1");
              assertThat(r.customer().phone()).isEqualTo(KARTAL);
              assertThat(r.status()).isEqualTo(ReservationView.ACTIVE);
              assertThat(r.start().atZone(Commands.ISTANBUL).toLocalTime())
                  .isEqualTo(LocalTime.of(21, 0));
            });
    assertThat(outcome.notBooked()).extracting(m -> m.slot().start()).containsExactly(week3, week5);
    assertThat(outcome.notBooked())
        .allSatisfy(
            m -> {
              assertThat(m.reason()).isEqualTo(RejectionReason.OVERLAP);
              assertThat(m.alternatives()).isNotEmpty();
              assertThat(m.alternatives().get(0).field()).isEqualTo("Saha 2");
              assertThat(m.alternatives().get(0).start()).isEqualTo(m.slot().start());
            });
    assertThat(outcome.requestedBy()).isEqualTo(series.requestedBy());
    assertThat(count("SELECT count(*) FROM series_occurrences WHERE series_id = ?", outcome))
        .isEqualTo(6);
    assertThat(activeOf(business, KARTAL)).isEqualTo(6);

    // the reports count occurrences: each booked week is a reservation sold
    Sales sales =
        queries
            .sales(
                business,
                tuesday21.atZone(Commands.ISTANBUL).toLocalDate(),
                plusWeeks(tuesday21, 7).atZone(Commands.ISTANBUL).toLocalDate())
            .block(java.time.Duration.ofSeconds(30));
    assertThat(sales.reservations()).isEqualTo(6 + 2);
    assertThat(sales.hoursSold()).isEqualTo("8.00");

    // the same command again: the same answer, nothing booked twice
    commands.send(series);
    assertThat(events.awaitAnswers(series.commandId(), 2).get(1)).isEqualTo(outcome);
    assertThat(activeOf(business, KARTAL)).isEqualTo(6);
  }

  @Test
  void theOwnerBooksASeriesForANamedCustomerWhoCancelsOneWeekThenTheRest() {
    UUID business = tenant().create();
    Instant tuesday20 = nextTuesdayAt(20);
    RequestSeries series = series(business, owner(), "Kartallar", KARTAL, tuesday20, 4);
    commands.send(series);
    SeriesBooked outcome = events.awaitAnswer(series.commandId());
    assertThat(outcome.booked()).hasSize(4);
    assertThat(outcome.notBooked()).isEmpty();
    assertThat(outcome.booked())
        .allSatisfy(r -> assertThat(r.customer().name()).isEqualTo("Kartallar"));

    // one occurrence alone: an ordinary cancellation by the customer
    var one = cancel(business, customer(KARTAL), outcome.booked().get(1).id());
    commands.send(one);
    assertThat((Object) events.awaitAnswer(one.commandId()))
        .isInstanceOf(ReservationCancelled.class);

    // someone else may not cancel the series
    CancelSeries foreign = cancelSeries(business, customer(OTHER), outcome.booked().get(2).id());
    commands.send(foreign);
    ReservationRejected refused = events.awaitAnswer(foreign.commandId());
    assertThat(refused.reason()).isEqualTo(RejectionReason.FORBIDDEN);

    // the rest from the third week on
    CancelSeries rest = cancelSeries(business, customer(KARTAL), outcome.booked().get(2).id());
    commands.send(rest);
    SeriesCancelled cancelled = events.awaitAnswer(rest.commandId());
    assertThat(cancelled.cancelled())
        .extracting(ReservationView::id)
        .containsExactly(outcome.booked().get(2).id(), outcome.booked().get(3).id());
    assertThat(cancelled.seriesId()).isEqualTo(outcome.seriesId());
    assertThat(cancelled.cancelled())
        .allSatisfy(r -> assertThat(r.status()).isEqualTo(ReservationView.CANCELLED));
    assertThat(activeOf(business, KARTAL)).isEqualTo(1);
  }

  @Test
  void aSeriesOfAnotherBusinessIsNotFound() {
    UUID mine = tenant().create();
    UUID theirs = tenant().create();
    RequestSeries series = series(theirs, owner(), "Kartallar", KARTAL, nextTuesdayAt(19), 2);
    commands.send(series);
    SeriesBooked outcome = events.awaitAnswer(series.commandId());

    CancelSeries cancel = cancelSeries(mine, owner(), outcome.booked().get(0).id());
    commands.send(cancel);
    ReservationRejected rejected = events.awaitAnswer(cancel.commandId());
    assertThat(rejected.reason()).isEqualTo(RejectionReason.NOT_FOUND);
    assertThat(activeOf(theirs, KARTAL)).isEqualTo(2);
  }

  static RequestSeries series(
      UUID tenant, Actor by, String name, String phone, Instant start, int weeks) {
    return new RequestSeries(
        UUID.randomUUID().toString(),
        Instant.now(),
        tenant,
        UUID.randomUUID().toString(),
        by,
        new CustomerRef(name, phone, null),
        null,
        start,
        start.plusSeconds(3600),
        weeks);
  }

  static CancelSeries cancelSeries(UUID tenant, Actor by, long reservationId) {
    return new CancelSeries(
        UUID.randomUUID().toString(),
        Instant.now(),
        tenant,
        UUID.randomUUID().toString(),
        by,
        reservationId);
  }

  static Instant nextTuesdayAt(int hour) {
    LocalDate tuesday =
        LocalDate.now(Commands.ISTANBUL)
            .plusDays(1)
            .with(TemporalAdjusters.next(DayOfWeek.TUESDAY));
    return tuesday.atTime(LocalTime.of(hour, 0)).atZone(Commands.ISTANBUL).toInstant();
  }

  static Instant plusWeeks(Instant start, int weeks) {
    return start.atZone(Commands.ISTANBUL).plusWeeks(weeks).toInstant();
  }

  static long activeOf(UUID tenant, String phone) {
    try (Connection c = SahaBotInfrastructure.get().database().connectAsOwner();
        PreparedStatement s =
            c.prepareStatement(
                "SELECT count(*) FROM reservations r JOIN customers cu ON cu.id = r.customer_id"
                    + " WHERE r.tenant_id = ? AND cu.phone = ? AND r.status = 'active'")) {
      s.setObject(1, tenant);
      s.setString(2, phone);
      try (ResultSet rs = s.executeQuery()) {
        rs.next();
        return rs.getLong(1);
      }
    } catch (Exception e) {
      throw new IllegalStateException(e);
    }
  }

  static long count(String sql, SeriesBooked outcome) {
    try (Connection c = SahaBotInfrastructure.get().database().connectAsOwner();
        PreparedStatement s = c.prepareStatement(sql)) {
      s.setLong(1, outcome.seriesId());
      try (ResultSet rs = s.executeQuery()) {
        rs.next();
        return rs.getLong(1);
      }
    } catch (Exception e) {
      throw new IllegalStateException(e);
    }
  }
}
