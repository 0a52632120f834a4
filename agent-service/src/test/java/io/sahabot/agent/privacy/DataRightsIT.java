package io.sahabot.agent.privacy;

import static org.assertj.core.api.Assertions.assertThat;

import io.sahabot.agent.tools.Texts;
import io.sahabot.platform.kafka.WireSerdes;
import io.sahabot.platform.tenants.TenantSnapshots;
import io.sahabot.schemas.Json;
import io.sahabot.schemas.reservation.Actor;
import io.sahabot.schemas.reservation.CustomerRef;
import io.sahabot.schemas.reservation.ReservationConfirmed;
import io.sahabot.schemas.reservation.ReservationView;
import io.sahabot.schemas.reservation.query.CustomerData;
import io.sahabot.schemas.reservation.query.CustomerErasure;
import io.sahabot.schemas.reservation.query.CustomerSummary;
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
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Duration;
import java.time.Instant;
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
import org.apache.kafka.common.serialization.StringDeserializer;
import org.awaitility.Awaitility;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.kafka.core.KafkaTemplate;
import org.springframework.test.annotation.DirtiesContext;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;
import tools.jackson.databind.node.ObjectNode;

/**
 * A customer's data rights in chat, through the real agent (offline model), Kafka and PostgreSQL;
 * the test plays reservation-service's data routes. "verilerimi gönder" answers what is held;
 * "verilerimi sil" asks with a button, the tap erases: no table of agent-service holds the phone or
 * the name afterwards, a message and an outcome sent before the erasure and delivered again create
 * nothing personal, and a message written after it is answered as a new customer's.
 */
@IntegrationTest
// every context of this module consumes in the same groups: closed after its class
@DirtiesContext
class DataRightsIT {

  private static final String OWNER = "905320000009";
  private static final String CUSTOMER = "905327770011";
  private static final String NAME = "Zeynep Silinecek";
  private static final List<String> ERASURES = new CopyOnWriteArrayList<>();
  private static final MockWebServer reservationService = new MockWebServer();

