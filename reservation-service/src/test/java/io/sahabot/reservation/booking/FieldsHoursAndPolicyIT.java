package io.sahabot.reservation.booking;

import static io.sahabot.reservation.fixtures.Commands.book;
import static io.sahabot.reservation.fixtures.Commands.cancel;
import static io.sahabot.reservation.fixtures.Commands.customer;
import static io.sahabot.reservation.fixtures.Commands.move;
import static io.sahabot.reservation.fixtures.Commands.nextMondayAt;
import static io.sahabot.reservation.fixtures.Commands.owner;
import static io.sahabot.reservation.fixtures.Commands.request;
import static io.sahabot.reservation.fixtures.TenantFixtures.tenant;
import static org.assertj.core.api.Assertions.assertThat;

import io.sahabot.platform.tenants.TenantSnapshots;
import io.sahabot.reservation.fixtures.Commands;
import io.sahabot.reservation.fixtures.Events;
import io.sahabot.reservation.fixtures.TenantFixtures;
import io.sahabot.reservation.queries.QueryService;
import io.sahabot.reservation.reports.MonthlyReports;
import io.sahabot.schemas.reservation.CustomerRef;
import io.sahabot.schemas.reservation.RejectionReason;
import io.sahabot.schemas.reservation.RequestReservation;
import io.sahabot.schemas.reservation.ReservationCancelled;
import io.sahabot.schemas.reservation.ReservationConfirmed;
import io.sahabot.schemas.reservation.ReservationEvent;
import io.sahabot.schemas.reservation.ReservationMoved;
import io.sahabot.schemas.reservation.ReservationRejected;
import io.sahabot.schemas.reservation.query.FieldAvailability;
import io.sahabot.schemas.reservation.query.MonthlyReport;
import io.sahabot.schemas.reservation.query.Sales;
import io.sahabot.schemas.tenant.FieldSpec;
import io.sahabot.schemas.tenant.OpeningHours;
import io.sahabot.schemas.tenant.PeakPrice;
import io.sahabot.schemas.tenant.SpecialDay;
import io.sahabot.testsupport.IntegrationTest;
import java.math.BigDecimal;
import java.time.DayOfWeek;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.time.YearMonth;
import java.util.List;
import java.util.Set;
import java.util.UUID;
import org.awaitility.Awaitility;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;

/**
 * Fields as they are (stable ids, sizes, own prices), opening hours past midnight, closed dates and
 * holiday hours, and the customers' cancellation notice, decided by the running service on the real
 * broker and database.
 */
@IntegrationTest
class FieldsHoursAndPolicyIT {

  static final String AHMET = "905454031918";
  static final String MEHMET = "905321112233";
  static Commands commands;
  static Events events;

  @Autowired TenantSnapshots snapshots;
  @Autowired QueryService queries;
  @Autowired MonthlyReports monthly;

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
  void renamingAFieldKeepsItsBookingsSoTheSameHourIsNotSoldTwice() {
    TenantFixtures business =
        tenant()
            .fieldDetails(
                new FieldSpec("saha-1", "Saha 1", "7+7", null, List.of()),
                new FieldSpec("saha-2", "Saha 2", "5+5", null, List.of()));
    UUID id = business.create();
    Instant monday20 = nextMondayAt(20);
    RequestReservation first = request(id, customer(AHMET), "Ahmet", AHMET, "Saha 1", monday20, 1);
    commands.send(first);
    ReservationConfirmed booked = events.awaitAnswer(first.commandId());
    assertThat(booked.reservation().field()).isEqualTo("Saha 1");

    // the owner renames Saha 1 to Ana Saha: the same id, a new name
    TenantFixtures renamed =
        business.fieldDetails(
            new FieldSpec("saha-1", "Ana Saha", "7+7", null, List.of()),
            new FieldSpec("saha-2", "Saha 2", "5+5", null, List.of()));
    TenantFixtures.publish(renamed.snapshot(id, 2));
    awaitVersion(id, 2);

    RequestReservation second =
        request(id, customer(MEHMET), "Mehmet", MEHMET, "Ana Saha", monday20, 1);
    commands.send(second);
    ReservationRejected taken = events.awaitAnswer(second.commandId());
    assertThat(taken.reason()).isEqualTo(RejectionReason.OVERLAP);
    assertThat(taken.detail()).contains("Ana Saha");
    RequestReservation old = request(id, customer(MEHMET), "Mehmet", MEHMET, "Saha 1", monday20, 1);
    commands.send(old);
    assertThat(events.<ReservationRejected>awaitAnswer(old.commandId()).reason())
        .as("the old name is no field any more")
        .isEqualTo(RejectionReason.UNKNOWN_FIELD);

    // what tenant-service asks before removing a field: its bookings to come, by stable id
    LocalDate today = LocalDate.now(Commands.ISTANBUL);
    assertThat(queries.upcoming(id, "saha-1", today, today.plusDays(30)).block().reservations())
        .extracting(r -> r.id())
        .containsExactly(booked.reservation().id());
    assertThat(queries.upcoming(id, "saha-2", today, today.plusDays(30)).block().reservations())
        .isEmpty();

    var cancelled = cancel(id, owner(), booked.reservation().id());
    commands.send(cancelled);
    assertThat(
            events.<ReservationCancelled>awaitAnswer(cancelled.commandId()).reservation().field())
        .isEqualTo("Ana Saha");
    var reservations =
        queries
            .reservations(id, LocalDate.now().minusDays(1), LocalDate.now().plusDays(10))
            .block();
    assertThat(reservations.reservations()).extracting(r -> r.field()).containsOnly("Ana Saha");
  }

