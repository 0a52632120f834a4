package io.sahabot.agent.tools;

import static org.assertj.core.api.Assertions.assertThat;

import io.sahabot.platform.kafka.WireSerdes;
import io.sahabot.platform.tenants.TenantSnapshots;
import io.sahabot.schemas.Json;
import io.sahabot.schemas.reservation.CancelReservation;
import io.sahabot.schemas.reservation.CustomerRef;
import io.sahabot.schemas.reservation.RejectionReason;
import io.sahabot.schemas.reservation.RequestReservation;
import io.sahabot.schemas.reservation.ReservationCommand;
import io.sahabot.schemas.reservation.ReservationEvent;
import io.sahabot.schemas.reservation.ReservationRejected;
import io.sahabot.schemas.reservation.ReservationView;
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
import java.io.IOException;
import java.math.BigDecimal;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneId;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.function.Predicate;
import okhttp3.mockwebserver.Dispatcher;
import okhttp3.mockwebserver.MockResponse;
import okhttp3.mockwebserver.MockWebServer;
import okhttp3.mockwebserver.RecordedRequest;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.serialization.StringDeserializer;
import org.apache.kafka.common.serialization.StringSerializer;
import org.awaitility.Awaitility;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.kafka.core.KafkaTemplate;
import org.springframework.test.annotation.DirtiesContext;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.node.ObjectNode;

/**
 * The owner runs the business by chat, through the real agent (offline model), Kafka and
 * PostgreSQL. The test plays tenant-service and reservation-service: a local stub takes the
 * confirmed settings change (and, as tenant-service's outbox does, publishes the new version to
 * {@code tenant.changelog}) and answers the read tools; the test reads {@code reservation.commands}
 * and publishes outcomes on {@code reservation.events}.
 */
@IntegrationTest
// every context of this module consumes in the same groups: closed after its class
@DirtiesContext
class OwnerAdminIT {

  private static final ZoneId ISTANBUL = ZoneId.of("Europe/Istanbul");
  private static final String OWNER = "905320000009";
  private static final List<RecordedChange> CHANGES = new CopyOnWriteArrayList<>();
  private static final Map<UUID, TenantSnapshot> CURRENT =
      new java.util.concurrent.ConcurrentHashMap<>();
  private static final Map<String, List<ReservationView>> UPCOMING =
      new java.util.concurrent.ConcurrentHashMap<>();

  /** reservation-service's bookings to come per tenant and field id (its /upcoming). */
  private static final Map<String, List<ReservationView>> FIELD_UPCOMING =
      new java.util.concurrent.ConcurrentHashMap<>();

  private static final MockWebServer stub = new MockWebServer();

  record RecordedChange(UUID tenant, JsonNode body) {}

  static {
    stub.setDispatcher(
        new Dispatcher() {
          @Override
          public MockResponse dispatch(RecordedRequest request) {
            String path = request.getPath();
            if ("PATCH".equals(request.getMethod()) && path.endsWith("/settings")) {
              return tenantServiceChange(
                  UUID.fromString(path.split("/")[3]),
                  Json.mapper().readTree(request.getBody().readUtf8()));
            }
            if (path.contains("/reservations?from=")) {
              return json(
                  new io.sahabot.schemas.reservation.query.Reservations(
                      LocalDate.now(ISTANBUL),
                      LocalDate.now(ISTANBUL).plusDays(400),
                      "Europe/Istanbul",
                      List.of()));
            }
            if (path.contains("/upcoming?fieldId=")) {
              String key =
                  path.split("/")[3]
                      + "|"
                      + java.net.URLDecoder.decode(
                          path.replaceAll(".*fieldId=([^&]*).*", "$1"),
                          java.nio.charset.StandardCharsets.UTF_8);
              return json(
                  new io.sahabot.schemas.reservation.query.Reservations(
                      LocalDate.now(ISTANBUL),
                      LocalDate.now(ISTANBUL).plusDays(365),
                      "Europe/Istanbul",
                      FIELD_UPCOMING.getOrDefault(key, List.of())));
            }
            if (path.contains("/customers/reservations")) {
              String user = path.replaceAll(".*user=([0-9]+).*", "$1");
              return json(UPCOMING.getOrDefault(user, List.of()));
            }
            return new MockResponse().setResponseCode(404);
          }
        });
    try {
      stub.start();
    } catch (IOException e) {
      throw new IllegalStateException(e);
    }
  }

