package io.sahabot.agent.outcomes;

import static org.assertj.core.api.Assertions.assertThat;

import dev.langchain4j.data.message.AiMessage;
import io.sahabot.agent.conversation.ConversationDispatcher;
import io.sahabot.agent.delivery.CustomerContacts;
import io.sahabot.agent.memory.ConversationId;
import io.sahabot.agent.memory.PostgresChatMemoryStore;
import io.sahabot.agent.tools.Texts;
import io.sahabot.platform.kafka.WireSerdes;
import io.sahabot.platform.tenants.TenantSnapshots;
import io.sahabot.schemas.reservation.Actor;
import io.sahabot.schemas.reservation.CancelReservation;
import io.sahabot.schemas.reservation.CustomerRef;
import io.sahabot.schemas.reservation.MarkNoShow;
import io.sahabot.schemas.reservation.ReminderDue;
import io.sahabot.schemas.reservation.RequestReservation;
import io.sahabot.schemas.reservation.ReservationCancelled;
import io.sahabot.schemas.reservation.ReservationCommand;
import io.sahabot.schemas.reservation.ReservationConfirmed;
import io.sahabot.schemas.reservation.ReservationEvent;
import io.sahabot.schemas.reservation.ReservationView;
import io.sahabot.schemas.reservation.query.Reservations;
import io.sahabot.schemas.tenant.Notifications;
import io.sahabot.schemas.tenant.TenantSettings;
import io.sahabot.schemas.tenant.TenantSnapshot;
import io.sahabot.schemas.topics.Topics;
import io.sahabot.schemas.whatsapp.DeliveryStatus;
import io.sahabot.schemas.whatsapp.ErrorDetail;
import io.sahabot.schemas.whatsapp.InboundMessage;
import io.sahabot.schemas.whatsapp.InteractiveReply;
import io.sahabot.schemas.whatsapp.MessageKind;
import io.sahabot.schemas.whatsapp.OutboundContent;
import io.sahabot.schemas.whatsapp.OutboundMessage;
import io.sahabot.schemas.whatsapp.OutboundRecord;
import io.sahabot.testsupport.IntegrationTest;
import io.sahabot.testsupport.SahaBotInfrastructure;
import io.sahabot.testsupport.TenantRows;
import java.io.IOException;
import java.math.BigDecimal;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.time.LocalTime;
import java.time.ZoneId;
import java.time.ZonedDateTime;
import java.time.format.DateTimeFormatter;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CountDownLatch;
import java.util.function.Predicate;
import okhttp3.mockwebserver.Dispatcher;
import okhttp3.mockwebserver.MockResponse;
import okhttp3.mockwebserver.MockWebServer;
import okhttp3.mockwebserver.RecordedRequest;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.common.serialization.StringDeserializer;
import org.awaitility.Awaitility;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.kafka.core.KafkaTemplate;
import org.springframework.test.annotation.DirtiesContext;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;
import tools.jackson.databind.json.JsonMapper;

/**
 * Outcomes as events, through the real agent (offline model), Kafka and PostgreSQL; the test plays
 * reservation-service: it reads reservation.commands, publishes the outcomes on reservation.events
 * and answers the read tools' queries from a local stub. Every outcome is told once, by the turn
 * (within {@code outcome-wait}) or by the notifier (after it), never by both.
 */
@IntegrationTest
// every context of this module consumes in the same groups (agent-service, the notifier's): closed
// after its class, so that the next class's context gets every partition
@DirtiesContext
class OutcomesIT {

  private static final ZoneId ISTANBUL = ZoneId.of("Europe/Istanbul");
  private static final JsonMapper JSON = JsonMapper.builder().build();
  private static final Map<UUID, List<ReservationView>> BOOKED = new ConcurrentHashMap<>();
  private static final MockWebServer reservationService = new MockWebServer();

