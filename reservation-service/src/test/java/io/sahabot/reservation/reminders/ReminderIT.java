package io.sahabot.reservation.reminders;

import static io.sahabot.reservation.fixtures.Commands.cancel;
import static io.sahabot.reservation.fixtures.Commands.customer;
import static io.sahabot.reservation.fixtures.Commands.move;
import static io.sahabot.reservation.fixtures.Commands.request;
import static io.sahabot.reservation.fixtures.TenantFixtures.tenant;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import io.sahabot.reservation.ReservationApplication;
import io.sahabot.reservation.booking.BookingService;
import io.sahabot.reservation.fixtures.Events;
import io.sahabot.schemas.reservation.ReminderDue;
import io.sahabot.schemas.reservation.ReservationCommand;
import io.sahabot.schemas.reservation.ReservationConfirmed;
import io.sahabot.schemas.reservation.ReservationEvent;
import io.sahabot.schemas.reservation.ReservationMoved;
import io.sahabot.testsupport.SahaBotInfrastructure;
import io.sahabot.testsupport.SahaBotInfrastructureInitializer;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.Timestamp;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneId;
import java.time.ZoneOffset;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
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
 * The reminder scheduler on the real broker and database, in instances of the whole service started
 * and stopped by the test (each with the test's {@link Clock}, its scheduler every 200 ms, five
 * reminders a batch). Bookings are decided through the instance's {@link BookingService}, as its
 * command listener would (which these instances do not run, so that the other tests' commands are
 * never decided with this clock). The clock starts a day ahead of the real one, so the shared test
 * instance (real clock) never finds these reminders due.
 */
class ReminderIT {

  static final String AHMET = "905454031918";
  static final TestClock clock =
      new TestClock(Instant.now().plus(Duration.ofDays(1)).truncatedTo(ChronoUnit.HOURS));

  static Events events;
  static ConfigurableApplicationContext instance;
  static UUID control;

  @BeforeAll
  static void startOneInstance() {
    events = new Events();
    instance = start();
    control = tenant().openAllDay().create();
  }

  @AfterAll
  static void stopIt() {
    if (instance != null) {
      instance.close();
    }
    events.close();
  }

  @Test
  void aReminderDueWhileTheServiceIsStoppedIsPublishedOnceWhenItStartsAgain() {
    UUID business = tenant().openAllDay().create();
    Instant start = clock.instant().plus(Duration.ofHours(5));
    long id = book(business, start).reservation().id();
    assertThat(reminderRow(id)).contains(start.minus(Duration.ofMinutes(180)));

    instance.close();
    clock.advance(Duration.ofHours(2).plusMinutes(1)); // past the due time, before the start
    instance = start();

    await().atMost(Duration.ofSeconds(60)).until(() -> !events.reminders(id).isEmpty());
    ReminderDue reminder = events.reminders(id).get(0);
    assertThat(reminder.tenantId()).isEqualTo(business);
    assertThat(reminder.commandId()).isEqualTo("reminder:" + id + ":" + start.getEpochSecond());
    assertThat(reminder.reservation().start()).isEqualTo(start);
    assertThat(reminder.reservation().status()).isEqualTo("active");
    assertThat(reminder.occurredAt()).isEqualTo(clock.instant());
    awaitAnotherPass();
    assertThat(events.reminders(id)).hasSize(1);
    assertThat(sentAt(id)).isPresent();
  }

  @Test
  void twoInstancesRunningAtTheDueTimePublishEachReminderOnce() {
    UUID business = tenant().openAllDay().reminderMinutes(24 * 60).create();
    Instant base = clock.instant().plus(Duration.ofHours(30));
    List<Long> ids = new ArrayList<>();
    for (int i = 0; i < 20; i++) {
      ids.add(book(business, base.plus(Duration.ofHours(i))).reservation().id());
    }
    ConfigurableApplicationContext second = start();
    try {
      // every reminder is due (the last at base + 19 h - 24 h), none has started
      clock.advance(Duration.ofHours(26));

      await()
          .atMost(Duration.ofSeconds(60))
          .until(() -> ids.stream().allMatch(id -> !events.reminders(id).isEmpty()));
      awaitAnotherPass();
    } finally {
      second.close();
    }
    for (long id : ids) {
      assertThat(events.reminders(id)).as("reminders of reservation " + id).hasSize(1);
      assertThat(sentAt(id)).isPresent();
    }
  }