  /** As tenant-service: merge, validate, next version, published on tenant.changelog. */
  private static MockResponse tenantServiceChange(UUID tenant, JsonNode body) {
    CHANGES.add(new RecordedChange(tenant, body));
    TenantSnapshot current = CURRENT.get(tenant);
    ObjectNode merged = Json.mapper().valueToTree(current.settings());
    body.get("settings").properties().forEach(e -> merged.set(e.getKey(), e.getValue()));
    TenantSettings settings = Json.mapper().treeToValue(merged, TenantSettings.class);
    TenantSnapshot next =
        new TenantSnapshot(
            UUID.randomUUID().toString(),
            Instant.now(),
            tenant,
            body.path("causationId").asString(null),
            current.phoneNumberId(),
            null,
            current.businessName(),
            true,
            settings,
            current.version() + 1);
    try (var producer =
        new KafkaProducer<String, Object>(
            Map.of(
                ProducerConfig.BOOTSTRAP_SERVERS_CONFIG,
                SahaBotInfrastructure.get().kafkaBootstrapServers()),
            new StringSerializer(),
            WireSerdes.valueSerializer())) {
      producer.send(new ProducerRecord<>(Topics.TENANT_CHANGELOG.name(), next.key(), next)).get();
    } catch (Exception e) {
      throw new IllegalStateException(e);
    }
    CURRENT.put(tenant, next);
    return json(
        Map.of("settings", settings, "version", next.version(), "onClosedDates", List.of()));
  }

  private static MockResponse json(Object body) {
    return new MockResponse()
        .setHeader("Content-Type", "application/json")
        .setBody(Json.mapper().writeValueAsString(body));
  }

  @DynamicPropertySource
  static void settings(DynamicPropertyRegistry registry) {
    registry.add("sahabot.agent.reservation-service-url", () -> stub.url("/").toString());
    registry.add("sahabot.tenant-service.url", () -> stub.url("/").toString());
    registry.add("sahabot.agent.outcome-wait", () -> "5s");
  }

  @AfterAll
  static void stop() throws IOException {
    stub.close();
  }

  @Autowired TenantSnapshots tenants;
  @Autowired KafkaTemplate<String, Object> kafka;

  @Test
  void anOwnersPriceChangeByChatIsConfirmedWithAButtonThenPublished() throws Exception {
    UUID tenant = tenant(null);
    String customer = "905321000091";
    try (Outbound outbound = new Outbound(tenant)) {
      send(text(tenant, OWNER, "Saat ücreti 1200 olsun"));

      OutboundMessage question = outbound.await(m -> m.to().equals(OWNER));
      var buttons = (OutboundContent.Buttons) question.content();
      assertThat(buttons.body()).contains("1200 TRY").contains("Onaylıyor musunuz?");
      String yes = buttons.buttons().get(0).id();
      assertThat(yes).startsWith("admin|price|1200");
      assertThat(changesOf(tenant)).as("nothing changes before the tap").isEmpty();

      // a customer cannot use the owner's button
      send(button(tenant, customer, yes, "Evet"));
      OutboundMessage refused = outbound.await(m -> m.to().equals(customer));
      assertThat(body(refused)).isEqualTo(Texts.text("tr", "owners_only"));

      String tap = send(button(tenant, OWNER, yes, "Evet"));
      OutboundMessage done = outbound.awaitCount(m -> m.to().equals(OWNER), 2).get(1);
      assertThat(body(done)).startsWith("Kaydedildi.").contains("1200 TRY");
      assertThat(changesOf(tenant)).hasSize(1);
      JsonNode change = changesOf(tenant).get(0).body();
      assertThat(change.at("/settings/pricePerHour").decimalValue()).isEqualByComparingTo("1200");
      assertThat(change.path("causationId").asString()).isEqualTo(tap);

      // the agent reads the published version from tenant.changelog; customers hear the new price
      Awaitility.await()
          .atMost(Duration.ofSeconds(30))
          .until(() -> tenants.get(tenant).map(TenantSnapshot::version).orElse(0L) == 2L);
      send(text(tenant, customer, "Saat ücreti ne kadar?"));
      OutboundMessage price = outbound.awaitCount(m -> m.to().equals(customer), 2).get(1);
      assertThat(body(price)).contains("1200 TRY");
    }
  }