  @Test
  void twoFieldsWithDifferentPrices() {
    UUID id =
        tenant()
            .fieldDetails(
                new FieldSpec(
                    "buyuk",
                    "Büyük Saha",
                    "7+7",
                    new BigDecimal("1500.00"),
                    List.of(
                        new PeakPrice(
                            Set.of(DayOfWeek.values()), "21:00", "24:00", new BigDecimal("1800")))),
                new FieldSpec("kucuk", "Küçük Saha", "5+5", null, List.of()))
            .create();
    Instant monday20 = nextMondayAt(20);
    Instant monday21 = nextMondayAt(21);

    var big = request(id, customer(AHMET), "Ahmet", AHMET, "Büyük Saha", monday20, 1);
    var bigPeak = request(id, customer(AHMET), "Ahmet", AHMET, "buyuk", monday21, 1);
    var small = request(id, customer(MEHMET), "Mehmet", MEHMET, "Küçük Saha", monday20, 1);
    commands.sendAll(List.of(big, bigPeak, small));

    assertThat(events.<ReservationConfirmed>awaitAnswer(big.commandId()).reservation().price())
        .isEqualByComparingTo("1500.00");
    assertThat(events.<ReservationConfirmed>awaitAnswer(bigPeak.commandId()).reservation().price())
        .isEqualByComparingTo("1800.00");
    ReservationConfirmed smallBooked = events.awaitAnswer(small.commandId());
    assertThat(smallBooked.reservation().price()).isEqualByComparingTo("1000.00");
    assertThat(smallBooked.reservation().field()).isEqualTo("Küçük Saha");

    var availability =
        queries.availability(id, LocalDate.ofInstant(monday20, Commands.ISTANBUL), null).block();
    assertThat(availability.fields())
        .extracting(
            FieldAvailability::field, FieldAvailability::size, f -> f.pricePerHour().intValue())
        .containsExactly(
            org.assertj.core.groups.Tuple.tuple("Büyük Saha", "7+7", 1500),
            org.assertj.core.groups.Tuple.tuple("Küçük Saha", "5+5", 1000));
    assertThat(availability.fields().get(0).free())
        .noneMatch(s -> s.start().equals(monday20) || s.start().equals(monday21));
  }

  @Test
  void aBookingAt0100OnA0900To0200DayBelongsToThatDay() {
    UUID id = tenant().hours("09:00", "02:00").create();
    Instant tuesday01 = nextMondayAt(1).plus(Duration.ofDays(1));
    Instant tuesday02 = tuesday01.plus(Duration.ofHours(1));

    var night = book(id, AHMET, "Ahmet", tuesday01);
    var tooLate = book(id, MEHMET, "Mehmet", tuesday02);
    commands.sendAll(List.of(night, tooLate));

    assertThat(events.<ReservationConfirmed>awaitAnswer(night.commandId()).reservation().start())
        .isEqualTo(tuesday01);
    ReservationRejected closed = events.awaitAnswer(tooLate.commandId());
    assertThat(closed.reason()).isEqualTo(RejectionReason.CLOSED);

    // the free slots of Monday run to 02:00 of Tuesday; the 01:00 one is taken on Saha 1
    LocalDate monday = LocalDate.ofInstant(nextMondayAt(12), Commands.ISTANBUL);
    var fields = queries.availability(id, monday, null).block().fields();
    var other = fields.get(1).free();
    assertThat(other.get(other.size() - 1).end()).isEqualTo(tuesday02);
    assertThat(fields.get(0).free()).noneMatch(s -> s.start().equals(tuesday01));
  }

