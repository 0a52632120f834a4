package io.sahabot.reservation.booking;

import static io.sahabot.reservation.fixtures.Commands.book;
import static io.sahabot.reservation.fixtures.Commands.cancel;
import static io.sahabot.reservation.fixtures.Commands.customer;
import static io.sahabot.reservation.fixtures.Commands.move;
import static io.sahabot.reservation.fixtures.Commands.nextMondayAt;
import static io.sahabot.reservation.fixtures.Commands.noShow;
import static io.sahabot.reservation.fixtures.Commands.owner;
import static io.sahabot.reservation.fixtures.Commands.request;
import static io.sahabot.reservation.fixtures.TenantFixtures.tenant;
import static org.assertj.core.api.Assertions.assertThat;

import io.sahabot.reservation.fixtures.Commands;
import io.sahabot.reservation.fixtures.Events;
import io.sahabot.schemas.reservation.Actor;
import io.sahabot.schemas.reservation.CustomerRef;
import io.sahabot.schemas.reservation.RejectionReason;
import io.sahabot.schemas.reservation.RequestReservation;
import io.sahabot.schemas.reservation.ReservationCancelled;
import io.sahabot.schemas.reservation.ReservationCommand;
import io.sahabot.schemas.reservation.ReservationConfirmed;
import io.sahabot.schemas.reservation.ReservationEvent;
import io.sahabot.schemas.reservation.ReservationMarkedNoShow;
import io.sahabot.schemas.reservation.ReservationMoved;
import io.sahabot.schemas.reservation.ReservationRejected;
import io.sahabot.schemas.reservation.ReservationView;
import io.sahabot.testsupport.IntegrationTest;
import io.sahabot.testsupport.SahaBotInfrastructure;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.ThreadLocalRandom;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.serialization.StringDeserializer;
import org.apache.kafka.common.serialization.StringSerializer;
import org.awaitility.Awaitility;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;

@IntegrationTest
class BookingIT {

  static final String AHMET = "905454031918";
  static Commands commands;

  @Autowired BookingService bookings;

  static Events events;

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
  void twoBusinessesBookTheSameCustomerAtTheSameTime() {
    UUID first = tenant().phoneNumberId("699317973274146").named("Birinci Saha").create();
    UUID second = tenant().phoneNumberId("699999999999").named("İkinci Saha").create();
    Instant monday20 = nextMondayAt(20);

    RequestReservation a = book(first, AHMET, "Ahmet", monday20);
    RequestReservation b = book(second, AHMET, "Ahmet", monday20);
    commands.sendAll(List.of(a, b));

    ReservationConfirmed atFirst = events.awaitAnswer(a.commandId());
    ReservationConfirmed atSecond = events.awaitAnswer(b.commandId());
    assertThat(atFirst.tenantId()).isEqualTo(first);
    assertThat(atSecond.tenantId()).isEqualTo(second);
    assertThat(atFirst.reservation().customer().phone()).isEqualTo(AHMET);
    assertThat(atFirst.reservation().start()).isEqualTo(monday20);
    assertThat(atFirst.reservation().price()).isEqualByComparingTo("1000.00");
    assertThat(atFirst.reservation().id()).isNotEqualTo(atSecond.reservation().id());
  }

  @Test
  void oneOfAHundredConcurrentRequestsForOneSlotWins() {
    UUID business = tenant().create();
    Instant slot = nextMondayAt(20);
    List<RequestReservation> requests = new ArrayList<>();
    for (int i = 0; i < 100; i++) {
      requests.add(book(business, String.format("9055500%05d", i), "Müşteri " + i, slot));
    }

    commands.sendAll(requests);

    List<ReservationEvent> outcomes =
        requests.stream().map(r -> (ReservationEvent) events.awaitAnswer(r.commandId())).toList();
    assertThat(outcomes).filteredOn(ReservationConfirmed.class::isInstance).hasSize(1);
    List<ReservationRejected> rejected =
        outcomes.stream()
            .filter(ReservationRejected.class::isInstance)
            .map(ReservationRejected.class::cast)
            .toList();
    assertThat(rejected).hasSize(99);
    assertThat(rejected)
        .allSatisfy(
            r -> {
              assertThat(r.reason()).isEqualTo(RejectionReason.OVERLAP);
              assertThat(r.alternatives()).isNotEmpty();
              assertThat(r.alternatives().get(0).field()).isEqualTo("Saha 2");
              assertThat(r.alternatives().get(0).start()).isEqualTo(slot);
            });
    assertThat(activeReservations(business)).isEqualTo(1);
  }