  @Test
  void anOwnerClosesADateAndBlocksASlotByChat() throws Exception {
    UUID tenant = tenant(null);
    try (Outbound outbound = new Outbound(tenant);
        Commands commands = new Commands(tenant)) {
      send(text(tenant, OWNER, "31 Aralık kapalıyız"));
      var closed = (OutboundContent.Buttons) outbound.await(m -> m.to().equals(OWNER)).content();
      assertThat(closed.buttons().get(0).id()).startsWith("admin|closed|");
      send(button(tenant, OWNER, closed.buttons().get(0).id(), "Evet"));
      outbound.awaitCount(m -> m.to().equals(OWNER), 2);
      JsonNode days = changesOf(tenant).get(0).body().at("/settings/specialDays");
      assertThat(days.get(0).path("from").asString()).endsWith("-12-31");
      assertThat(days.get(0).has("hours")).isFalse();

      send(text(tenant, OWNER, "yarın 15-17 bakım"));
      var block =
          (OutboundContent.Buttons)
              outbound.awaitCount(m -> m.to().equals(OWNER), 3).get(2).content();
      String tap = send(button(tenant, OWNER, block.buttons().get(0).id(), "Evet"));
      RequestReservation blocked = commands.await(RequestReservation.class, tap);
      LocalDate tomorrow = LocalDate.now(ISTANBUL).plusDays(1);
      assertThat(blocked.start()).isEqualTo(tomorrow.atTime(15, 0).atZone(ISTANBUL).toInstant());
      assertThat(blocked.end()).isEqualTo(tomorrow.atTime(17, 0).atZone(ISTANBUL).toInstant());
      assertThat(blocked.customer().name()).isEqualTo("Bakım");
      assertThat(blocked.customer().isBlock()).isTrue();
      assertThat(blocked.requestedBy().role().name()).isEqualTo("OWNER");
    }
  }

  @Test
  void aRefusedLateCancellationSaysWhyAndTellsTheOwnerOnRequest() throws Exception {
    UUID tenant = tenant(3);
    String customer = "905321000092";
    Instant start =
        Instant.now().plus(Duration.ofHours(2)).truncatedTo(java.time.temporal.ChronoUnit.HOURS);
    UPCOMING.put(
        customer,
        List.of(
            new ReservationView(
                77,
                "Saha 1",
                new CustomerRef("Ayşe", customer, customer),
                start,
                start.plus(Duration.ofHours(1)),
                "active",
                new BigDecimal("1000.00"),
                "TRY")));
    try (Outbound outbound = new Outbound(tenant);
        Commands commands = new Commands(tenant)) {
      String wamid = send(text(tenant, customer, "Ayşe", "Rezervasyonumu iptal et"));
      CancelReservation cancel = commands.await(CancelReservation.class, wamid);
      publish(
          new ReservationRejected(
              UUID.randomUUID().toString(),
              Instant.now(),
              tenant,
              cancel.commandId(),
              RejectionReason.TOO_LATE,
              "customers may not cancel within 3 hours of the start",
              List.of(),
              cancel.requestedBy(),
              cancel.causationId()));

      OutboundMessage refusal = outbound.await(m -> m.to().equals(customer));
      var buttons = (OutboundContent.Buttons) refusal.content();
      assertThat(buttons.body()).contains("3 saatten az").contains("haber vermemi");
      assertThat(buttons.buttons().get(0).title()).isEqualTo("İşletmeye haber ver");

      send(button(tenant, customer, buttons.buttons().get(0).id(), "İşletmeye haber ver"));
      OutboundMessage toOwner = outbound.await(m -> m.to().equals(OWNER));
      assertThat(body(toOwner)).contains("Ayşe").contains(customer).contains("iptal etmek istiyor");
      OutboundMessage told = outbound.awaitCount(m -> m.to().equals(customer), 2).get(1);
      assertThat(body(told)).isEqualTo(Texts.text("tr", "owner_told"));
    }
  }