  static {
    reservationService.setDispatcher(
        new Dispatcher() {
          @Override
          public MockResponse dispatch(RecordedRequest request) {
            String path = request.getPath();
            if (path != null && path.contains("/reservations?from=")) {
              UUID tenant = UUID.fromString(path.split("/")[3]);
              Reservations body =
                  new Reservations(
                      LocalDate.now(ISTANBUL).minusDays(30),
                      LocalDate.now(ISTANBUL).plusDays(30),
                      "Europe/Istanbul",
                      BOOKED.getOrDefault(tenant, List.of()));
              return new MockResponse()
                  .setHeader("Content-Type", "application/json")
                  .setBody(JSON.writeValueAsString(body));
            }
            return new MockResponse().setResponseCode(404);
          }
        });
    try {
      reservationService.start();
    } catch (IOException e) {
      throw new IllegalStateException(e);
    }
  }

  @DynamicPropertySource
  static void settings(DynamicPropertyRegistry registry) {
    registry.add(
        "sahabot.agent.reservation-service-url", () -> reservationService.url("/").toString());
    registry.add("sahabot.agent.outcome-wait", () -> "2s");
    registry.add("sahabot.agent.summary-check", () -> "1s");
  }

  @AfterAll
  static void stop() throws IOException {
    reservationService.close();
  }

  @Autowired TenantSnapshots tenants;
  @Autowired KafkaTemplate<String, Object> kafka;
  @Autowired CustomerContacts contacts;
  @Autowired PostgresChatMemoryStore memory;
  @Autowired DailySummaries summaries;
  @Autowired ConversationDispatcher dispatcher;

  private static final String OWNER = "905320000001";

  // (a) the fast path and the event path never both tell

  @Test
  void anOutcomeWithinTheWaitIsToldOnceByTheTurn() throws Exception {
    UUID tenant = tenant(Notifications.defaults());
    String customer = "905321000001";
    try (Outbound outbound = new Outbound(tenant);
        Commands commands = new Commands(tenant)) {
      String wamid = send(text(tenant, customer, "Ali", "Yarın 20:00 ayır"));
      RequestReservation request = commands.await(RequestReservation.class, wamid);
      publish(confirmed(request, request.customer()));

      OutboundMessage reply = outbound.await(m -> m.to().equals(customer));
      assertThat(body(reply)).startsWith("✅").contains("onaylandı");
      assertThat(reply.replyToWamid()).isEqualTo(wamid); // the turn's reply, not the notifier's
      // it says which outcome it told: the sender holds back a notice repeating it, even when the
      // database's record of who told it is gone (an older backup restored)
      assertThat(reply.tells()).containsExactly(request.commandId());
      // the owner is told of the customer's booking, by name, and only then the requester's turn
      OutboundMessage toOwner = outbound.await(m -> m.to().equals(OWNER));
      assertThat(body(toOwner)).contains("Ali").contains("20:00");
      assertThat(toOwner.tells()).containsExactly(request.commandId());
      outbound.staysAt(m -> m.to().equals(customer), 1);
    }
  }

  @Test
  void anOutcomeAfterTheWaitIsToldOnceByTheNotifier() throws Exception {
    UUID tenant = tenant(Notifications.defaults());
    String customer = "905321000002";
    try (Outbound outbound = new Outbound(tenant);
        Commands commands = new Commands(tenant)) {
      String wamid = send(text(tenant, customer, "Veli", "Yarın 21:00 ayır"));
      RequestReservation request = commands.await(RequestReservation.class, wamid);
      OutboundMessage pending = outbound.await(m -> m.to().equals(customer));
      assertThat(body(pending)).isEqualTo(Texts.text("tr", "pending"));
      assertThat(pending.tells()).isNull(); // a promise tells nothing

      publish(confirmed(request, request.customer()));

      outbound.awaitCount(m -> m.to().equals(customer), 2);
      outbound.staysAt(m -> m.to().equals(customer), 2);
      OutboundMessage told = outbound.matching(m -> m.to().equals(customer)).get(1);
      assertThat(body(told)).startsWith("✅").contains("onaylandı");
      // the customer has just written: free-form, with the update template as its fallback
      assertThat(told.fallback()).isNotNull();
      assertThat(told.fallback().name()).isEqualTo("reservation_update");
      assertThat(told.tells()).containsExactly(request.commandId());
      // and the next turn knows it: the told text is the conversation's last message
      String toldText = body(told);
      Awaitility.await()
          .atMost(Duration.ofSeconds(30))
          .until(
              () -> memory.getMessages(new ConversationId(tenant, customer)),
              history ->
                  !history.isEmpty()
                      && history.get(history.size() - 1) instanceof AiMessage ai
                      && toldText.equals(ai.text()));
    }
  }

