package io.sahabot.reservation.waitlist;

import static io.sahabot.reservation.fixtures.Commands.cancel;
import static io.sahabot.reservation.fixtures.Commands.customer;
import static io.sahabot.reservation.fixtures.Commands.noShow;
import static io.sahabot.reservation.fixtures.Commands.owner;
import static io.sahabot.reservation.fixtures.Commands.request;
import static io.sahabot.reservation.fixtures.TenantFixtures.tenant;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.tuple;
import static org.awaitility.Awaitility.await;

import io.sahabot.reservation.ReservationApplication;
import io.sahabot.reservation.booking.BookingService;
import io.sahabot.reservation.fixtures.Events;
import io.sahabot.reservation.queries.QueryService;
import io.sahabot.schemas.reservation.AcceptWaitlistOffer;
import io.sahabot.schemas.reservation.CustomerRef;
import io.sahabot.schemas.reservation.JoinWaitlist;
import io.sahabot.schemas.reservation.RejectionReason;
import io.sahabot.schemas.reservation.ReservationCommand;
import io.sahabot.schemas.reservation.ReservationConfirmed;
import io.sahabot.schemas.reservation.ReservationEvent;
import io.sahabot.schemas.reservation.ReservationMarkedNoShow;
import io.sahabot.schemas.reservation.ReservationRejected;
import io.sahabot.schemas.reservation.ReservationView;
import io.sahabot.schemas.reservation.WaitlistJoined;
import io.sahabot.schemas.reservation.WaitlistOfferExpired;
import io.sahabot.schemas.reservation.WaitlistOffered;
import io.sahabot.schemas.reservation.query.Waitlist;
import io.sahabot.schemas.reservation.query.WaitlistEntry;
import io.sahabot.testsupport.SahaBotInfrastructureInitializer;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneId;
import java.time.ZoneOffset;
import java.time.temporal.ChronoUnit;
import java.util.UUID;
import java.util.concurrent.atomic.AtomicReference;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.config.BeanPostProcessor;
import org.springframework.boot.builder.SpringApplicationBuilder;
import org.springframework.context.ConfigurableApplicationContext;
import org.springframework.context.support.GenericApplicationContext;
import org.springframework.kafka.config.AbstractKafkaListenerContainerFactory;

/**
 * The waitlist on the real broker and database, in instances of the whole service started and
 * stopped by the test with the test's {@link Clock} (two days ahead of the real one), the waitlist
 * scheduler every 200 ms and no command listener: commands are decided through the instance's
 * {@link BookingService}, as its listener would.
 */
class WaitlistIT {

  static final String AHMET = "905454031918";
  static final String MEHMET = "905321112233";
  static final String AYSE = "905337776655";
  static final TestClock clock =
      new TestClock(Instant.now().plus(Duration.ofDays(2)).truncatedTo(ChronoUnit.HOURS));

  static Events events;
  static ConfigurableApplicationContext instance;

  @BeforeAll
  static void startOneInstance() {
    events = new Events();
    instance = start();
  }

  @AfterAll
  static void stopIt() {
    if (instance != null) {
      instance.close();
    }
    events.close();
  }