  @Test
  void anOwnerRemovesAFieldByChatOnlyWhenItHasNoBookingsToCome() throws Exception {
    UUID tenant = tenant(null, List.of("Saha 1", "Saha 2", "Saha 3"));
    Instant tomorrow21 =
        LocalDate.now(ISTANBUL).plusDays(1).atTime(21, 0).atZone(ISTANBUL).toInstant();
    FIELD_UPCOMING.put(
        tenant + "|Saha 3",
        List.of(
            new ReservationView(
                88,
                "Saha 3",
                new CustomerRef("Ahmet Yılmaz", "905321000093", "905321000093"),
                tomorrow21,
                tomorrow21.plus(Duration.ofHours(1)),
                ReservationView.ACTIVE,
                new BigDecimal("1000.00"),
                "TRY")));
    try (Outbound outbound = new Outbound(tenant)) {
      send(text(tenant, OWNER, "Saha 3'ü kaldır"));
      OutboundMessage refused = outbound.await(m -> m.to().equals(OWNER));
      assertThat(refused.content())
          .as("no button: nothing to confirm")
          .isInstanceOf(OutboundContent.Text.class);
      assertThat(body(refused))
          .contains("Saha 3 kaldırılamaz")
          .contains("Ahmet Yılmaz")
          .contains("21:00");
      assertThat(changesOf(tenant)).isEmpty();

      // Ahmet's booking is cancelled: nothing to come on Saha 3 any more
      FIELD_UPCOMING.remove(tenant + "|Saha 3");
      send(text(tenant, OWNER, "Saha 3'ü kaldır"));
      var question =
          (OutboundContent.Buttons)
              outbound.awaitCount(m -> m.to().equals(OWNER), 2).get(1).content();
      assertThat(question.body()).contains("Saha 3").contains("Onaylıyor musunuz?");
      String yes = question.buttons().get(0).id();
      assertThat(yes).startsWith("admin|remove-field||Saha 3|");
      assertThat(changesOf(tenant)).as("nothing changes before the tap").isEmpty();

      send(button(tenant, OWNER, yes, "Evet"));
      OutboundMessage done = outbound.awaitCount(m -> m.to().equals(OWNER), 3).get(2);
      assertThat(body(done)).startsWith("Kaydedildi.");
      JsonNode fields = changesOf(tenant).get(0).body().at("/settings/fieldDetails");
      assertThat(fields.size()).isEqualTo(2);
      assertThat(fields.get(0).path("name").asString()).isEqualTo("Saha 1");
      assertThat(fields.get(1).path("name").asString()).isEqualTo("Saha 2");

      // published on tenant.changelog, read back by the agent
      Awaitility.await()
          .atMost(Duration.ofSeconds(30))
          .until(
              () ->
                  tenants
                      .get(tenant)
                      .map(t -> t.settings().fields().equals(List.of("Saha 1", "Saha 2")))
                      .orElse(false));

      // "remove field 2" names the field by its number
      send(text(tenant, OWNER, "remove field 2"));
      var english =
          (OutboundContent.Buttons)
              outbound.awaitCount(m -> m.to().equals(OWNER), 4).get(3).content();
      assertThat(english.buttons().get(0).id()).startsWith("admin|remove-field||Saha 2|");
    }
  }

  private static List<RecordedChange> changesOf(UUID tenant) {
    return CHANGES.stream().filter(c -> c.tenant().equals(tenant)).toList();
  }

  private UUID tenant(Integer cancellationNoticeHours) {
    return tenant(cancellationNoticeHours, TenantSettings.defaults().fields());
  }

  private UUID tenant(Integer cancellationNoticeHours, List<String> fields) {
    UUID tenant = UUID.randomUUID();
    TenantRows.insert(tenant, "pn-" + tenant, "Saha Yönetim");
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
            fields,
            List.of(OWNER),
            d.greeting(),
            null,
            null,
            null,
            null,
            cancellationNoticeHours);
    TenantSnapshot snapshot =
        new TenantSnapshot(
            "t",
            Instant.now(),
            tenant,
            null,
            "pn-" + tenant,
            null,
            "Saha Yönetim",
            true,
            settings,
            1);
    CURRENT.put(tenant, snapshot);
    tenants.put(snapshot);
    return tenant;
  }

  private void publish(ReservationEvent event) throws Exception {
    kafka.send(Topics.RESERVATION_EVENTS.name(), event.key(), event).get();
  }

  private String send(InboundMessage message) throws Exception {
    kafka.send(Topics.WHATSAPP_INBOUND_MESSAGES.name(), message.key(), message).get();
    return message.wamid();
  }

  private static InboundMessage text(UUID tenant, String from, String text) {
    return message(tenant, from, null, MessageKind.TEXT, text, null);
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
              consumerProperties("admin-outbound"),
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
              consumerProperties("admin-commands"),
              new StringDeserializer(),
              WireSerdes.valueDeserializer(Topics.RESERVATION_COMMANDS));
      consumer.subscribe(List.of(Topics.RESERVATION_COMMANDS.name()));
    }

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