  @Test
  void theSameCommandTwiceBooksOnceAndAnswersTwiceAlike() {
    UUID business = tenant().create();
    RequestReservation command = book(business, AHMET, "Ahmet", nextMondayAt(18));

    commands.send(command);
    events.awaitAnswer(command.commandId());
    commands.send(command);

    List<ReservationEvent> answers = events.awaitAnswers(command.commandId(), 2);
    assertThat(answers).hasSize(2);
    assertThat(answers.get(1)).isEqualTo(answers.get(0));
    assertThat(activeReservations(business)).isEqualTo(1);
  }

  @Test
  void twoTenantsCommandsWithTheSameIdAreEachDecided() {
    UUID first = tenant().create();
    UUID second = tenant().create();
    RequestReservation mine = book(first, AHMET, "Ahmet", nextMondayAt(16));
    RequestReservation same = book(second, AHMET, "Ahmet", nextMondayAt(16));
    RequestReservation theirs =
        new RequestReservation(
            mine.commandId(),
            same.issuedAt(),
            same.tenantId(),
            same.causationId(),
            same.requestedBy(),
            same.customer(),
            same.field(),
            same.start(),
            same.end());

    commands.send(mine);
    events.awaitAnswer(mine.commandId());
    commands.send(theirs);

    List<ReservationEvent> answers = events.awaitAnswers(mine.commandId(), 2);
    assertThat(answers).allSatisfy(e -> assertThat(e).isInstanceOf(ReservationConfirmed.class));
    assertThat(answers).extracting(ReservationEvent::tenantId).containsExactly(first, second);
    assertThat(activeReservations(first)).isEqualTo(1);
    assertThat(activeReservations(second)).isEqualTo(1);
  }

  @Test
  void anUnreadableCommandIsDeadLetteredAndTheCommandsAroundItAreDecided() throws Exception {
    UUID business = tenant().create();
    RequestReservation before = book(business, AHMET, "Ahmet", nextMondayAt(14));
    RequestReservation after = book(business, "905320000099", "Veli", nextMondayAt(15));
    String bootstrap = SahaBotInfrastructure.get().kafkaBootstrapServers();
    String marker = "not a command " + UUID.randomUUID();
    try (var raw =
            new KafkaProducer<String, String>(
                Map.of("bootstrap.servers", bootstrap),
                new StringSerializer(),
                new StringSerializer());
        var dlt =
            new KafkaConsumer<String, String>(
                Map.of(
                    "bootstrap.servers",
                    bootstrap,
                    "group.id",
                    "dlt-" + UUID.randomUUID(),
                    "auto.offset.reset",
                    "earliest"),
                new StringDeserializer(),
                new StringDeserializer())) {
      commands.send(before);
      raw.send(new ProducerRecord<>("reservation.commands", before.key(), marker)).get();
      commands.send(after);

      ReservationEvent first = events.awaitAnswer(before.commandId());
      ReservationEvent last = events.awaitAnswer(after.commandId());
      assertThat((Object) first).isInstanceOf(ReservationConfirmed.class);
      assertThat((Object) last).isInstanceOf(ReservationConfirmed.class);
      dlt.subscribe(List.of("reservation.commands.dlt"));
      Awaitility.await()
          .atMost(Duration.ofSeconds(30))
          .until(
              () -> {
                for (var r : dlt.poll(Duration.ofMillis(500))) {
                  if (marker.equals(r.value())) {
                    return true;
                  }
                }
                return false;
              });
    }
    assertThat(activeReservations(business)).isEqualTo(2);
  }

  @Test
  void aCrashBetweenCommitAndSendLosesNothingAndDuplicatesNothing() {
    UUID business = tenant().create();
    RequestReservation command = book(business, AHMET, "Ahmet", nextMondayAt(17));
    // decided and committed, then the process "dies" before publishing
    ReservationEvent committed = bookings.handle(command).block(Duration.ofSeconds(30)).event();

    commands.send(command); // Kafka redelivers it to the restarted service

    ReservationEvent published = events.awaitAnswer(command.commandId());
    assertThat(published).isEqualTo(committed);
    assertThat(published.requestedBy()).isEqualTo(command.requestedBy());
    assertThat(published.causationId()).isEqualTo(command.causationId());
    assertThat(activeReservations(business)).isEqualTo(1);
  }