  @Test
  void theRequesterIsToldOnlyAfterTheirRunningTurnHasReplied() throws Exception {
    UUID tenant = tenant(Notifications.defaults());
    String customer = "905321000012";
    try (Outbound outbound = new Outbound(tenant);
        Commands commands = new Commands(tenant)) {
      String wamid = send(text(tenant, customer, "Veli", "Yarın 22:00 ayır"));
      RequestReservation request = commands.await(RequestReservation.class, wamid);
      outbound.await(m -> m.to().equals(customer)); // the promise

      // a turn of the customer is running (say it gave up waiting and is about to promise)
      CountDownLatch turnEnds = new CountDownLatch(1);
      dispatcher.submit(
          tenant + ":" + customer,
          () -> {
            try {
              turnEnds.await();
            } catch (InterruptedException e) {
              Thread.currentThread().interrupt();
            }
          },
          failure -> {});
      try {
        publish(confirmed(request, request.customer()));
        // longer than the notifier's hold (outcome-wait 2 s + 1 s): still nothing while it runs
        outbound.staysAt(m -> m.to().equals(customer), 1, Duration.ofSeconds(6));
      } finally {
        turnEnds.countDown();
      }
      outbound.awaitCount(m -> m.to().equals(customer), 2);
      outbound.staysAt(m -> m.to().equals(customer), 2);
      assertThat(body(outbound.matching(m -> m.to().equals(customer)).get(1))).startsWith("✅");
    }
  }

  // (b) owner's changes reach the customer

  @Test
  void theOwnerCancelsACustomersBookingByChatAndTheCustomerIsToldOnce() throws Exception {
    UUID tenant = tenant(Notifications.defaults());
    String customer = "905321000003";
    contacts.wrote(tenant, customer, Instant.now()).block();
    ReservationView booked =
        view(
            101,
            new CustomerRef("Ayşe", customer, customer),
            tomorrowAt(20),
            ReservationView.ACTIVE);
    BOOKED.put(tenant, List.of(booked));
    try (Outbound outbound = new Outbound(tenant);
        Commands commands = new Commands(tenant)) {
      send(text(tenant, OWNER, null, "Yarın 20:00 iptal"));
      OutboundMessage question = outbound.await(m -> m.to().equals(OWNER));
      OutboundContent.Buttons buttons = (OutboundContent.Buttons) question.content();
      String yes = buttons.buttons().get(0).id();
      assertThat(yes).isEqualTo("confirm-cancel|101");

      String tap = send(button(tenant, OWNER, yes, "Evet"));
      CancelReservation cancel = commands.await(CancelReservation.class, tap);
      assertThat(cancel.requestedBy()).isEqualTo(new Actor(Actor.Role.OWNER, OWNER));
      publish(
          new ReservationCancelled(
              UUID.randomUUID().toString(),
              Instant.now(),
              tenant,
              cancel.commandId(),
              withStatus(booked, ReservationView.CANCELLED),
              cancel.requestedBy(),
              cancel.causationId()));

      OutboundMessage toCustomer = outbound.await(m -> m.to().equals(customer));
      assertThat(body(toCustomer)).startsWith("❌");
      outbound.awaitCount(m -> m.to().equals(OWNER), 2); // the question, then the outcome
      outbound.staysAt(m -> m.to().equals(customer), 1);
      outbound.staysAt(m -> m.to().equals(OWNER), 2);
    }
  }

