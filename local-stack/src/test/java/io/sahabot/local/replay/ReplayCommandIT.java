package io.sahabot.local.replay;

import static org.assertj.core.api.Assertions.assertThat;

import io.sahabot.schemas.Json;
import io.sahabot.schemas.reservation.Actor;
import io.sahabot.schemas.reservation.CustomerRef;
import io.sahabot.schemas.reservation.RequestReservation;
import io.sahabot.schemas.reservation.ReservationConfirmed;
import io.sahabot.schemas.reservation.ReservationView;
import io.sahabot.schemas.tenant.TenantSettings;
import io.sahabot.schemas.tenant.TenantSnapshot;
import io.sahabot.schemas.topics.Topic;
import io.sahabot.schemas.topics.Topics;
import io.sahabot.schemas.whatsapp.InboundMessage;
import io.sahabot.schemas.whatsapp.OutboundContent;
import io.sahabot.schemas.whatsapp.OutboundMessage;
import io.sahabot.schemas.whatsapp.RawWebhookChange;
import io.sahabot.testsupport.SahaBotInfrastructure;
import io.sahabot.testsupport.TenantRows;
import io.sahabot.testsupport.TestDatabase;
import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.math.BigDecimal;
import java.nio.charset.StandardCharsets;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ThreadLocalRandom;
import java.util.concurrent.TimeUnit;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.NewTopic;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.config.TopicConfig;
import org.apache.kafka.common.errors.TopicExistsException;
import org.apache.kafka.common.serialization.ByteArraySerializer;
import org.apache.kafka.common.serialization.StringSerializer;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * The replay command against the shared broker and test database: two tenants' records on the
 * topics, the command run in this JVM, its output read back.
 */
class ReplayCommandIT {

  private static final String BOOTSTRAP = SahaBotInfrastructure.get().kafkaBootstrapServers();
  private static final TestDatabase DB = SahaBotInfrastructure.get().database();

  /** Both tenants' stories, interleaved 5 ms apart, an hour ago. */
  private static final Instant T0 = Instant.now().minus(1, ChronoUnit.HOURS);

  private static final Story A = new Story(UUID.randomUUID(), number(), "A");
  private static final Story B = new Story(UUID.randomUUID(), number(), "B");

  private final ByteArrayOutputStream out = new ByteArrayOutputStream();
  private final ByteArrayOutputStream err = new ByteArrayOutputStream();

  /** One tenant's webhook, message, command, outcome and reply, with the ids that link them. */
  record Story(UUID tenant, String number, String tag) {
    String deliveryId() {
      return "delivery-" + tag + "-" + tenant;
    }

    String wamid() {
      return "wamid.REPLAY." + tag + "." + tenant;
    }

    String commandId() {
      return "command-" + tag + "-" + tenant;
    }

    String outboundId() {
      return "reply-" + tag + "-" + tenant;
    }

    String customer() {
      return "90545403" + (tag.equals("A") ? "1918" : "2929");
    }
  }