  @Test
  void aRejectionIsStoredAndRepeatedToo() {
    UUID business = tenant().create();
    RequestReservation closed = book(business, AHMET, "Ahmet", nextMondayAt(7));

    commands.send(closed);
    ReservationRejected first = events.awaitAnswer(closed.commandId());
    commands.send(closed);

    assertThat(first.reason()).isEqualTo(RejectionReason.CLOSED);
    assertThat(events.awaitAnswers(closed.commandId(), 2)).containsOnly(first);
  }

  @Test
  void aCustomerCannotCancelAnothersReservationButItsOwnerCan() {
    UUID business = tenant().create();
    RequestReservation booking = book(business, AHMET, "Ahmet", nextMondayAt(21));
    commands.send(booking);
    long id = this.<ReservationConfirmed>answer(booking.commandId()).reservation().id();

    var byStranger = cancel(business, customer("905320001122"), id);
    commands.send(byStranger);
    ReservationRejected refused = events.awaitAnswer(byStranger.commandId());
    var byAhmet = cancel(business, customer(AHMET), id);
    commands.send(byAhmet);
    ReservationCancelled cancelled = events.awaitAnswer(byAhmet.commandId());

    assertThat(refused.reason()).isEqualTo(RejectionReason.FORBIDDEN);
    assertThat(cancelled.reservation().status()).isEqualTo("cancelled");
    assertThat(activeReservations(business)).isZero();
  }

  @Test
  void anOperatorsCommandOnTheCommandTopicIsRejectedAndChangesNothing() {
    UUID business = tenant().create();
    Actor operator = new Actor(Actor.Role.OPERATOR, "ops-console");
    RequestReservation booking = book(business, AHMET, "Ahmet", nextMondayAt(20));
    commands.send(booking);
    long id = this.<ReservationConfirmed>answer(booking.commandId()).reservation().id();

    var forgedBooking =
        request(business, operator, "Mehmet", "905320001122", null, nextMondayAt(21), 1);
    var forgedCancel = cancel(business, operator, id);
    var forgedMove = move(business, operator, id, null, nextMondayAt(22));
    var forgedNoShow = noShow(business, operator, id);
    commands.sendAll(List.of(forgedBooking, forgedCancel, forgedMove, forgedNoShow));

    for (var forged : List.of(forgedBooking, forgedCancel, forgedMove, forgedNoShow)) {
      ReservationRejected refused = answer(forged.commandId());
      assertThat(refused.reason()).isEqualTo(RejectionReason.FORBIDDEN);
      assertThat(refused.detail()).contains("operator");
    }
    assertThat(activeReservations(business)).isEqualTo(1);
    // nothing moved or taken: Ahmet's reservation is where it was, 21:00 is still free
    var laterBooking = book(business, "905320001122", "Mehmet", nextMondayAt(21));
    commands.send(laterBooking);
    assertThat(this.<ReservationConfirmed>answer(laterBooking.commandId()).reservation().id())
        .isNotEqualTo(id);
    var byAhmet = cancel(business, customer(AHMET), id);
    commands.send(byAhmet);
    assertThat(this.<ReservationCancelled>answer(byAhmet.commandId()).reservation().start())
        .isEqualTo(nextMondayAt(20));
  }

  @Test
  void aTenantsCommandCannotReachAnotherTenantsReservation() {
    UUID mine = tenant().create();
    UUID other = tenant().create();
    RequestReservation booking = book(other, AHMET, "Ahmet", nextMondayAt(21));
    commands.send(booking);
    long othersId = this.<ReservationConfirmed>answer(booking.commandId()).reservation().id();

    var cancelOthers = cancel(mine, owner(), othersId);
    commands.send(cancelOthers);

    assertThat(this.<ReservationRejected>answer(cancelOthers.commandId()).reason())
        .isEqualTo(RejectionReason.NOT_FOUND);
    assertThat(activeReservations(other)).isEqualTo(1);
  }

