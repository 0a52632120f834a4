package io.sahabot.agent.outcomes;

import static org.assertj.core.api.Assertions.assertThat;

import io.sahabot.agent.tools.Texts;
import io.sahabot.platform.kafka.WireSerdes;
import io.sahabot.platform.tenants.TenantSnapshots;
import io.sahabot.schemas.reservation.AcceptWaitlistOffer;
import io.sahabot.schemas.reservation.CustomerRef;
import io.sahabot.schemas.reservation.JoinWaitlist;
import io.sahabot.schemas.reservation.RejectionReason;
import io.sahabot.schemas.reservation.RequestReservation;
import io.sahabot.schemas.reservation.RequestSeries;
import io.sahabot.schemas.reservation.ReservationCommand;
import io.sahabot.schemas.reservation.ReservationConfirmed;
import io.sahabot.schemas.reservation.ReservationEvent;
import io.sahabot.schemas.reservation.ReservationRejected;
import io.sahabot.schemas.reservation.ReservationView;
import io.sahabot.schemas.reservation.SeriesBooked;
import io.sahabot.schemas.reservation.Slot;
import io.sahabot.schemas.reservation.WaitlistJoined;
import io.sahabot.schemas.reservation.WaitlistOfferExpired;
import io.sahabot.schemas.reservation.WaitlistOffered;
import io.sahabot.schemas.tenant.Notifications;
import io.sahabot.schemas.tenant.TenantSettings;
import io.sahabot.schemas.tenant.TenantSnapshot;
import io.sahabot.schemas.topics.Topics;
import io.sahabot.schemas.whatsapp.InboundMessage;
import io.sahabot.schemas.whatsapp.InteractiveReply;
import io.sahabot.schemas.whatsapp.MessageKind;
import io.sahabot.schemas.whatsapp.OutboundContent;
import io.sahabot.schemas.whatsapp.OutboundMessage;
import io.sahabot.schemas.whatsapp.OutboundRecord;
import io.sahabot.testsupport.IntegrationTest;
import io.sahabot.testsupport.SahaBotInfrastructure;
import io.sahabot.testsupport.TenantRows;
import java.math.BigDecimal;
import java.time.DayOfWeek;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.time.LocalTime;
import java.time.ZoneId;
import java.time.ZonedDateTime;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.UUID;
import java.util.function.Predicate;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.common.serialization.StringDeserializer;
import org.awaitility.Awaitility;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.kafka.core.KafkaTemplate;
import org.springframework.test.annotation.DirtiesContext;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;

/**
 * Recurring bookings and waitlists in chat, through the real agent (offline model), Kafka and
 * PostgreSQL. The test plays reservation-service as {@code OutcomesIT} does: it reads the command
 * the turn sent on reservation.commands and publishes the outcome reservation-service decides for
 * it (which reservation-service's own {@code SeriesIT} and {@code WaitlistIT} check on the real
 * service). The reply is what the customer reads.
 */
@IntegrationTest
// every context of this module consumes in the same groups (agent-service, the notifier's): closed
// after its class, so that the next class's context gets every partition
@DirtiesContext
class SeriesWaitlistChatIT {

  private static final ZoneId ISTANBUL = ZoneId.of("Europe/Istanbul");

  @DynamicPropertySource
  static void settings(DynamicPropertyRegistry registry) {
    registry.add("sahabot.agent.outcome-wait", () -> "5s");
  }

  @Autowired TenantSnapshots tenants;
  @Autowired KafkaTemplate<String, Object> kafka;

  private static final String OWNER = "905320000001";

  @Test
  void aTurkishSeriesWithTwoTakenWeeksIsToldWithTheTakenWeeksAndTheirAlternatives()
      throws Exception {
    UUID tenant = tenant("tr");
    String customer = "905321800001";
    try (Outbound outbound = new Outbound(tenant);
        Commands commands = new Commands(tenant)) {
      String wamid = send(text(tenant, customer, "Kartal", "Her salı 21:00, 8 hafta"));
      RequestSeries series = commands.await(RequestSeries.class, wamid);

      assertThat(series.occurrences()).isEqualTo(8);
      ZonedDateTime first = series.start().atZone(ISTANBUL);
      assertThat(first.getDayOfWeek()).isEqualTo(DayOfWeek.TUESDAY);
      assertThat(first.toLocalTime()).isEqualTo(LocalTime.of(21, 0));
      assertThat(Duration.between(Instant.now(), series.start())).isLessThan(Duration.ofDays(8));
      assertThat(Duration.between(series.start(), series.end())).isEqualTo(Duration.ofHours(1));
      assertThat(series.customer().phone()).isEqualTo(customer);

      publish(booked(series, Set.of(2, 4)));

      OutboundMessage reply = outbound.await(m -> m.to().equals(customer));
      assertThat(reply.replyToWamid()).isEqualTo(wamid);
      String body = body(reply);
      assertThat(body).startsWith("🔁").contains("6 hafta ayrıldı (toplam 8 hafta)");
      assertThat(body).contains("Ayrılamayanlar").contains("dolu").contains("Saha 2");
      assertThat(body.lines().filter(l -> l.startsWith("✅"))).hasSize(6);
      assertThat(body.lines().filter(l -> l.startsWith("•"))).hasSize(2);
      String week3 = Texts.day("tr", first.plusWeeks(2).toLocalDate());
      assertThat(body).contains(week3);
      assertThat(body).doesNotContain("TUESDAY").doesNotContain("OVERLAP");
    }
  }