  @Test
  void aClosedDateRefusesBookingsAndAHolidayHasItsOwnHours() {
    LocalDate monday = LocalDate.ofInstant(nextMondayAt(12), Commands.ISTANBUL);
    LocalDate tuesday = monday.plusDays(1);
    UUID id =
        tenant()
            .hours("09:00", "02:00")
            .specialDay(SpecialDay.closed(monday, monday, "Yılbaşı"))
            .specialDay(
                new SpecialDay(
                    tuesday.toString(), null, new OpeningHours("12:00", "20:00"), "Bayram"))
            .create();
    Instant monday20 = nextMondayAt(20);
    Instant mondayNight = nextMondayAt(1).plus(Duration.ofDays(1)); // Monday's night: closed too
    Instant tuesday13 = nextMondayAt(13).plus(Duration.ofDays(1));
    Instant tuesday21 = nextMondayAt(21).plus(Duration.ofDays(1));

    var closedDay = book(id, AHMET, "Ahmet", monday20);
    var closedNight = book(id, AHMET, "Ahmet", mondayNight);
    var holiday = book(id, AHMET, "Ahmet", tuesday13);
    var afterHoliday = book(id, MEHMET, "Mehmet", tuesday21);
    commands.sendAll(List.of(closedDay, closedNight, holiday, afterHoliday));

    ReservationRejected refused = events.awaitAnswer(closedDay.commandId());
    assertThat(refused.reason()).isEqualTo(RejectionReason.CLOSED);
    assertThat(refused.detail()).isEqualTo("closed on " + monday);
    assertThat(events.<ReservationRejected>awaitAnswer(closedNight.commandId()).reason())
        .isEqualTo(RejectionReason.CLOSED);
    assertThat(events.<ReservationEvent>awaitAnswer(holiday.commandId()))
        .isInstanceOf(ReservationConfirmed.class);
    assertThat(events.<ReservationRejected>awaitAnswer(afterHoliday.commandId()).reason())
        .isEqualTo(RejectionReason.CLOSED);
    assertThat(queries.availability(id, monday, null).block().fields())
        .allSatisfy(f -> assertThat(f.free()).isEmpty());
  }

  @Test
  void aCustomerCannotCancelWithinTheNoticeButTheOwnerCan() {
    UUID id = tenant().cancellationNoticeHours(720).create();
    var booking = book(id, AHMET, "Ahmet", nextMondayAt(20));
    commands.send(booking);
    long reservation =
        events.<ReservationConfirmed>awaitAnswer(booking.commandId()).reservation().id();

    var late = cancel(id, customer(AHMET), reservation);
    commands.send(late);
    ReservationRejected refused = events.awaitAnswer(late.commandId());
    assertThat(refused.reason()).isEqualTo(RejectionReason.TOO_LATE);
    assertThat(refused.detail()).contains("720 hours");

    var byOwner = cancel(id, owner(), reservation);
    commands.send(byOwner);
    assertThat(events.<ReservationEvent>awaitAnswer(byOwner.commandId()))
        .isInstanceOf(ReservationCancelled.class);
  }