  @BeforeAll
  static void publishTwoTenants() throws Exception {
    createTopics();
    for (Story s : List.of(A, B)) {
      TenantRows.insert(s.tenant(), s.number(), "Saha " + s.tag());
    }
    try (KafkaProducer<String, byte[]> producer = producer()) {
      for (Story s : List.of(A, B)) {
        Instant t = s == A ? T0 : T0.plusMillis(5);
        send(producer, Topics.TENANT_CHANGELOG, s.tenant().toString(), snapshot(s, t), t);
        send(producer, Topics.WHATSAPP_INBOUND_RAW, s.number(), raw(s, t.plusMillis(10)), t);
        send(
            producer,
            Topics.WHATSAPP_INBOUND_MESSAGES,
            s.tenant() + ":" + s.customer(),
            message(s, t.plusMillis(20)),
            t);
        send(
            producer,
            Topics.RESERVATION_COMMANDS,
            s.tenant().toString(),
            command(s, t.plusMillis(30)),
            t.plusMillis(30));
        send(
            producer,
            Topics.RESERVATION_EVENTS,
            s.tenant().toString(),
            confirmed(s, t.plusMillis(40)),
            t.plusMillis(40));
        send(
            producer,
            Topics.WHATSAPP_OUTBOUND,
            s.tenant() + ":" + s.customer(),
            reply(s, t.plusMillis(50)),
            t.plusMillis(50));
      }
      // an outcome that failed for good lands on the DLT, with spring-kafka's headers
      ProducerRecord<String, byte[]> dead =
          new ProducerRecord<>(
              Topics.RESERVATION_COMMANDS.deadLetter(),
              null,
              T0.plusMillis(60).toEpochMilli(),
              A.tenant().toString(),
              bytes(Topics.RESERVATION_COMMANDS, command(A, T0.plusMillis(60))));
      dead.headers()
          .add("kafka_dlt-exception-fqcn", "java.lang.IllegalStateException".getBytes())
          .add("kafka_dlt-exception-message", "database down".getBytes())
          .add("kafka_dlt-original-topic", Topics.RESERVATION_COMMANDS.name().getBytes());
      producer.send(dead).get(30, TimeUnit.SECONDS);
    }
    for (Story s : List.of(A, B)) {
      agentRows(s, T0.plusMillis(25));
    }
  }

  @Test
  void showsOnlyTheTenantsEventsInTimeOrderWithTheirIds() {
    int code =
        replay("--tenant", A.number(), "--from", "2h", "--to", T0.plusMillis(500).toString());

    String output = out.toString(StandardCharsets.UTF_8);
    assertThat(code).as(err.toString(StandardCharsets.UTF_8)).isZero();
    assertThat(output)
        .contains("Tenant " + A.tenant())
        .doesNotContain(B.tenant().toString())
        .doesNotContain(B.wamid())
        .doesNotContain(B.number());
    List<String> stages =
        lines(output).stream()
            .filter(l -> l.startsWith(T0.toString().substring(0, 10)))
            .filter(l -> !l.endsWith("[re-driven]"))
            .map(l -> l.substring(25, 36).strip())
            .toList();
    assertThat(stages)
        .containsExactly(
            "tenant", "webhook", "message", "command", "outcome", "reply", "dead letter");
    assertThat(lineWith(output, "webhook")).contains("deliveryId=" + A.deliveryId(), A.wamid());
    assertThat(lineWith(output, "message"))
        .contains("deliveryId=" + A.deliveryId(), "wamid=" + A.wamid());
    assertThat(lineWith(output, "command")).contains("commandId=" + A.commandId());
    assertThat(lineWith(output, "outcome"))
        .contains("commandId=" + A.commandId(), "reservationId=4711");
    assertThat(lineWith(output, "reply"))
        .contains("outboundId=" + A.outboundId(), "inReplyTo=" + A.wamid());
  }

  @Test
  void masksPhoneNumbersAndTextsUnlessAskedToShowThem() {
    replay("--tenant", A.tenant().toString(), "--from", "2h");
    String masked = out.toString(StandardCharsets.UTF_8);
    out.reset();
    replay("--tenant", A.tenant().toString(), "--from", "2h", "--show-personal");
    String shown = out.toString(StandardCharsets.UTF_8);

    assertThat(masked).doesNotContain(A.customer()).contains("…1918").doesNotContain("Pazartesi");
    assertThat(shown).contains(A.customer()).contains("Pazartesi 20:00-21:00");
  }

  @Test
  void readsModelCallsAndToolCallsUnderTheTenantsContext() {
    int code =
        replay(
            "--tenant",
            A.number(),
            "--from",
            "2h",
            "--db",
            DB.jdbcUrl(),
            "--db-user",
            DB.appUser(),
            "--db-password",
            DB.appPassword());

    String output = out.toString(StandardCharsets.UTF_8);
    assertThat(code).as(err.toString(StandardCharsets.UTF_8)).isZero();
    assertThat(lineWith(output, "model call"))
        .contains("wamid=" + A.wamid(), "offline", "120 in / 30 out");
    assertThat(output)
        .contains("turn 1: bookSlot {\"date\":\"2026-12-07\",\"phone\":\"…1918\"}")
        .doesNotContain("cancelMyReservation")
        .doesNotContain(B.wamid());
  }