  @Test
  void anEnglishSeriesUntilMarchAsksForTheTuesdaysBeforeMarch() throws Exception {
    UUID tenant = tenant("en");
    String customer = "905321800002";
    try (Outbound outbound = new Outbound(tenant);
        Commands commands = new Commands(tenant)) {
      String wamid = send(text(tenant, customer, "Sam", "every Tuesday at 9pm until March"));
      RequestSeries series = commands.await(RequestSeries.class, wamid);

      LocalDate first = series.start().atZone(ISTANBUL).toLocalDate();
      LocalDate march =
          LocalDate.of(first.getMonthValue() < 3 ? first.getYear() : first.getYear() + 1, 3, 1);
      int tuesdays = (int) ((ChronoUnit.DAYS.between(first, march) + 6) / 7);
      assertThat(series.occurrences()).isEqualTo(Math.min(tuesdays, 52));
      assertThat(series.start().atZone(ISTANBUL).toLocalTime()).isEqualTo(LocalTime.of(21, 0));

      publish(booked(series, Set.of()));
      OutboundMessage reply = outbound.await(m -> m.to().equals(customer));
      assertThat(body(reply))
          .startsWith("🔁 Weekly booking: " + series.occurrences() + " of " + series.occurrences());
    }
  }

  @Test
  void aTakenSlotOffersTheWaitlistAndAFreedSlotsOfferIsTakenWithItsButton() throws Exception {
    UUID tenant = tenant("tr");
    String customer = "905321800003";
    try (Outbound outbound = new Outbound(tenant);
        Commands commands = new Commands(tenant)) {
      // the slot is taken: the reply offers the free ones and the waitlist
      String wamid = send(text(tenant, customer, "Mehmet", "Yarın 20:00 ayır"));
      RequestReservation request = commands.await(RequestReservation.class, wamid);
      publish(overlap(request));
      // the text and its list of free slots, then the waitlist button
      List<OutboundMessage> replies = outbound.awaitCount(m -> m.to().equals(customer), 2);
      OutboundMessage waitButton =
          replies.stream()
              .filter(m -> m.content() instanceof OutboundContent.Buttons)
              .findFirst()
              .orElseThrow();
      String payload = ((OutboundContent.Buttons) waitButton.content()).buttons().get(0).id();
      assertThat(payload).startsWith("waitlist|Saha 1|");

      // the tap joins the waitlist
      String tap = send(button(tenant, customer, payload, "Sıraya gir"));
      JoinWaitlist join = commands.await(JoinWaitlist.class, tap);
      assertThat(join.start()).isEqualTo(request.start());
      assertThat(join.customer().phone()).isEqualTo(customer);
      publish(joined(join, 41));
      OutboundMessage joinedReply =
          outbound.await(m -> m.to().equals(customer) && tap.equals(m.replyToWamid()));
      assertThat(body(joinedReply)).contains("sıraya yazıldınız").contains("1. sıradasınız");

      // the slot frees: the offer comes with a button, which books it
      Instant holdUntil = Instant.now().plus(Duration.ofMinutes(15));
      publish(
          new WaitlistOffered(
              UUID.randomUUID().toString(),
              Instant.now(),
              tenant,
              WaitlistOffered.idOf(41),
              41,
              new Slot("Saha 1", join.start(), join.end()),
              join.customer(),
              holdUntil));
      OutboundMessage offer =
          outbound.await(
              m ->
                  m.to().equals(customer)
                      && m.content() instanceof OutboundContent.Buttons b
                      && b.buttons().get(0).id().startsWith("take-offer|"));
      assertThat(body(offer)).contains("boşaldı").contains(Texts.hm(holdUntil.atZone(ISTANBUL)));
      String take = ((OutboundContent.Buttons) offer.content()).buttons().get(0).id();
      assertThat(take).isEqualTo("take-offer|41");

      String tapOffer = send(button(tenant, customer, take, "Ayır"));
      AcceptWaitlistOffer accept = commands.await(AcceptWaitlistOffer.class, tapOffer);
      assertThat(accept.entryId()).isEqualTo(41);
      assertThat(accept.requestedBy().userId()).isEqualTo(customer);
      publish(
          new ReservationConfirmed(
              UUID.randomUUID().toString(),
              Instant.now(),
              tenant,
              accept.commandId(),
              new ReservationView(
                  77,
                  "Saha 1",
                  join.customer(),
                  join.start(),
                  join.end(),
                  "active",
                  new BigDecimal("1000.00"),
                  "TRY"),
              accept.requestedBy(),
              accept.causationId()));
      OutboundMessage booked =
          outbound.await(m -> m.to().equals(customer) && tapOffer.equals(m.replyToWamid()));
      assertThat(body(booked)).startsWith("✅");

      // another customer's offer that lapsed is told to them once
      String other = "905321800004";
      publish(
          new WaitlistOfferExpired(
              UUID.randomUUID().toString(),
              Instant.now(),
              tenant,
              WaitlistOfferExpired.idOf(42),
              42,
              new Slot("Saha 1", join.start(), join.end()),
              new CustomerRef("Ayşe", other, other)));
      OutboundMessage lapsed = outbound.await(m -> m.to().equals(other));
      // Ayşe has not written within 24 hours: the business's update template carries it
      assertThat(lapsed.content()).isInstanceOf(OutboundContent.Template.class);
      assertThat(((OutboundContent.Template) lapsed.content()).bodyParameters().get(0))
          .startsWith("⌛");
      outbound.staysAt(m -> m.to().equals(other), 1);
    }
  }

