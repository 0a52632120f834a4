package io.sahabot.agent.conversation;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import io.sahabot.agent.memory.ConversationId;
import io.sahabot.agent.memory.Dialogues;
import io.sahabot.agent.offline.domain.LanguageGuess;
import io.sahabot.agent.turn.ButtonPayload;
import io.sahabot.platform.kafka.WireSerdes;
import io.sahabot.platform.tenants.TenantSnapshots;
import io.sahabot.schemas.reservation.RequestReservation;
import io.sahabot.schemas.reservation.ReservationCommand;
import io.sahabot.schemas.tenant.TenantSettings;
import io.sahabot.schemas.tenant.TenantSnapshot;
import io.sahabot.schemas.topics.Topic;
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
import java.io.IOException;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneId;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import okhttp3.mockwebserver.Dispatcher;
import okhttp3.mockwebserver.MockResponse;
import okhttp3.mockwebserver.MockWebServer;
import okhttp3.mockwebserver.RecordedRequest;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.common.serialization.StringDeserializer;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.test.annotation.DirtiesContext;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;

/**
 * The console conversation through the real turn ({@link TurnHandler}): the offline model,
 * the conversation's memory and dialogue state in PostgreSQL between the turns, replies on
 * whatsapp.outbound and commands on reservation.commands on the real broker; reservation-service's
 * availability answered by a mock server (every hour free). An offer is answered by "evet", by
 * "book it please" in English, and by a tap on its "Ayır" button alike; no reply mixes two
 * languages.
 */
@IntegrationTest
// every context of this module consumes in the same groups (agent-service, the notifier's): closed
// after its class, so that the next class's context gets every partition
@DirtiesContext
class DialogueTurnsIT {

  private static final Duration WAIT = Duration.ofSeconds(90);
  private static final Instant FRIDAY_10 = Instant.parse("2026-11-27T07:00:00Z");
  private static final MockWebServer reservationService = new MockWebServer();

  static {
    reservationService.setDispatcher(
        new Dispatcher() {
          @Override
          public MockResponse dispatch(RecordedRequest request) {
            String path = request.getRequestUrl().encodedPath();
            if (path.endsWith("/availability")) {
              return new MockResponse()
                  .setHeader("Content-Type", "application/json")
                  .setBody(
                      allFree(LocalDate.parse(request.getRequestUrl().queryParameter("date"))));
            }
            return new MockResponse().setHeader("Content-Type", "application/json").setBody("[]");
          }
        });
    try {
      reservationService.start();
    } catch (IOException e) {
      throw new IllegalStateException(e);
    }
  }

  @DynamicPropertySource
  static void reservationService(DynamicPropertyRegistry registry) {
    registry.add(
        "sahabot.agent.reservation-service-url", () -> reservationService.url("/").toString());
    registry.add("sahabot.agent.outcome-wait", () -> "0s");
  }

  @AfterAll
  static void stop() throws IOException {
    reservationService.close();
  }

  @Autowired TenantSnapshots tenants;
  @Autowired TurnHandler turns;
  @Autowired Dialogues dialogues;