  @Test
  void aCustomerCannotMoveAReservationWithinTheNoticeButTheOwnerCan() {
    // notice: 10 days. Booked two weeks after next Monday: outside it
    UUID id = tenant().cancellationNoticeHours(240).create();
    var booking = book(id, AHMET, "Ahmet", nextMondayAt(20).plus(Duration.ofDays(14)));
    commands.send(booking);
    long reservation =
        events.<ReservationConfirmed>awaitAnswer(booking.commandId()).reservation().id();

    // moving it to a time inside the notice is allowed (the customer could book that slot)
    var closer = move(id, customer(AHMET), reservation, null, nextMondayAt(21));
    commands.send(closer);
    assertThat(events.<ReservationMoved>awaitAnswer(closer.commandId()).reservation().start())
        .isEqualTo(nextMondayAt(21));

    // now its start is inside the notice: the customer may no longer move it, as for a cancel
    var late = move(id, customer(AHMET), reservation, null, nextMondayAt(22));
    commands.send(late);
    ReservationRejected refused = events.awaitAnswer(late.commandId());
    assertThat(refused.reason()).isEqualTo(RejectionReason.TOO_LATE);
    assertThat(refused.detail()).contains("240 hours");

    var byOwner = move(id, owner(), reservation, null, nextMondayAt(22));
    commands.send(byOwner);
    assertThat(events.<ReservationMoved>awaitAnswer(byOwner.commandId()).reservation().start())
        .isEqualTo(nextMondayAt(22));
  }

  @Test
  void aBlockedSlotIsTakenButNotSoldWhileABookingIs() {
    UUID id = tenant().create();
    Instant monday20 = nextMondayAt(20);
    Instant monday15 = nextMondayAt(15);
    LocalDate monday = LocalDate.ofInstant(monday20, Commands.ISTANBUL);
    YearMonth month = YearMonth.from(monday);
    var booking = book(id, AHMET, "Ahmet", monday20);
    commands.send(booking);
    events.<ReservationConfirmed>awaitAnswer(booking.commandId());
    Sales salesBefore = queries.sales(id, monday, monday).block();
    MonthlyReport monthBefore = monthly.report(id, month).block();
    var statsBefore = queries.stats(id).block();
    assertThat(salesBefore.reservations()).isEqualTo(1);

    // "pazartesi 15-17 bakım": the owner blocks two hours
    RequestReservation block =
        new RequestReservation(
            UUID.randomUUID().toString(),
            Instant.now(),
            id,
            UUID.randomUUID().toString(),
            owner(),
            CustomerRef.block("Bakım"),
            null,
            monday15,
            monday15.plus(Duration.ofHours(2)));
    commands.send(block);
    ReservationConfirmed blocked = events.awaitAnswer(block.commandId());
    assertThat(blocked.reservation().customer().isBlock()).isTrue();
    // no customer, reservation or revenue more in the stats (its marker customer is nobody)
    assertThat(queries.stats(id).block()).isEqualTo(statsBefore);

    // taken: refused to a customer, not free in availability
    var onTheBlock = book(id, MEHMET, "Mehmet", monday15.plus(Duration.ofHours(1)));
    commands.send(onTheBlock);
    assertThat(events.<ReservationRejected>awaitAnswer(onTheBlock.commandId()).reason())
        .isEqualTo(RejectionReason.OVERLAP);
    assertThat(queries.availability(id, monday, null).block().fields().get(0).free())
        .noneMatch(s -> s.start().equals(monday15) || s.start().equals(monday15.plusSeconds(3600)));

    // not sold: the sales, the monthly report, the stats and the loyal customers are as before
    assertThat(queries.sales(id, monday, monday).block()).isEqualTo(salesBefore);
    assertThat(monthly.report(id, month).block()).isEqualTo(monthBefore);
    assertThat(queries.loyalCustomers(id, monday, monday, 10).block().customers())
        .extracting(c -> c.name())
        .containsExactly("Ahmet");
    assertThat(queries.peakHours(id, monday, monday).block().hours())
        .extracting(h -> h.hour())
        .containsExactly(20);

    // a booking is sold
    var another = book(id, MEHMET, "Mehmet", nextMondayAt(18));
    commands.send(another);
    events.<ReservationConfirmed>awaitAnswer(another.commandId());
    assertThat(queries.sales(id, monday, monday).block().reservations()).isEqualTo(2);
    assertThat(monthly.report(id, month).block().reservations())
        .isEqualTo(monthBefore.reservations() + 1);
    assertThat(queries.stats(id).block().totalReservations())
        .isEqualTo(statsBefore.totalReservations() + 1);
  }

  private void awaitVersion(UUID tenant, long version) {
    Awaitility.await()
        .atMost(Duration.ofSeconds(30))
        .until(() -> snapshots.get(tenant).map(s -> s.version() >= version).orElse(false));
  }
}