  // fixtures

  private static SeriesBooked booked(RequestSeries r, Set<Integer> takenWeeks) {
    List<ReservationView> booked = new ArrayList<>();
    List<SeriesBooked.MissedOccurrence> missed = new ArrayList<>();
    for (int week = 0; week < r.occurrences(); week++) {
      Instant start = r.start().atZone(ISTANBUL).plusWeeks(week).toInstant();
      Instant end = r.end().atZone(ISTANBUL).plusWeeks(week).toInstant();
      if (takenWeeks.contains(week)) {
        missed.add(
            new SeriesBooked.MissedOccurrence(
                new Slot("Saha 1", start, end),
                RejectionReason.OVERLAP,
                List.of(new Slot("Saha 2", start, end))));
      } else {
        booked.add(
            new ReservationView(
                100 + week,
                "Saha 1",
                r.customer(),
                start,
                end,
                "active",
                new BigDecimal("1000.00"),
                "TRY"));
      }
    }
    return new SeriesBooked(
        UUID.randomUUID().toString(),
        Instant.now(),
        r.tenantId(),
        r.commandId(),
        9,
        booked,
        missed,
        r.requestedBy(),
        r.causationId());
  }

  private static ReservationRejected overlap(RequestReservation r) {
    return new ReservationRejected(
        UUID.randomUUID().toString(),
        Instant.now(),
        r.tenantId(),
        r.commandId(),
        RejectionReason.OVERLAP,
        "the slot is taken on Saha 1",
        List.of(new Slot("Saha 2", r.start(), r.end())),
        r.requestedBy(),
        r.causationId());
  }

  private static WaitlistJoined joined(JoinWaitlist j, long entryId) {
    return new WaitlistJoined(
        UUID.randomUUID().toString(),
        Instant.now(),
        j.tenantId(),
        j.commandId(),
        entryId,
        new Slot("Saha 1", j.start(), j.end()),
        1,
        j.customer(),
        j.requestedBy(),
        j.causationId());
  }

  private UUID tenant(String language) {
    UUID tenant = UUID.randomUUID();
    TenantRows.insert(tenant, "pn-" + tenant, "Saha Seri");
    TenantSettings d = TenantSettings.defaults();
    TenantSettings settings =
        new TenantSettings(
            d.timeZone(),
            language,
            d.currency(),
            d.pricePerHour(),
            d.peakPrices(),
            d.openingHours(),
            d.slotMinutes(),
            List.of("Saha 1", "Saha 2"),
            List.of(OWNER),
            d.greeting(),
            null,
            new Notifications(false, 180, null, null, null, null));
    tenants.put(
        new TenantSnapshot(
            "t",
            Instant.now(),
            tenant,
            null,
            "pn-" + tenant,
            null,
            "Saha Seri",
            true,
            settings,
            1));
    return tenant;
  }

  private void publish(ReservationEvent event) throws Exception {
    kafka.send(Topics.RESERVATION_EVENTS.name(), event.key(), event).get();
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