  @Test
  void anOfferIsBookedByYesByBookItAndByItsButtonAlike() throws Exception {
    UUID tenant = tenant();
    try (KafkaConsumer<String, ReservationCommand> commands =
            consumer(Topics.RESERVATION_COMMANDS);
        KafkaConsumer<String, OutboundRecord> outbound = consumer(Topics.WHATSAPP_OUTBOUND)) {
      commands.subscribe(List.of(Topics.RESERVATION_COMMANDS.name()));
      outbound.subscribe(List.of(Topics.WHATSAPP_OUTBOUND.name()));
      List<OutboundMessage> replies = new ArrayList<>();
      List<RequestReservation> requests = new ArrayList<>();

      // Turkish: the offer, then "evet"
      InboundMessage ask = text(tenant, "905320002001", "Cumartesi akşam 8 boş mu?", 0);
      turns.handle(ask, null);
      OutboundContent.Buttons offer = button(awaitReplies(outbound, replies, ask.wamid()));
      assertThat(offer.body()).contains("Saha 1").contains("20:00").contains("boş");
      assertThat(offer.buttons()).hasSize(1);
      assertThat(offer.buttons().get(0).title()).isEqualTo("Ayır");
      ButtonPayload.Book offered =
          (ButtonPayload.Book) ButtonPayload.parse(offer.buttons().get(0).id()).orElseThrow();
      assertThat(offered)
          .isEqualTo(
              new ButtonPayload.Book(
                  "Saha 1",
                  Instant.parse("2026-11-28T17:00:00Z"),
                  Instant.parse("2026-11-28T18:00:00Z")));
      // kept with the memory, between the turns
      assertThat(dialogues.load(new ConversationId(tenant, "905320002001")).proposal()).isNotNull();

      InboundMessage yes = text(tenant, "905320002001", "evet", 1);
      turns.handle(yes, null);
      RequestReservation typed = awaitRequest(commands, requests, yes.wamid());
      assertThat(slot(typed)).isEqualTo(offered);

      // the same offer in another conversation, answered by a tap on its button
      InboundMessage ask2 = text(tenant, "905320002002", "Cumartesi akşam 8 boş mu?", 0);
      turns.handle(ask2, null);
      OutboundContent.Buttons offer2 = button(awaitReplies(outbound, replies, ask2.wamid()));
      InboundMessage tap = tap(tenant, "905320002002", offer2.buttons().get(0), 1);
      turns.handle(tap, null);
      RequestReservation tapped = awaitRequest(commands, requests, tap.wamid());
      assertThat(slot(tapped)).isEqualTo(offered);

      // English: answered in English, "book it please" books
      InboundMessage hi = text(tenant, "905320002003", "Hi, is Sunday 8pm free?", 0);
      turns.handle(hi, null);
      OutboundContent.Buttons english = button(awaitReplies(outbound, replies, hi.wamid()));
      assertThat(english.body()).contains("is free").contains("Sunday");
      assertThat(english.buttons().get(0).title()).isEqualTo("Book");
      InboundMessage bookIt = text(tenant, "905320002003", "book it please", 1);
      turns.handle(bookIt, null);
      RequestReservation booked = awaitRequest(commands, requests, bookIt.wamid());
      assertThat(booked.start()).isEqualTo(Instant.parse("2026-11-29T17:00:00Z"));
      List<OutboundMessage> toBookIt = awaitReplies(outbound, replies, bookIt.wamid());
      assertThat(body(toBookIt.get(0))).doesNotContain("Rezervasyon").doesNotContain("İsteğiniz");

      // a no closes the offer: nothing is booked by a later "evet"
      InboundMessage ask4 = text(tenant, "905320002004", "yarın 9 boş mu", 0);
      turns.handle(ask4, null);
      awaitReplies(outbound, replies, ask4.wamid());
      InboundMessage no = text(tenant, "905320002004", "yok, vazgeçtim teşekkürler", 1);
      turns.handle(no, null);
      assertThat(body(awaitReplies(outbound, replies, no.wamid()).get(0))).startsWith("Tamam");
      assertThat(dialogues.load(new ConversationId(tenant, "905320002004")).proposal()).isNull();

      for (OutboundMessage reply : replies) {
        assertThat(LanguageGuess.mixes(body(reply))).as(body(reply)).isFalse();
      }
    }
  }

  private static ButtonPayload.Book slot(RequestReservation r) {
    return new ButtonPayload.Book(r.field(), r.start(), r.end());
  }

  private static OutboundContent.Buttons button(List<OutboundMessage> replies) {
    return replies.stream()
        .map(OutboundMessage::content)
        .filter(OutboundContent.Buttons.class::isInstance)
        .map(OutboundContent.Buttons.class::cast)
        .findFirst()
        .orElseThrow(() -> new AssertionError("no button in " + replies));
  }

  private static String body(OutboundMessage m) {
    if (m.content() instanceof OutboundContent.Text t) {
      return t.body();
    }
    if (m.content() instanceof OutboundContent.Buttons b) {
      return b.body();
    }
    return m.content() instanceof OutboundContent.ListMessage l ? l.body() : "";
  }