  @Test
  void theOwnersBookingForACustomerIsToldToBothFreeFormWithinTheWindowAndByTemplateOutside()
      throws Exception {
    UUID tenant = tenant(Notifications.defaults());
    String outside = "905321112233";
    String inside = "905321112244";
    contacts.wrote(tenant, inside, Instant.now().minus(Duration.ofHours(2))).block();
    contacts.wrote(tenant, outside, Instant.now().minus(Duration.ofHours(30))).block();
    try (Outbound outbound = new Outbound(tenant);
        Commands commands = new Commands(tenant)) {
      for (String phone : List.of(outside, inside)) {
        String spaced =
            "0" + phone.substring(2, 5) + " " + phone.substring(5, 8) + " " + phone.substring(8);
        String wamid =
            send(
                text(
                    tenant,
                    OWNER,
                    null,
                    "Yarın 19:00-20:00 Mehmet Kaya için rezervasyon, numarası " + spaced));
        RequestReservation request = commands.await(RequestReservation.class, wamid);
        assertThat(request.customer().phone()).isEqualTo(phone);
        publish(confirmed(request, request.customer()));
        OutboundMessage toOwner =
            outbound.await(m -> m.to().equals(OWNER) && wamid.equals(m.replyToWamid()));
        assertThat(body(toOwner)).contains("Mehmet Kaya için");
        outbound.await(m -> m.to().equals(phone));
      }
      outbound.staysAt(m -> m.to().equals(outside), 1);
      outbound.staysAt(m -> m.to().equals(inside), 1);
      OutboundMessage template = outbound.matching(m -> m.to().equals(outside)).get(0);
      OutboundContent.Template t = (OutboundContent.Template) template.content();
      assertThat(t.name()).isEqualTo("reservation_update");
      assertThat(t.language()).isEqualTo("tr");
      assertThat(t.bodyParameters()).singleElement().asString().contains("onaylandı");
      OutboundMessage freeForm = outbound.matching(m -> m.to().equals(inside)).get(0);
      assertThat(body(freeForm)).contains("onaylandı");
      assertThat(freeForm.fallback()).isNotNull();
    }
  }

  // (c) reminders

  @Test
  void aReminderPublishedTwiceIsToldOnceWithTwoButtonsAndItsCancelButtonCancels() throws Exception {
    UUID tenant = tenant(Notifications.defaults());
    String customer = "905321000005";
    String away = "905321000006";
    contacts.wrote(tenant, customer, Instant.now()).block();
    ReservationView booked =
        view(201, new CustomerRef("Can", customer, customer), tomorrowAt(18), "active");
    ReservationView awayBooked =
        view(202, new CustomerRef(null, away, away), tomorrowAt(19), "active");
    try (Outbound outbound = new Outbound(tenant);
        Commands commands = new Commands(tenant)) {
      publish(reminder(tenant, booked));
      publish(reminder(tenant, booked));
      publish(reminder(tenant, awayBooked));

      OutboundMessage reminder = outbound.await(m -> m.to().equals(customer));
      OutboundContent.Buttons buttons = (OutboundContent.Buttons) reminder.content();
      assertThat(buttons.buttons())
          .extracting(OutboundContent.ReplyButton::title)
          .containsExactly("Geliyorum", "İptal et");
      assertThat(reminder.fallback().name()).isEqualTo("reservation_reminder");
      OutboundMessage templated = outbound.await(m -> m.to().equals(away));
      OutboundContent.Template t = (OutboundContent.Template) templated.content();
      assertThat(t.name()).isEqualTo("reservation_reminder");
      assertThat(t.bodyParameters()).hasSize(2).first().isEqualTo("Saha 1");
      assertThat(t.quickReplyPayloads()).containsExactly("reminder-cancel|202");
      outbound.staysAt(m -> m.to().equals(customer), 1);

      send(button(tenant, customer, buttons.buttons().get(0).id(), "Geliyorum"));
      OutboundMessage ack = outbound.awaitCount(m -> m.to().equals(customer), 2).get(1);
      assertThat(body(ack)).isEqualTo(Texts.text("tr", "coming_ack"));

      String tap = send(button(tenant, customer, buttons.buttons().get(1).id(), "İptal et"));
      CancelReservation cancel = commands.await(CancelReservation.class, tap);
      assertThat(cancel.reservationId()).isEqualTo(201);
      assertThat(cancel.requestedBy()).isEqualTo(new Actor(Actor.Role.CUSTOMER, customer));
    }
  }