  @Test
  void listsTheTenantsDeadLettersWithTheirErrorHeaders() {
    int code = replay("--tenant", A.number(), "--from", "2h", "--dlt");

    String output = out.toString(StandardCharsets.UTF_8);
    assertThat(code).isZero();
    assertThat(output)
        .contains("reservation.commands.dlt")
        .contains("kafka_dlt-exception-message: database down")
        .contains("1 dead letter(s)");
    assertThat(lineWith(output, "dead letter"))
        .contains("commandId=" + A.commandId())
        .contains("from reservation.commands (RequestReservation");
  }

  @Test
  void redrivesTheTenantsDeadLettersToTheirSourceTopicWithoutTheErrorHeaders() throws Exception {

    int code = replay("--tenant", A.number(), "--from", "2h", "--redrive-dlt");

    assertThat(code).as(err.toString(StandardCharsets.UTF_8)).isZero();
    assertThat(out.toString(StandardCharsets.UTF_8))
        .contains("Re-drove 1 dead letter(s) to their source topics");
    try (TopicReader reader = new TopicReader(BOOTSTRAP, Duration.ofSeconds(10), System.err)) {
      List<ConsumerRecord<String, byte[]>> redriven =
          reader.read(
              Topics.RESERVATION_COMMANDS.name(),
              new TimeRange(T0.minusSeconds(1), Instant.now()),
              r -> Describe.header(r, Describe.REPLAY_HEADER) != null);
      assertThat(redriven)
          .singleElement()
          .satisfies(
              r -> {
                assertThat(r.key()).isEqualTo(A.tenant().toString());
                assertThat(Describe.header(r, Describe.REPLAY_HEADER))
                    .startsWith("reservation.commands.dlt-");
                assertThat(Describe.header(r, "kafka_dlt-exception-message")).isNull();
              });
    }
  }

  @Test
  void redrivesExactlyTheTenantsRawRecordsOfTheRangeKeepingTheirTimestamps() throws Exception {

    int code = replay("--tenant", A.number(), "--from", "2h", "--redrive");

    assertThat(code).as(err.toString(StandardCharsets.UTF_8)).isZero();
    assertThat(out.toString(StandardCharsets.UTF_8))
        .contains("Re-drove 1 raw record(s) to whatsapp.inbound.raw")
        .contains("1 of them carry only wamids tenant-service already passed on");
    List<ConsumerRecord<String, byte[]>> redriven = new ArrayList<>();
    try (TopicReader reader = new TopicReader(BOOTSTRAP, Duration.ofSeconds(10), System.err)) {
      redriven.addAll(
          reader.read(
              Topics.WHATSAPP_INBOUND_RAW.name(),
              new TimeRange(T0.minusSeconds(1), Instant.now()),
              r -> Describe.header(r, Describe.REPLAY_HEADER) != null));
    }
    List<ConsumerRecord<String, byte[]>> ours =
        redriven.stream().filter(r -> r.key().equals(A.number())).toList();
    assertThat(ours).hasSize(1);
    assertThat(ours.get(0).timestamp()).isEqualTo(T0.toEpochMilli());
    assertThat(new String(ours.get(0).value(), StandardCharsets.UTF_8))
        .isEqualTo(new String(bytes(Topics.WHATSAPP_INBOUND_RAW, raw(A, T0.plusMillis(10)))));
    assertThat(redriven).noneMatch(r -> r.key().equals(B.number()));
  }

  @Test
  void anUnknownTenantIsOneLineAndExitCodeOne() {
    int code = replay("--tenant", UUID.randomUUID().toString());

    assertThat(code).isEqualTo(1);
    assertThat(lines(err.toString(StandardCharsets.UTF_8)))
        .singleElement()
        .asString()
        .startsWith("replay: unknown tenant");
  }