  @Test
  void aMoveKeepsTheOldSlotWhenTheNewOneIsTaken() {
    UUID business = tenant().create();
    RequestReservation at20 = book(business, AHMET, "Ahmet", nextMondayAt(20));
    RequestReservation at21 = book(business, "905320001122", "Mehmet", nextMondayAt(21));
    commands.sendAll(List.of(at20, at21));
    long id = this.<ReservationConfirmed>answer(at20.commandId()).reservation().id();
    answer(at21.commandId());

    var onto21 = move(business, customer(AHMET), id, null, nextMondayAt(21));
    commands.send(onto21);
    ReservationRejected refused = answer(onto21.commandId());
    var onto22 = move(business, owner(), id, "saha 2", nextMondayAt(22));
    commands.send(onto22);
    ReservationMoved moved = answer(onto22.commandId());

    assertThat(refused.reason()).isEqualTo(RejectionReason.OVERLAP);
    assertThat(moved.previous().start()).isEqualTo(nextMondayAt(20));
    assertThat(moved.reservation().start()).isEqualTo(nextMondayAt(22));
    assertThat(moved.reservation().field()).isEqualTo("Saha 2");
    assertThat(activeReservations(business)).isEqualTo(2);
  }

  @Test
  void rejectsUnknownFieldsPastSlotsInactiveTenantsButTakesANoShowMarkedInAdvance() {
    UUID business = tenant().create();
    UUID closedDown = tenant().inactive().create();
    var unknownField = request(business, owner(), "Ahmet", AHMET, "Saha 9", nextMondayAt(20), 1);
    var past = book(business, AHMET, "Ahmet", Instant.now().minusSeconds(7200));
    var inactive = book(closedDown, AHMET, "Ahmet", nextMondayAt(20));
    var booking = book(business, AHMET, "Ahmet", nextMondayAt(19));
    commands.sendAll(List.of(unknownField, past, inactive, booking));
    long id = this.<ReservationConfirmed>answer(booking.commandId()).reservation().id();
    var early = noShow(business, owner(), id);
    commands.send(early);
    var byCustomer = noShow(business, customer(AHMET), id);
    commands.send(byCustomer);

    assertThat(this.<ReservationRejected>answer(unknownField.commandId()).reason())
        .isEqualTo(RejectionReason.UNKNOWN_FIELD);
    assertThat(this.<ReservationRejected>answer(past.commandId()).reason())
        .isEqualTo(RejectionReason.PAST);
    assertThat(this.<ReservationRejected>answer(inactive.commandId()).reason())
        .isEqualTo(RejectionReason.TENANT_INACTIVE);
    // "Ahmet won't come": marked before its start, the slot is no longer held
    assertThat(this.<ReservationMarkedNoShow>answer(early.commandId()).reservation().status())
        .isEqualTo(ReservationView.NO_SHOW);
    assertThat(this.<ReservationRejected>answer(byCustomer.commandId()).reason())
        .isEqualTo(RejectionReason.FORBIDDEN);
    var sameHour = book(business, "905320001122", "Mehmet", nextMondayAt(19));
    commands.send(sameHour);
    assertThat((Object) answer(sameHour.commandId())).isInstanceOf(ReservationConfirmed.class);
  }

  @Test
  void everyOutcomeNamesItsRequesterAndCausationAlsoWhenPublishedAgain() {
    UUID business = tenant().create();
    RequestReservation booking = book(business, AHMET, "Ahmet", nextMondayAt(20));
    RequestReservation taken = book(business, "905320001122", "Mehmet", nextMondayAt(20));
    commands.send(booking);
    long id = this.<ReservationConfirmed>answer(booking.commandId()).reservation().id();
    commands.send(taken);
    var moveIt = move(business, owner(), id, "Saha 2", nextMondayAt(21));
    commands.send(moveIt);
    var cancelIt = cancel(business, customer(AHMET), id);
    commands.send(cancelIt);
    var early = noShow(business, owner(), id);
    commands.send(early);
    commands.send(booking); // redelivered: the stored outcome is published again

    List<ReservationCommand> sent = List.of(booking, taken, moveIt, cancelIt, early);
    for (ReservationCommand command : sent) {
      ReservationEvent outcome = answer(command.commandId());
      assertThat(outcome.requestedBy()).as(command.commandId()).isEqualTo(command.requestedBy());
      assertThat(outcome.causationId()).as(command.commandId()).isEqualTo(command.causationId());
    }
    assertThat((Object) answer(taken.commandId())).isInstanceOf(ReservationRejected.class);
    assertThat((Object) answer(moveIt.commandId())).isInstanceOf(ReservationMoved.class);
    assertThat((Object) answer(cancelIt.commandId())).isInstanceOf(ReservationCancelled.class);
    assertThat(events.awaitAnswers(booking.commandId(), 2))
        .allSatisfy(
            e -> {
              assertThat(e.requestedBy()).isEqualTo(customer(AHMET));
              assertThat(e.causationId()).isEqualTo(booking.causationId());
            });
  }