  @Test
  void anOutcomeThatArrivesWhileTheDatabaseIsAwayIsToldOnceItIsBack() throws Exception {
    UUID tenant = tenant(Notifications.defaults());
    String customer = "905321000015";
    contacts.wrote(tenant, customer, Instant.now()).block();
    ReservationView booked =
        view(215, new CustomerRef("Ece", customer, customer), tomorrowAt(20), "active");
    var database = io.sahabot.testsupport.SahaBotInfrastructure.get().database();
    try (Outbound outbound = new Outbound(tenant)) {
      database.refuseConnections();
      try {
        publish(reminder(tenant, booked));
        // longer than the bounded retries (about 5 s) that used to dead-letter it
        outbound.staysAt(m -> m.to().equals(customer), 0, Duration.ofSeconds(8));
      } finally {
        database.allowConnections();
      }
      outbound.await(m -> m.to().equals(customer));
      outbound.staysAt(m -> m.to().equals(customer), 1);
    }
  }

  // (d) a closed window found out later

  @Test
  void aFailed131047StatusSendsTheFallbackTemplateOnce() throws Exception {
    UUID tenant = tenant(Notifications.defaults());
    String customer = "905321000007";
    contacts.wrote(tenant, customer, Instant.now()).block();
    ReservationView booked =
        view(301, new CustomerRef("Efe", customer, customer), tomorrowAt(17), "cancelled");
    try (Outbound outbound = new Outbound(tenant)) {
      publish(
          new ReservationCancelled(
              UUID.randomUUID().toString(),
              Instant.now(),
              tenant,
              "cmd-" + UUID.randomUUID(),
              booked,
              new Actor(Actor.Role.OWNER, OWNER),
              null));
      OutboundMessage told = outbound.await(m -> m.to().equals(customer));
      assertThat(told.fallback()).isNotNull();

      publish(failed(tenant, customer, told.eventId()));
      OutboundMessage fallback = outbound.awaitCount(m -> m.to().equals(customer), 2).get(1);
      assertThat(fallback.eventId()).isEqualTo(told.eventId() + ":fallback");
      assertThat(fallback.content()).isEqualTo(told.fallback());

      publish(failed(tenant, customer, told.eventId()));
      outbound.staysAt(m -> m.to().equals(customer), 2);
    }
  }

  // (e) the owner is told of customers' bookings when the business wants it

  @Test
  void aCustomersBookingIsToldToTheOwnerOnlyWhenTellOwnerIsOn() throws Exception {
    UUID on = tenant(Notifications.defaults());
    UUID off = tenant(new Notifications(false, 180, null, null, null, null));
    String customer = "905321000008";
    for (UUID tenant : List.of(on, off)) {
      try (Outbound outbound = new Outbound(tenant)) {
        CustomerRef ref = new CustomerRef(null, customer, customer);
        publish(
            new ReservationConfirmed(
                UUID.randomUUID().toString(),
                Instant.now(),
                tenant,
                "cmd-" + UUID.randomUUID(),
                view(401, ref, tomorrowAt(22), "active"),
                new Actor(Actor.Role.CUSTOMER, customer),
                null));
        outbound.await(m -> m.to().equals(customer));
        if (tenant.equals(on)) {
          OutboundMessage notice = outbound.await(m -> m.to().equals(OWNER));
          // outside the owner's window: the update template carries the notice
          OutboundContent.Template t = (OutboundContent.Template) notice.content();
          assertThat(t.bodyParameters().get(0)).contains("+" + customer).contains("22:00");
        } else {
          outbound.staysAt(m -> m.to().equals(OWNER), 0);
        }
      }
    }
  }

  // (f) no-show by chat