  @Test
  void aBadTimeIsOneLineAndExitCodeTwo() {
    int code = replay("--tenant", A.number(), "--from", "yesterday");

    assertThat(code).isEqualTo(2);
    assertThat(lines(err.toString(StandardCharsets.UTF_8)))
        .singleElement()
        .asString()
        .startsWith("replay: --from 'yesterday' is neither an ISO instant");
  }

  @Test
  void anUnreachableBrokerIsOneLineAndExitCodeOne() {
    int code =
        new ReplayCommand(print(out), print(err), Clock.systemUTC())
            .run(
                List.of("--tenant", A.number(), "--bootstrap", "127.0.0.1:1", "--timeout", "2s"),
                Map.of());

    assertThat(code).isEqualTo(1);
    assertThat(lines(err.toString(StandardCharsets.UTF_8)))
        .singleElement()
        .asString()
        .isEqualTo("replay: cannot reach Kafka at 127.0.0.1:1 within 2 s");
  }

  private int replay(String... args) {
    List<String> all = new ArrayList<>(List.of(args));
    all.add("--bootstrap");
    all.add(BOOTSTRAP);
    return new ReplayCommand(print(out), print(err), Clock.systemUTC()).run(all, Map.of());
  }

  private static List<String> lines(String s) {
    return s.lines().toList();
  }

  private static String lineWith(String output, String stage) {
    return lines(output).stream()
        .filter(l -> l.length() > 36 && l.substring(25, 36).strip().equals(stage))
        .filter(l -> !l.endsWith("[re-driven]"))
        .findFirst()
        .orElseThrow(() -> new AssertionError("no " + stage + " line in\n" + output));
  }

  private static String number() {
    return Long.toString(ThreadLocalRandom.current().nextLong(100_000_000_000L, 999_999_999_999L));
  }

  private static TenantSnapshot snapshot(Story s, Instant t) {
    return new TenantSnapshot(
        "snapshot-" + s.tenant(),
        t,
        s.tenant(),
        null,
        s.number(),
        null,
        "Saha " + s.tag(),
        true,
        TenantSettings.defaults(),
        1);
  }

  private static RawWebhookChange raw(Story s, Instant t) {
    String value =
        """
        {"messaging_product":"whatsapp","metadata":{"phone_number_id":"%s"},
         "messages":[{"from":"%s","id":"%s","timestamp":"1795000000","type":"text",
                      "text":{"body":"Pazartesi 20:00-21:00 için saha ayırmak istiyorum"}}]}
        """
            .formatted(s.number(), s.customer(), s.wamid());
    return new RawWebhookChange(
        s.deliveryId(), t, s.number(), "messages", Json.mapper().readTree(value));
  }

  private static InboundMessage message(Story s, Instant t) {
    return InboundMessage.text(
        "message-" + s.tenant(),
        t,
        s.tenant(),
        s.deliveryId(),
        s.number(),
        s.customer(),
        s.wamid(),
        "Pazartesi 20:00-21:00 için saha ayırmak istiyorum");
  }

  private static RequestReservation command(Story s, Instant t) {
    return new RequestReservation(
        s.commandId(),
        t,
        s.tenant(),
        "message-" + s.tenant(),
        new Actor(Actor.Role.CUSTOMER, s.customer()),
        new CustomerRef(null, s.customer(), null),
        "Saha 1",
        Instant.parse("2026-12-07T17:00:00Z"),
        Instant.parse("2026-12-07T18:00:00Z"));
  }

  private static ReservationConfirmed confirmed(Story s, Instant t) {
    return new ReservationConfirmed(
        "outcome-" + s.tenant(),
        t,
        s.tenant(),
        s.commandId(),
        new ReservationView(
            4711,
            "Saha 1",
            new CustomerRef(null, s.customer(), null),
            Instant.parse("2026-12-07T17:00:00Z"),
            Instant.parse("2026-12-07T18:00:00Z"),
            ReservationView.ACTIVE,
            new BigDecimal("1000"),
            "TRY"));
  }