  private static List<OutboundMessage> awaitReplies(
      KafkaConsumer<String, OutboundRecord> outbound, List<OutboundMessage> seen, String wamid) {
    return await()
        .atMost(WAIT)
        .until(
            () -> {
              for (var r : outbound.poll(Duration.ofMillis(200))) {
                if (r.value() instanceof OutboundMessage m
                    && !(m.content() instanceof OutboundContent.MarkRead)) {
                  seen.add(m);
                }
              }
              return seen.stream().filter(m -> wamid.equals(m.causationId())).toList();
            },
            l -> !l.isEmpty());
  }

  private static RequestReservation awaitRequest(
      KafkaConsumer<String, ReservationCommand> commands,
      List<RequestReservation> seen,
      String wamid) {
    return await()
        .atMost(WAIT)
        .until(
            () -> {
              for (var r : commands.poll(Duration.ofMillis(200))) {
                if (r.value() instanceof RequestReservation request) {
                  seen.add(request);
                }
              }
              return seen.stream().filter(r -> wamid.equals(r.causationId())).findFirst();
            },
            java.util.Optional::isPresent)
        .orElseThrow();
  }

  private UUID tenant() {
    UUID tenant = UUID.randomUUID();
    TenantRows.insert(tenant, "pn-" + tenant, "Yıldız Halı Saha");
    TenantSettings d = TenantSettings.defaults();
    TenantSettings settings =
        new TenantSettings(
            d.timeZone(),
            "tr",
            d.currency(),
            d.pricePerHour(),
            d.peakPrices(),
            d.openingHours(),
            60,
            List.of("Saha 1", "Saha 2"),
            List.of(),
            d.greeting(),
            null);
    tenants.put(
        new TenantSnapshot(
            "t",
            Instant.now(),
            tenant,
            null,
            "pn-" + tenant,
            null,
            "Yıldız Halı Saha",
            true,
            settings,
            1));
    return tenant;
  }

  private static InboundMessage text(UUID tenant, String from, String text, int minute) {
    return message(tenant, from, MessageKind.TEXT, text, null, minute);
  }

  private static InboundMessage tap(
      UUID tenant, String from, OutboundContent.ReplyButton button, int minute) {
    return message(
        tenant,
        from,
        MessageKind.BUTTON_REPLY,
        null,
        new InteractiveReply(button.id(), button.title(), null),
        minute);
  }

  private static InboundMessage message(
      UUID tenant, String from, MessageKind kind, String text, InteractiveReply reply, int minute) {
    Instant at = FRIDAY_10.plusSeconds(60L * minute);
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
        null,
        "wamid." + UUID.randomUUID(),
        at,
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

  static String allFree(LocalDate date) {
    List<String> slots = new ArrayList<>();
    for (int h = 9; h < 24; h++) {
      Instant s = date.atTime(h, 0).atZone(ZoneId.of("Europe/Istanbul")).toInstant();
      slots.add("{\"start\":\"" + s + "\",\"end\":\"" + s.plusSeconds(3600) + "\"}");
    }
    String free = String.join(",", slots);
    return """
        {"date":"%s","timeZone":"Europe/Istanbul","lengthMinutes":60,"fields":[
         {"field":"Saha 1","free":[%s]},{"field":"Saha 2","free":[%s]}]}
        """
        .formatted(date, free, free);
  }

  private static <V> KafkaConsumer<String, V> consumer(Topic<V> topic) {
    return new KafkaConsumer<>(
        Map.of(
            ConsumerConfig.BOOTSTRAP_SERVERS_CONFIG,
            SahaBotInfrastructure.get().kafkaBootstrapServers(),
            ConsumerConfig.GROUP_ID_CONFIG,
            "dialogue-turns-" + UUID.randomUUID(),
            ConsumerConfig.AUTO_OFFSET_RESET_CONFIG,
            "earliest"),
        new StringDeserializer(),
        WireSerdes.valueDeserializer(topic));
  }
}