  @Test
  void theOwnerSaysACustomerDidNotComeAndItIsMarkedNoShow() throws Exception {
    UUID tenant = tenant(Notifications.defaults());
    ZonedDateTime yesterday21 = ZonedDateTime.now(ISTANBUL).minusDays(1).withHour(21);
    ReservationView mehmet =
        view(
            501,
            new CustomerRef("Mehmet Yılmaz", "905321000009", "905321000009"),
            yesterday21.withMinute(0).withSecond(0).withNano(0).toInstant(),
            "active");
    ReservationView ali =
        view(
            502,
            new CustomerRef("Ali", "905321000010", "905321000010"),
            yesterday21.minusHours(2).withMinute(0).withSecond(0).withNano(0).toInstant(),
            "active");
    BOOKED.put(tenant, List.of(ali, mehmet));
    try (Commands commands = new Commands(tenant)) {
      String first = send(text(tenant, OWNER, null, "Mehmet gelmedi"));
      assertThat(commands.await(MarkNoShow.class, first).reservationId()).isEqualTo(501);
      String second = send(text(tenant, OWNER, null, "dünkü 19:00 gelmedi"));
      MarkNoShow noShow = commands.await(MarkNoShow.class, second);
      assertThat(noShow.reservationId()).isEqualTo(502);
      assertThat(noShow.requestedBy()).isEqualTo(new Actor(Actor.Role.OWNER, OWNER));
    }
  }

  @Test
  void theOwnerSaysACustomerWillNotComeAndTheReservationToComeIsMarkedNoShow() throws Exception {
    UUID tenant = tenant(Notifications.defaults());
    ZonedDateTime tomorrow21 =
        ZonedDateTime.now(ISTANBUL).plusDays(1).withHour(21).truncatedTo(ChronoUnit.HOURS);
    ReservationView aliYesterday =
        view(
            503,
            new CustomerRef("Ali", "905321000013", "905321000013"),
            tomorrow21.minusDays(2).toInstant(),
            "active");
    ReservationView aliTomorrow =
        view(
            504,
            new CustomerRef("Ali", "905321000013", "905321000013"),
            tomorrow21.minusHours(2).toInstant(),
            "active");
    ReservationView ahmetTomorrow =
        view(
            505,
            new CustomerRef("Ahmet", "905321000014", "905321000014"),
            tomorrow21.toInstant(),
            "active");
    BOOKED.put(tenant, List.of(aliYesterday, aliTomorrow, ahmetTomorrow));
    try (Commands commands = new Commands(tenant)) {
      String ali = send(text(tenant, OWNER, null, "Ali yarın gelmeyecek"));
      assertThat(commands.await(MarkNoShow.class, ali).reservationId()).isEqualTo(504);
      String ahmet = send(text(tenant, OWNER, null, "Ahmet's 21:00 won't come"));
      MarkNoShow noShow = commands.await(MarkNoShow.class, ahmet);
      assertThat(noShow.reservationId()).isEqualTo(505);
      assertThat(noShow.requestedBy()).isEqualTo(new Actor(Actor.Role.OWNER, OWNER));
    }
  }

  // the owners' daily summary

  @Test
  void theOwnersGetTheDailySummaryOnceAtItsTime() throws Exception {
    LocalTime now = LocalTime.now(ISTANBUL);
    String at =
        now.isBefore(LocalTime.of(0, 1))
            ? "00:00"
            : now.minusMinutes(1).format(DateTimeFormatter.ofPattern("HH:mm"));
    UUID tenant = tenant(new Notifications(true, 180, at, null, null, null));
    Instant thisHour = ZonedDateTime.now(ISTANBUL).truncatedTo(ChronoUnit.HOURS).toInstant();
    BOOKED.put(
        tenant,
        List.of(
            view(601, new CustomerRef("Ali", "905321000011", "905321000011"), thisHour, "active"),
            view(
                602,
                new CustomerRef("Veli", "905321000012", "905321000012"),
                thisHour,
                "cancelled")));
    try (Outbound outbound = new Outbound(tenant)) {
      OutboundMessage summary = outbound.await(m -> m.to().equals(OWNER));
      assertThat(body(summary)).contains("Ali").doesNotContain("Veli");
      summaries.tick(); // as another instance, or after a restart
      outbound.staysAt(m -> m.to().equals(OWNER), 1);
    }
  }

  // fixtures