  @Test
  void aMovedReservationsReminderFollowsIt() {
    UUID business = tenant().openAllDay().create();
    Instant start = clock.instant().plus(Duration.ofHours(5));
    Instant later = start.plus(Duration.ofDays(1));
    long id = book(business, start).reservation().id();

    ReservationMoved moved = decide(move(business, customer(AHMET), id, null, later));
    assertThat(moved.reservation().start()).isEqualTo(later);
    assertThat(reminderRow(id)).contains(later.minus(Duration.ofMinutes(180)));
    clock.advance(Duration.ofHours(2).plusMinutes(1)); // past the old due time
    awaitAnotherPass();
    assertThat(events.reminders(id)).isEmpty();
    clock.advance(Duration.ofDays(1)); // past the new one
    await().atMost(Duration.ofSeconds(30)).until(() -> !events.reminders(id).isEmpty());

    awaitAnotherPass();
    assertThat(events.reminders(id)).hasSize(1);
    assertThat(events.reminders(id).get(0).reservation().start()).isEqualTo(later);
    assertThat(events.reminders(id).get(0).commandId())
        .isEqualTo("reminder:" + id + ":" + later.getEpochSecond());
  }

  @Test
  void aCancelledReservationsReminderIsNeverPublished() {
    UUID business = tenant().openAllDay().create();
    Instant start = clock.instant().plus(Duration.ofHours(5));
    long id = book(business, start).reservation().id();

    decide(cancel(business, customer(AHMET), id));
    assertThat(reminderRow(id)).isEmpty();
    clock.advance(Duration.ofHours(2).plusMinutes(1));

    awaitAnotherPass();
    assertThat(events.reminders(id)).isEmpty();
  }

  @Test
  void noReminderWhenTheBusinessHasThemOffOrTheDueTimeHasPassed() {
    UUID off = tenant().openAllDay().reminderMinutes(0).create();
    UUID on = tenant().openAllDay().create();
    Instant start = clock.instant().plus(Duration.ofHours(5));
    long remindersOff = book(off, start).reservation().id();
    long tooLate = book(on, clock.instant().plus(Duration.ofHours(2))).reservation().id();

    assertThat(reminderRow(remindersOff)).isEmpty();
    assertThat(reminderRow(tooLate)).isEmpty();
    clock.advance(Duration.ofHours(2).plusMinutes(1));
    awaitAnotherPass();
    assertThat(events.reminders(remindersOff)).isEmpty();
    assertThat(events.reminders(tooLate)).isEmpty();
  }

  /**
   * Books a reservation of the control business due one minute from now, moves the clock past it
   * and waits for its reminder: a pass of the scheduler has run after everything before it. Then
   * cancels it, so that the next control booking finds its slot free.
   */
  static void awaitAnotherPass() {
    Instant start = clock.instant().plus(Duration.ofMinutes(181));
    long id = book(control, start).reservation().id();
    clock.advance(Duration.ofMinutes(2));
    await().atMost(Duration.ofSeconds(30)).until(() -> !events.reminders(id).isEmpty());
    decide(cancel(control, customer(AHMET), id));
  }

  static ReservationConfirmed book(UUID business, Instant start) {
    return decide(request(business, customer(AHMET), "Ahmet", AHMET, null, start, 1));
  }

  @SuppressWarnings("unchecked")
  static <E extends ReservationEvent> E decide(ReservationCommand command) {
    ReservationEvent outcome =
        instance
            .getBean(BookingService.class)
            .handle(command)
            .block(Duration.ofSeconds(30))
            .event();
    return (E) outcome;
  }

  /**
   * A whole reservation-service with the test's clock, the scheduler every 200 ms, and no command
   * listener.
   */
  static ConfigurableApplicationContext start() {
    return new SpringApplicationBuilder(ReservationApplication.class)
        .profiles("local", "test")
        .initializers(
            new SahaBotInfrastructureInitializer(),
            context -> {
              ((GenericApplicationContext) context)
                  .registerBean(
                      "reminderTestClock", Clock.class, () -> clock, bd -> bd.setPrimary(true));
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
            "--sahabot.reservation.reminders.interval=200ms",
            "--sahabot.reservation.reminders.batch-size=5");
  }

  /** The due time of the reservation's reminder, read past row-level security. */
  static Optional<Instant> reminderRow(long reservationId) {
    return column(reservationId, "due_at");
  }

  static Optional<Instant> sentAt(long reservationId) {
    return column(reservationId, "sent_at");
  }

  private static Optional<Instant> column(long reservationId, String column) {
    try (Connection c = SahaBotInfrastructure.get().database().connectAsOwner();
        PreparedStatement s =
            c.prepareStatement(
                "SELECT " + column + " FROM reservation_reminders WHERE reservation_id = ?")) {
      s.setLong(1, reservationId);
      try (ResultSet rs = s.executeQuery()) {
        if (!rs.next()) {
          return Optional.empty();
        }
        Timestamp at = rs.getTimestamp(1);
        return Optional.ofNullable(at).map(Timestamp::toInstant);
      }
    } catch (Exception e) {
      throw new IllegalStateException(e);
    }
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