  @Test
  void anOfferThatIsNotTakenExpiresAndMovesOnToTheNextCustomerOnceEvenAcrossARestart() {
    UUID business = tenant().openAllDay().create();
    Instant slot = hourAhead(Duration.ofDays(1));
    ReservationConfirmed ahmet =
        decide(request(business, customer(AHMET), "Ahmet", AHMET, null, slot, 1));

    WaitlistJoined mehmet = decide(join(business, MEHMET, "Mehmet", slot));
    WaitlistJoined ayse = decide(join(business, AYSE, "Ayşe", slot));
    assertThat(mehmet.position()).isEqualTo(1);
    assertThat(ayse.position()).isEqualTo(2);
    assertThat(mehmet.slot().field()).isEqualTo("Saha 1");
    // the slot is taken: no offer while Ahmet holds it
    awaitAnotherPass();
    assertThat(events.answers(WaitlistOffered.idOf(mehmet.entryId()))).isEmpty();

    // Ahmet cancels: the first in line is offered the slot, held for 15 minutes
    decide(cancel(business, customer(AHMET), ahmet.reservation().id()));
    Instant freed = clock.instant();
    WaitlistOffered offer = awaitOne(WaitlistOffered.idOf(mehmet.entryId()));
    assertThat(offer.customer().phone()).isEqualTo(MEHMET);
    assertThat(offer.slot().start()).isEqualTo(slot);
    assertThat(offer.holdUntil()).isEqualTo(freed.plus(Duration.ofMinutes(15)));
    assertThat(events.answers(WaitlistOffered.idOf(ayse.entryId()))).isEmpty();

    // while it is held, no one else books it
    ReservationRejected held =
        decide(request(business, customer(AYSE), "Ayşe", AYSE, null, slot, 1));
    assertThat(held.reason()).isEqualTo(RejectionReason.OVERLAP);

    // a restart during the hold makes no second offer
    instance.close();
    instance = start();
    awaitAnotherPass();
    assertThat(events.answers(WaitlistOffered.idOf(mehmet.entryId()))).hasSize(1);

    // the hold runs out: Mehmet's offer expires and Ayşe is offered the slot
    clock.advance(Duration.ofMinutes(16));
    WaitlistOfferExpired expired = awaitOne(WaitlistOfferExpired.idOf(mehmet.entryId()));
    assertThat(expired.customer().phone()).isEqualTo(MEHMET);
    WaitlistOffered next = awaitOne(WaitlistOffered.idOf(ayse.entryId()));
    assertThat(next.customer().phone()).isEqualTo(AYSE);

    // too late for Mehmet; Ayşe takes it
    ReservationRejected late = decide(accept(business, MEHMET, mehmet.entryId()));
    assertThat(late.reason()).isEqualTo(RejectionReason.INVALID);
    ReservationConfirmed taken = decide(accept(business, AYSE, ayse.entryId()));
    assertThat(taken.reservation().customer().phone()).isEqualTo(AYSE);
    assertThat(taken.reservation().start()).isEqualTo(slot);

    // the owner's view of the waitlist (the tenant API's, through reservation-service's query)
    LocalDate day = slot.atZone(ZoneId.of("Europe/Istanbul")).toLocalDate();
    Waitlist list =
        instance
            .getBean(QueryService.class)
            .waitlist(business, day, day)
            .block(Duration.ofSeconds(30));
    assertThat(list.entries())
        .extracting(e -> e.customer().phone(), WaitlistEntry::status)
        .containsExactly(tuple(MEHMET, "expired"), tuple(AYSE, "booked"));

    // each offer and expiry was published once
    clock.advance(Duration.ofMinutes(16));
    awaitAnotherPass();
    assertThat(events.answers(WaitlistOffered.idOf(mehmet.entryId()))).hasSize(1);
    assertThat(events.answers(WaitlistOffered.idOf(ayse.entryId()))).hasSize(1);
    assertThat(events.answers(WaitlistOfferExpired.idOf(mehmet.entryId()))).hasSize(1);
    assertThat(events.answers(WaitlistOfferExpired.idOf(ayse.entryId()))).isEmpty();
  }

  @Test
  void anotherCustomerCannotTakeSomeoneElsesOffer() {
    UUID business = tenant().openAllDay().create();
    Instant slot = hourAhead(Duration.ofDays(1).plusHours(3));
    ReservationConfirmed ahmet =
        decide(request(business, customer(AHMET), "Ahmet", AHMET, null, slot, 1));
    WaitlistJoined mehmet = decide(join(business, MEHMET, "Mehmet", slot));
    decide(cancel(business, customer(AHMET), ahmet.reservation().id()));
    awaitOne(WaitlistOffered.idOf(mehmet.entryId()));

    ReservationRejected foreign = decide(accept(business, AYSE, mehmet.entryId()));
    assertThat(foreign.reason()).isEqualTo(RejectionReason.FORBIDDEN);
    ReservationConfirmed own = decide(accept(business, MEHMET, mehmet.entryId()));
    assertThat(own.reservation().customer().phone()).isEqualTo(MEHMET);
  }