  private UUID tenant(Notifications notifications) {
    UUID tenant = UUID.randomUUID();
    TenantRows.insert(tenant, "pn-" + tenant, "Saha Sonuç");
    TenantSettings d = TenantSettings.defaults();
    TenantSettings settings =
        new TenantSettings(
            d.timeZone(),
            "tr",
            d.currency(),
            d.pricePerHour(),
            d.peakPrices(),
            d.openingHours(),
            d.slotMinutes(),
            d.fields(),
            List.of(OWNER),
            d.greeting(),
            null,
            notifications);
    tenants.put(
        new TenantSnapshot(
            "t",
            Instant.now(),
            tenant,
            null,
            "pn-" + tenant,
            null,
            "Saha Sonuç",
            true,
            settings,
            1));
    return tenant;
  }

  private static Instant tomorrowAt(int hour) {
    return LocalDate.now(ISTANBUL).plusDays(1).atTime(hour, 0).atZone(ISTANBUL).toInstant();
  }

  private static ReservationView view(long id, CustomerRef customer, Instant start, String status) {
    return new ReservationView(
        id,
        "Saha 1",
        customer,
        start,
        start.plus(Duration.ofHours(1)),
        status,
        new BigDecimal("1000.00"),
        "TRY");
  }

  private static ReservationView withStatus(ReservationView r, String status) {
    return new ReservationView(
        r.id(), r.field(), r.customer(), r.start(), r.end(), status, r.price(), r.currency());
  }

  private static ReservationConfirmed confirmed(RequestReservation r, CustomerRef customer) {
    return new ReservationConfirmed(
        UUID.randomUUID().toString(),
        Instant.now(),
        r.tenantId(),
        r.commandId(),
        new ReservationView(
            7,
            r.field() == null ? "Saha 1" : r.field(),
            customer,
            r.start(),
            r.end(),
            "active",
            new BigDecimal("1000.00"),
            "TRY"),
        r.requestedBy(),
        r.causationId());
  }

  private static ReminderDue reminder(UUID tenant, ReservationView r) {
    return new ReminderDue(
        UUID.randomUUID().toString(), Instant.now(), tenant, ReminderDue.idOf(r), r);
  }

  private static DeliveryStatus failed(UUID tenant, String to, String callbackData) {
    return new DeliveryStatus(
        UUID.randomUUID().toString(),
        Instant.now(),
        tenant,
        "delivery",
        "pn-" + tenant,
        to,
        "wamid.out." + UUID.randomUUID(),
        DeliveryStatus.Status.FAILED,
        Instant.now(),
        List.of(new ErrorDetail(131047, "Re-engagement message", null, null)),
        callbackData);
  }

  private void publish(ReservationEvent event) throws Exception {
    kafka.send(Topics.RESERVATION_EVENTS.name(), event.key(), event).get();
  }

  private void publish(DeliveryStatus status) throws Exception {
    kafka.send(Topics.WHATSAPP_INBOUND_STATUSES.name(), status.key(), status).get();
  }

  /** Sends an inbound message; its wamid. */
  private String send(InboundMessage message) throws Exception {
    kafka.send(Topics.WHATSAPP_INBOUND_MESSAGES.name(), message.key(), message).get();
    return message.wamid();
  }

  private static InboundMessage text(UUID tenant, String from, String name, String text) {
    return message(tenant, from, name, MessageKind.TEXT, text, null);
  }

  private static InboundMessage button(UUID tenant, String from, String id, String title) {
    return message(
        tenant, from, null, MessageKind.BUTTON_REPLY, null, new InteractiveReply(id, title, null));
  }

  private static InboundMessage message(
      UUID tenant,
      String from,
      String name,
      MessageKind kind,
      String text,
      InteractiveReply reply) {
    return new InboundMessage(
        UUID.randomUUID().toString(),
        Instant.now(),
        tenant,
        "delivery",
        "pn-" + tenant,
        null,
        from,
        from,
        null,
        name,
        "wamid." + UUID.randomUUID(),
        Instant.now(),
        kind,
        text,
        reply,
        null,
        null,
        null,
        List.of(),
        null,
        null);
  }