  static {
    reservationService.setDispatcher(
        new Dispatcher() {
          @Override
          public MockResponse dispatch(RecordedRequest request) {
            String path = request.getPath();
            if (path != null && path.contains("/customers/data?")) {
              boolean erased = ERASURES.stream().anyMatch(path::contains);
              CustomerData data =
                  erased
                      ? new CustomerData(List.of(), List.of())
                      : new CustomerData(
                          List.of(new CustomerSummary(5, NAME, CUSTOMER, CUSTOMER, 1, null)),
                          List.of(
                              new ReservationView(
                                  41,
                                  "Saha 1",
                                  new CustomerRef(NAME, CUSTOMER, CUSTOMER),
                                  Instant.parse("2026-10-05T17:00:00Z"),
                                  Instant.parse("2026-10-05T18:00:00Z"),
                                  ReservationView.COMPLETED,
                                  new BigDecimal("1000.00"),
                                  "TRY")));
              return json(data);
            }
            if (path != null && path.contains("/customers/erasure?")) {
              ERASURES.add(path.substring(path.indexOf('/', 1)));
              return json(new CustomerErasure(true, 1, 1, 1, List.of()));
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

  private static MockResponse json(Object body) {
    return new MockResponse()
        .setHeader("Content-Type", "application/json")
        .setBody(Json.mapper().writeValueAsString(body));
  }

  @DynamicPropertySource
  static void settings(DynamicPropertyRegistry registry) {
    registry.add(
        "sahabot.agent.reservation-service-url", () -> reservationService.url("/").toString());
  }

  @AfterAll
  static void stop() throws IOException {
    reservationService.close();
  }

  @Autowired TenantSnapshots tenants;
  @Autowired KafkaTemplate<String, Object> kafka;

  @Test
  void aCustomerGetsTheirDataThenHasItErasedAndNothingReplayedBringsItBack() throws Exception {
    UUID tenant = tenant();
    try (Outbound outbound = new Outbound(tenant)) {
      Instant before = Instant.now();
      send(text(tenant, "Merhaba", Instant.now()));
      outbound.awaitCount(m -> m.to().equals(CUSTOMER), 1);

      send(text(tenant, "Verilerimi gönder", Instant.now()));
      String export = body(outbound.awaitCount(m -> m.to().equals(CUSTOMER), 2).get(1));
      assertThat(export)
          .contains(NAME)
          .contains("+" + CUSTOMER)
          .contains("Rezervasyonlar (1)")
          .contains("tamamlandı");

      send(text(tenant, "Kişisel verilerimi silin lütfen", Instant.now()));
      List<OutboundMessage> asked = outbound.awaitCount(m -> m.to().equals(CUSTOMER), 4);
      OutboundContent.Buttons question = (OutboundContent.Buttons) asked.get(3).content();
      assertThat(question.buttons())
          .extracting(OutboundContent.ReplyButton::id)
          .containsExactly("erase-data", "keep|data");
      assertThat(rowsNaming(tenant, CUSTOMER)).isNotEmpty(); // memory, contact, claims

      send(button(tenant, "erase-data", question.buttons().get(0).title()));
      String done = body(outbound.awaitCount(m -> m.to().equals(CUSTOMER), 5).get(4));
      assertThat(done).isEqualTo(Texts.text("tr", "erase_done"));
      assertThat(ERASURES).singleElement().asString().contains("user=" + CUSTOMER);
      Awaitility.await()
          .atMost(Duration.ofSeconds(10))
          .untilAsserted(() -> assertThat(rowsNaming(tenant, CUSTOMER)).isEmpty());
      assertThat(rowsNaming(tenant, NAME)).isEmpty();
      assertThat(rowsNaming(tenant, "agent-turn")).isNotEmpty(); // the turns' claims are kept

      // a message sent before the erasure and delivered only now, and an outcome of then
      send(text(tenant, "Yarın 20:00 boş mu?", before));
      kafka
          .send(Topics.RESERVATION_EVENTS.name(), tenant.toString(), confirmed(tenant, before))
          .get();
      outbound.staysAt(m -> m.to().equals(CUSTOMER), 5, Duration.ofSeconds(6));
      outbound.staysAt(m -> m.to().equals(OWNER), 0, Duration.ofSeconds(1));
      assertThat(rowsNaming(tenant, CUSTOMER)).isEmpty();
      assertThat(rowsNaming(tenant, NAME)).isEmpty();

      // written after the erasure: a new customer, answered and remembered
      send(text(tenant, "Merhaba", Instant.now()));
      outbound.awaitCount(m -> m.to().equals(CUSTOMER), 6);
      Awaitility.await()
          .atMost(Duration.ofSeconds(10))
          .until(() -> !rowsNaming(tenant, CUSTOMER).isEmpty());
    }
  }

  private UUID tenant() {
    UUID tenant = UUID.randomUUID();
    TenantRows.insert(tenant, "pn-" + tenant, "Veri Saha");
    ObjectNode settings = Json.mapper().valueToTree(TenantSettings.defaults());
    settings.putArray("adminNumbers").add(OWNER);
    settings.put("language", "tr");
    tenants.put(
        new TenantSnapshot(
            "t",
            Instant.now(),
            tenant,
            null,
            "pn-" + tenant,
            null,
            "Veri Saha",
            true,
            Json.mapper().treeToValue(settings, TenantSettings.class),
            1));
    return tenant;
  }

  private static ReservationConfirmed confirmed(UUID tenant, Instant at) {
    return new ReservationConfirmed(
        UUID.randomUUID().toString(),
        at,
        tenant,
        UUID.randomUUID().toString(),
        new ReservationView(
            77,
            "Saha 1",
            new CustomerRef(NAME, CUSTOMER, CUSTOMER),
            Instant.now().plus(Duration.ofDays(2)),
            Instant.now().plus(Duration.ofDays(2)).plus(Duration.ofHours(1)),
            ReservationView.ACTIVE,
            new BigDecimal("1000.00"),
            "TRY"),
        new Actor(Actor.Role.OWNER, OWNER),
        null);
  }

  private void send(InboundMessage message) throws Exception {
    kafka.send(Topics.WHATSAPP_INBOUND_MESSAGES.name(), message.key(), message).get();
  }

  private static InboundMessage text(UUID tenant, String text, Instant sentAt) {
    return message(tenant, MessageKind.TEXT, text, null, sentAt);
  }

  private static InboundMessage button(UUID tenant, String id, String title) {
    return message(
        tenant,
        MessageKind.BUTTON_REPLY,
        null,
        new InteractiveReply(id, title, null),
        Instant.now());
  }

  private static InboundMessage message(
      UUID tenant, MessageKind kind, String text, InteractiveReply reply, Instant sentAt) {
    return new InboundMessage(
        UUID.randomUUID().toString(),
        Instant.now(),
        tenant,
        "delivery",
        "pn-" + tenant,
        null,
        CUSTOMER,
        CUSTOMER,
        null,
        NAME,
        "wamid." + UUID.randomUUID(),
        sentAt,
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

  /**
   * Every row of the tenant, in every table with a {@code tenant_id} (as the schema owner, past
   * row-level security), whose text contains {@code needle} (ignoring case).
   */
  static List<String> rowsNaming(UUID tenant, String needle) throws SQLException {
    List<String> found = new ArrayList<>();
    try (Connection c = SahaBotInfrastructure.get().database().connectAsOwner()) {
      List<String> tables = new ArrayList<>();
      try (PreparedStatement s =
              c.prepareStatement(
                  "SELECT c.table_name FROM information_schema.columns c JOIN"
                      + " information_schema.tables t ON t.table_schema = c.table_schema AND"
                      + " t.table_name = c.table_name WHERE c.table_schema = 'public' AND"
                      + " c.column_name = 'tenant_id' AND t.table_type = 'BASE TABLE'");
          ResultSet rs = s.executeQuery()) {
        while (rs.next()) {
          tables.add(rs.getString(1));
        }
      }
      assertThat(tables)
          .contains(
              "conversation_messages",
              "customer_contacts",
              "told_outcomes",
              "processed_messages",
              "token_usage",
              "outbound_fallbacks");
      for (String table : tables) {
        try (PreparedStatement s =
            c.prepareStatement(
                "SELECT t::text FROM "
                    + table
                    + " t WHERE t.tenant_id = ? AND lower(t::text) LIKE lower(?)")) {
          s.setObject(1, tenant);
          s.setString(2, "%" + needle + "%");
          try (ResultSet rs = s.executeQuery()) {
            while (rs.next()) {
              found.add(table + ": " + rs.getString(1));
            }
          }
        }
      }
    }
    return found;
  }

  private static Map<String, Object> consumerProperties() {
    return Map.of(
        ConsumerConfig.BOOTSTRAP_SERVERS_CONFIG,
        SahaBotInfrastructure.get().kafkaBootstrapServers(),
        ConsumerConfig.GROUP_ID_CONFIG,
        "data-rights-" + UUID.randomUUID(),
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
              consumerProperties(),
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

    List<OutboundMessage> awaitCount(Predicate<OutboundMessage> filter, int count) {
      return Awaitility.await()
          .atMost(Duration.ofSeconds(60))
          .until(() -> matching(filter), list -> list.size() >= count);
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
}