  @Test
  void aNoShowMarkedInAdvanceFreesTheSlotAndOffersItToTheWaitingCustomer() {
    UUID business = tenant().openAllDay().create();
    Instant slot = hourAhead(Duration.ofDays(1).plusHours(6));
    ReservationConfirmed ali =
        decide(request(business, customer(AHMET), "Ali", AHMET, null, slot, 1));
    WaitlistJoined mehmet = decide(join(business, MEHMET, "Mehmet", slot));

    // a customer cannot mark a no-show, not even their own
    ReservationRejected byCustomer =
        decide(noShow(business, customer(AHMET), ali.reservation().id()));
    assertThat(byCustomer.reason()).isEqualTo(RejectionReason.FORBIDDEN);
    awaitAnotherPass();
    assertThat(events.answers(WaitlistOffered.idOf(mehmet.entryId()))).isEmpty();

    // the owner: "Ali yarın gelmeyecek", before the start
    ReservationMarkedNoShow marked = decide(noShow(business, owner(), ali.reservation().id()));
    assertThat(marked.reservation().status()).isEqualTo(ReservationView.NO_SHOW);
    assertThat(marked.reservation().start()).isAfter(clock.instant());

    // the slot is free again: the first in line is offered it, as after a cancellation
    WaitlistOffered offer = awaitOne(WaitlistOffered.idOf(mehmet.entryId()));
    assertThat(offer.customer().phone()).isEqualTo(MEHMET);
    assertThat(offer.slot().start()).isEqualTo(slot);
    ReservationConfirmed taken = decide(accept(business, MEHMET, mehmet.entryId()));
    assertThat(taken.reservation().start()).isEqualTo(slot);
    assertThat(taken.reservation().customer().phone()).isEqualTo(MEHMET);
  }

  /** A whole hour about {@code ahead} from the test clock's now (slots start on the hour). */
  static Instant hourAhead(Duration ahead) {
    return clock.instant().plus(ahead).truncatedTo(ChronoUnit.HOURS);
  }

  static JoinWaitlist join(UUID business, String phone, String name, Instant start) {
    return new JoinWaitlist(
        UUID.randomUUID().toString(),
        Instant.now(),
        business,
        UUID.randomUUID().toString(),
        customer(phone),
        new CustomerRef(name, phone, phone),
        null,
        start,
        start.plus(Duration.ofHours(1)));
  }

  static AcceptWaitlistOffer accept(UUID business, String phone, long entryId) {
    return new AcceptWaitlistOffer(
        UUID.randomUUID().toString(),
        Instant.now(),
        business,
        UUID.randomUUID().toString(),
        customer(phone),
        entryId);
  }

  static <E extends ReservationEvent> E awaitOne(String commandId) {
    await().atMost(Duration.ofSeconds(60)).until(() -> !events.answers(commandId).isEmpty());
    @SuppressWarnings("unchecked")
    E first = (E) events.answers(commandId).get(0);
    return first;
  }

  /**
   * Puts a customer of a business of its own on the waitlist of a free slot and waits for its
   * offer: a pass of the scheduler has run after everything before it.
   */
  static void awaitAnotherPass() {
    UUID control = tenant().openAllDay().create();
    WaitlistJoined probe = decide(join(control, AHMET, "Ahmet", hourAhead(Duration.ofDays(1))));
    awaitOne(WaitlistOffered.idOf(probe.entryId()));
  }

  @SuppressWarnings("unchecked")
  static <E extends ReservationEvent> E decide(ReservationCommand command) {
    return (E)
        instance
            .getBean(BookingService.class)
            .handle(command)
            .block(Duration.ofSeconds(30))
            .event();
  }

  /** A whole reservation-service with the test's clock, the waitlist every 200 ms, no listener. */
  static ConfigurableApplicationContext start() {
    return new SpringApplicationBuilder(ReservationApplication.class)
        .profiles("local", "test")
        .initializers(
            new SahaBotInfrastructureInitializer(),
            context -> {
              ((GenericApplicationContext) context)
                  .registerBean(
                      "waitlistTestClock", Clock.class, () -> clock, bd -> bd.setPrimary(true));
              context
                  .getBeanFactory()
                  .addBeanPostProcessor(
                      new BeanPostProcessor() {
                        @Override
                        public Object postProcessBeforeInitialization(Object bean, String name) {
                          if (bean instanceof AbstractKafkaListenerContainerFactory<?, ?, ?> f) {
                            f.setAutoStartup(false);
                          }
                          return bean;
                        }
                      });
            })
        .run(
            "--server.port=0",
            "--sahabot.reservation.reminders.enabled=false",
            "--sahabot.reservation.waitlist.enabled=true",
            "--sahabot.reservation.waitlist.interval=200ms");
  }

  /** A clock the test moves forward. */
  static final class TestClock extends Clock {

    private final AtomicReference<Instant> now;

    TestClock(Instant start) {
      this.now = new AtomicReference<>(start);
    }

    void advance(Duration by) {
      now.updateAndGet(t -> t.plus(by));
    }

    @Override
    public Instant instant() {
      return now.get();
    }

    @Override
    public ZoneId getZone() {
      return ZoneOffset.UTC;
    }

    @Override
    public Clock withZone(ZoneId zone) {
      return this;
    }
  }
}