  private static String body(OutboundMessage m) {
    if (m.content() instanceof OutboundContent.Text t) {
      return t.body();
    }
    if (m.content() instanceof OutboundContent.Buttons b) {
      return b.body();
    }
    return m.content().toString();
  }

  private static Map<String, Object> consumerProperties(String group) {
    return Map.of(
        ConsumerConfig.BOOTSTRAP_SERVERS_CONFIG,
        SahaBotInfrastructure.get().kafkaBootstrapServers(),
        ConsumerConfig.GROUP_ID_CONFIG,
        group + "-" + UUID.randomUUID(),
        ConsumerConfig.AUTO_OFFSET_RESET_CONFIG,
        "earliest",
        ConsumerConfig.ISOLATION_LEVEL_CONFIG,
        "read_committed");
  }

  /** The tenant's messages on whatsapp.outbound, as they come. */
  private static final class Outbound implements AutoCloseable {

    private final UUID tenant;
    private final KafkaConsumer<String, OutboundRecord> consumer;
    private final List<OutboundMessage> seen = new ArrayList<>();

    Outbound(UUID tenant) {
      this.tenant = tenant;
      this.consumer =
          new KafkaConsumer<>(
              consumerProperties("outcomes-outbound"),
              new StringDeserializer(),
              WireSerdes.valueDeserializer(Topics.WHATSAPP_OUTBOUND));
      consumer.subscribe(List.of(Topics.WHATSAPP_OUTBOUND.name()));
    }

    synchronized List<OutboundMessage> matching(Predicate<OutboundMessage> filter) {
      for (var r : consumer.poll(Duration.ofMillis(200))) {
        if (r.value() instanceof OutboundMessage m
            && m.tenantId().equals(tenant)
            && !(m.content() instanceof OutboundContent.MarkRead)) {
          seen.add(m);
        }
      }
      return seen.stream().filter(filter).toList();
    }

    OutboundMessage await(Predicate<OutboundMessage> filter) {
      return awaitCount(filter, 1).get(0);
    }

    List<OutboundMessage> awaitCount(Predicate<OutboundMessage> filter, int count) {
      return Awaitility.await()
          .atMost(Duration.ofSeconds(60))
          .until(() -> matching(filter), list -> list.size() >= count);
    }

    /** Nothing more matches for the next 5 s (longer than the notifier's hold). */
    void staysAt(Predicate<OutboundMessage> filter, int count) {
      staysAt(filter, count, Duration.ofSeconds(5));
    }

    void staysAt(Predicate<OutboundMessage> filter, int count, Duration during) {
      Awaitility.await()
          .during(during)
          .atMost(during.plusSeconds(3))
          .until(() -> matching(filter).size() == count);
    }

    @Override
    public void close() {
      consumer.close();
    }
  }

  /** The tenant's commands on reservation.commands. */
  private static final class Commands implements AutoCloseable {

    private final UUID tenant;
    private final KafkaConsumer<String, ReservationCommand> consumer;
    private final List<ReservationCommand> seen = new ArrayList<>();

    Commands(UUID tenant) {
      this.tenant = tenant;
      this.consumer =
          new KafkaConsumer<>(
              consumerProperties("outcomes-commands"),
              new StringDeserializer(),
              WireSerdes.valueDeserializer(Topics.RESERVATION_COMMANDS));
      consumer.subscribe(List.of(Topics.RESERVATION_COMMANDS.name()));
    }

    /** The command of type {@code type} the turn of {@code wamid} sent. */
    <C extends ReservationCommand> C await(Class<C> type, String wamid) {
      return type.cast(
          Awaitility.await()
              .atMost(Duration.ofSeconds(60))
              .until(
                  () -> {
                    for (var r : consumer.poll(Duration.ofMillis(200))) {
                      if (r.value().tenantId().equals(tenant)) {
                        seen.add(r.value());
                      }
                    }
                    return seen.stream()
                        .filter(c -> type.isInstance(c) && wamid.equals(c.causationId()))
                        .findFirst()
                        .orElse(null);
                  },
                  c -> c != null));
    }

    @Override
    public void close() {
      consumer.close();
    }
  }
}