  private static OutboundMessage reply(Story s, Instant t) {
    return new OutboundMessage(
        s.outboundId(),
        t,
        s.tenant(),
        s.wamid(),
        s.number(),
        s.customer(),
        s.wamid(),
        new OutboundContent.Text("Rezervasyonunuz onaylandı"));
  }

  /** A model call and a conversation memory with one tool call, as agent-service stores them. */
  private static void agentRows(Story s, Instant t) throws Exception {
    String tool = s == A ? "bookSlot" : "cancelMyReservation";
    String memory =
        """
        [{"text":"prompt","type":"SYSTEM"},
         {"contents":[{"text":"Pazartesi 20:00","type":"TEXT"}],"type":"USER"},
         {"toolExecutionRequests":[{"id":"1","name":"%s",
           "arguments":"{\\"date\\":\\"2026-12-07\\",\\"phone\\":\\"%s\\"}"}],"type":"AI"},
         {"id":"1","toolName":"%s","text":"ok","type":"TOOL_EXECUTION_RESULT"},
         {"text":"Tamam","type":"AI"}]
        """
            .formatted(tool, s.customer(), tool);
    try (Connection c = DB.connectAsApp()) {
      c.setAutoCommit(false);
      try (PreparedStatement scope =
              c.prepareStatement("SELECT set_config('app.tenant_id', ?, true)");
          PreparedStatement usage =
              c.prepareStatement(
                  "INSERT INTO token_usage (tenant_id, user_id, message_id, model, input_tokens,"
                      + " output_tokens, cost, created_at) VALUES (?, ?, ?, 'offline', 120, 30, 0, ?)");
          PreparedStatement conversation =
              c.prepareStatement(
                  "INSERT INTO conversation_messages (tenant_id, user_id, messages)"
                      + " VALUES (?, ?, CAST(? AS jsonb))")) {
        scope.setString(1, s.tenant().toString());
        scope.execute();
        usage.setObject(1, s.tenant());
        usage.setString(2, s.customer());
        usage.setString(3, s.wamid());
        usage.setObject(4, t.atOffset(ZoneOffset.UTC));
        usage.executeUpdate();
        conversation.setObject(1, s.tenant());
        conversation.setString(2, s.customer());
        conversation.setString(3, memory);
        conversation.executeUpdate();
      }
      c.commit();
    }
  }

  /**
   * The catalogue's topics as the services declare them (partitions, compaction): the services
   * started later by other tests of this run on the same broker find them as they would have made
   * them.
   */
  private static void createTopics() throws Exception {
    try (Admin admin = Admin.create(Map.of("bootstrap.servers", BOOTSTRAP))) {
      for (Topic<?> topic : Topics.all()) {
        for (String name : List.of(topic.name(), topic.deadLetter())) {
          NewTopic newTopic = new NewTopic(name, topic.partitions(), (short) 1);
          if (topic.compacted() && name.equals(topic.name())) {
            newTopic.configs(Map.of(TopicConfig.CLEANUP_POLICY_CONFIG, "compact"));
          }
          try {
            admin.createTopics(List.of(newTopic)).all().get(30, TimeUnit.SECONDS);
          } catch (ExecutionException e) {
            if (!(e.getCause() instanceof TopicExistsException)) {
              throw e;
            }
          }
        }
      }
    }
  }

  private static KafkaProducer<String, byte[]> producer() {
    return new KafkaProducer<>(
        Map.of("bootstrap.servers", BOOTSTRAP, "acks", "all"),
        new StringSerializer(),
        new ByteArraySerializer());
  }

  private static <V> void send(
      KafkaProducer<String, byte[]> producer, Topic<V> topic, String key, V value, Instant t)
      throws Exception {
    producer
        .send(new ProducerRecord<>(topic.name(), null, t.toEpochMilli(), key, bytes(topic, value)))
        .get(30, TimeUnit.SECONDS);
  }

  private static <V> byte[] bytes(Topic<V> topic, Object value) {
    return Json.mapper().writerFor(topic.valueType()).writeValueAsBytes(value);
  }

  private static PrintStream print(ByteArrayOutputStream bytes) {
    return new PrintStream(bytes, true, StandardCharsets.UTF_8);
  }
}