  @Test
  void aCustomerWithoutPhoneIsIdentifiedByItsUserId() {
    UUID business = tenant().create();
    var bsuid = "TR.bsuid." + UUID.randomUUID();
    var booking = request(business, customer(bsuid), "Zeynep", null, null, nextMondayAt(20), 2);

    commands.send(booking);
    ReservationConfirmed confirmed = answer(booking.commandId());

    assertThat(confirmed.reservation().customer().userId()).isEqualTo(bsuid);
    assertThat(confirmed.reservation().customer().phone()).isNull();
    assertThat(confirmed.reservation().price()).isEqualByComparingTo("2000.00");
  }

  @Test
  void aUserKnownByUserIdAndByPhoneIsOneCustomer() {
    UUID business = tenant().create();
    var bsuid = "TR.bsuid." + UUID.randomUUID();
    var phone = "90532" + String.format("%07d", ThreadLocalRandom.current().nextInt(10_000_000));
    // as a username (no phone), then booked for by the owner by phone, then from the phone
    var asUsername =
        new RequestReservation(
            UUID.randomUUID().toString(),
            Instant.now(),
            business,
            UUID.randomUUID().toString(),
            customer(bsuid),
            new CustomerRef("Zeynep", null, bsuid),
            null,
            nextMondayAt(18),
            nextMondayAt(19));
    var byOwner =
        new RequestReservation(
            UUID.randomUUID().toString(),
            Instant.now(),
            business,
            UUID.randomUUID().toString(),
            owner(),
            new CustomerRef("Zeynep K.", phone, null),
            null,
            nextMondayAt(19),
            nextMondayAt(20));
    var fromPhone =
        new RequestReservation(
            UUID.randomUUID().toString(),
            Instant.now(),
            business,
            UUID.randomUUID().toString(),
            customer(bsuid),
            new CustomerRef("Zeynep", phone, bsuid),
            null,
            nextMondayAt(20),
            nextMondayAt(21));

    commands.send(asUsername);
    answer(asUsername.commandId());
    commands.send(byOwner);
    answer(byOwner.commandId());
    assertThat(customers(business)).isEqualTo(2);
    commands.send(fromPhone);
    ReservationConfirmed confirmed = answer(fromPhone.commandId());

    assertThat(confirmed.reservation().customer())
        .isEqualTo(new CustomerRef("Zeynep", phone, bsuid));
    assertThat(customers(business)).isEqualTo(1);
    assertThat(activeReservations(business)).isEqualTo(3);
  }

  /** Customers counted as the schema owner. */
  static int customers(UUID tenant) {
    try (Connection c = SahaBotInfrastructure.get().database().connectAsOwner();
        PreparedStatement s =
            c.prepareStatement("SELECT count(*) FROM customers WHERE tenant_id = ?")) {
      s.setObject(1, tenant);
      try (ResultSet rs = s.executeQuery()) {
        rs.next();
        return rs.getInt(1);
      }
    } catch (Exception e) {
      throw new IllegalStateException(e);
    }
  }

  <E extends ReservationEvent> E answer(String commandId) {
    return events.awaitAnswer(commandId);
  }

  /** Counted as the schema owner, past row-level security, to see what really is stored. */
  static int activeReservations(UUID tenant) {
    try (Connection c = SahaBotInfrastructure.get().database().connectAsOwner();
        PreparedStatement s =
            c.prepareStatement(
                "SELECT count(*) FROM reservations WHERE tenant_id = ? AND status = 'active'")) {
      s.setObject(1, tenant);
      try (ResultSet rs = s.executeQuery()) {
        rs.next();
        return rs.getInt(1);
      }
    } catch (Exception e) {
      throw new IllegalStateException(e);
    }
  }
}
