package io.sahabot.agent.conversation;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.awaitility.Awaitility.await;

import io.sahabot.agent.fixtures.OutboundFaults;
import io.sahabot.agent.tools.Texts;
import io.sahabot.platform.kafka.WireSerdes;
import io.sahabot.platform.tenants.TenantSnapshots;
import io.sahabot.schemas.reservation.RequestReservation;
import io.sahabot.schemas.reservation.ReservationCommand;
import io.sahabot.schemas.tenant.TenantSettings;
import io.sahabot.schemas.tenant.TenantSnapshot;
import io.sahabot.schemas.topics.Topic;
import io.sahabot.schemas.topics.Topics;
import io.sahabot.schemas.whatsapp.InboundMessage;
import io.sahabot.schemas.whatsapp.MessageKind;
import io.sahabot.schemas.whatsapp.OutboundContent;
import io.sahabot.schemas.whatsapp.OutboundMessage;
import io.sahabot.schemas.whatsapp.OutboundRecord;
import io.sahabot.testsupport.IntegrationTest;
import io.sahabot.testsupport.SahaBotInfrastructure;
import io.sahabot.testsupport.TenantRows;
import io.sahabot.testsupport.TestDatabase;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.UUID;
import java.util.function.Predicate;
import java.util.stream.Collectors;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.AdminClientConfig;
import org.apache.kafka.clients.admin.OffsetSpec;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.clients.consumer.OffsetAndMetadata;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.serialization.StringDeserializer;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.kafka.core.KafkaTemplate;
import org.springframework.test.annotation.DirtiesContext;

/**
 * A turn runs once and its output is published once, whatever Kafka redelivers: on the real broker
 * and database, with the offline model. The model calls of a message are the token usage rows
 * recorded for its wamid.
 */
@IntegrationTest
// every context of this module consumes in the same groups (agent-service, the notifier's): closed
// after its class, so that the next class's context gets every partition
@DirtiesContext
class ExactlyOnceTurnsIT {

  private static final Duration WAIT = Duration.ofSeconds(90);

  @Autowired TenantSnapshots tenants;
  @Autowired KafkaTemplate<String, Object> kafka;
  @Autowired TurnHandler turns;

  @Test
  void aRedeliveredMessageIsAnsweredFromItsClaimAndNeverReachesTheModelAgain() throws Exception {
    UUID tenant = tenant();
    String user = "905320001001";
    InboundMessage message = text(tenant, user, "merhaba");
    InboundMessage barrier = text(tenant, user, "Saat ücreti ne kadar?");

    try (Outbound outbound = new Outbound()) {
      send(message);
      List<OutboundMessage> first = outbound.awaitReplies(message.wamid(), 1);
      await().atMost(WAIT).until(() -> modelCalls(tenant, message.wamid()) >= 1);
      long calls = modelCalls(tenant, message.wamid());

      send(message); // Kafka delivers it again, e.g. after a crash before the offset commit
      send(barrier); // same conversation: answered only after the redelivery was handled
      outbound.awaitReplies(barrier.wamid(), 1);

      List<OutboundMessage> all = outbound.about(message.wamid());
      assertThat(all).hasSize(2 * first.size()); // published again...
      assertThat(all.stream().map(OutboundMessage::eventId).collect(Collectors.toSet()))
          .isEqualTo(ids(first)); // ...with the same ids, so the sender sends each once
      assertThat(all.stream().map(OutboundMessage::content).collect(Collectors.toSet()))
          .isEqualTo(first.stream().map(OutboundMessage::content).collect(Collectors.toSet()));
      await()
          .during(Duration.ofMillis(500))
          .atMost(Duration.ofSeconds(10))
          .until(() -> modelCalls(tenant, message.wamid()) == calls);
      // marked read with "typing…" once, before the turn ran, and not again on the redelivery
      List<OutboundMessage> read = outbound.readReceipts(message.wamid());
      assertThat(read).hasSize(1);
      assertThat(read.get(0).to()).isEqualTo(user);
      assertThat(read.get(0).phoneNumberId()).isEqualTo(message.phoneNumberId());
      assertThat(read.get(0).content())
          .isEqualTo(new OutboundContent.MarkRead(message.wamid(), true));
      assertThat(read.get(0).occurredAt()).isBefore(first.get(0).occurredAt());
      assertThat(outbound.readReceipts(barrier.wamid())).hasSize(1);
    }
  }

  @Test
  void aBookRequestReplayedAfterItsFirstRunWasCancelledSendsOneCommandId() throws Exception {
    UUID tenant = tenant();
    String user = "905320001002";
    InboundMessage book = text(tenant, user, "Pazartesi 20:00-21:00 için saha ayırmak istiyorum");

    try (Outbound outbound = new Outbound();
        KafkaConsumer<String, ReservationCommand> commands =
            consumer(Topics.RESERVATION_COMMANDS)) {
      commands.subscribe(List.of(Topics.RESERVATION_COMMANDS.name()));
      // the first run sends its command, then its partition is given up before it claims
      assertThatThrownBy(() -> turns.handle(book, null, () -> false))
          .isInstanceOf(TurnNotDurable.class);
      assertThat(outbound.about(book.wamid())).isEmpty();

      send(book); // the partition's next owner runs it again
      List<OutboundMessage> replies = outbound.awaitReplies(book.wamid(), 1);
      send(book); // and Kafka delivers it once more
      await().atMost(WAIT).until(() -> outbound.about(book.wamid()).size() >= 2 * replies.size());

      List<RequestReservation> sent = new ArrayList<>();
      await()
          .during(Duration.ofSeconds(1))
          .atMost(WAIT)
          .until(
              () -> {
                for (var r : commands.poll(Duration.ofMillis(300))) {
                  if (r.value() instanceof RequestReservation request
                      && book.wamid().equals(request.causationId())) {
                    sent.add(request);
                  }
                }
                return sent.size()
                    == 2; // the cancelled run's and its replay's; none after the claim
              });
      assertThat(sent.stream().map(RequestReservation::commandId).distinct()).hasSize(1);
      assertThat(ids(outbound.about(book.wamid()))).isEqualTo(ids(replies));
    }
  }

  @Test
  void aReplyThatCannotBePublishedIsRetriedInPlaceAndPublishedOnceAndLaterMessagesStillRun()
      throws Exception {
    UUID tenant = tenant();
    String user = "905320001003";
    InboundMessage control = text(tenant, "905320001004", "merhaba");
    InboundMessage failing = text(tenant, user, "merhaba");
    InboundMessage later = text(tenant, user, "Saat ücreti ne kadar?");

    try (Outbound outbound = new Outbound()) {
      send(control);
      outbound.awaitReplies(control.wamid(), 1);
      await().atMost(WAIT).until(() -> modelCalls(tenant, control.wamid()) >= 1);
      long callsOfATurn = modelCalls(tenant, control.wamid());

      OutboundFaults.failNext(tenant + ":" + user, 2); // the broker refuses its first two tries
      send(failing);
      send(later);

      List<OutboundMessage> reply = outbound.awaitReplies(failing.wamid(), 1);
      outbound.awaitReplies(later.wamid(), 1);
      assertThat(OutboundFaults.failed()).isEqualTo(2);
      await()
          .during(Duration.ofSeconds(1))
          .atMost(Duration.ofSeconds(10))
          .until(() -> outbound.about(failing.wamid()).size() == reply.size());
      assertThat(outbound.about(later.wamid())).hasSize(1); // not skipped, not repeated
      assertThat(modelCalls(tenant, failing.wamid())).isEqualTo(callsOfATurn);
    }
  }

  @Test
  void manyTurnsOfAPartitionRetriedInPlaceAgainAndAgainAreAllAnsweredAndCommitted()
      throws Exception {
    UUID tenant = tenant();
    List<InboundMessage> messages = new ArrayList<>();
    for (int u = 0; u < 24; u++) {
      String user = "90532100" + String.format("%04d", u);
      messages.add(text(tenant, user, "merhaba"));
      messages.add(text(tenant, user, "Saat ücreti ne kadar?"));
    }
    try (Outbound outbound = new Outbound()) {
      // every reply of this tenant is refused 80 times over: each turn of every partition is
      // retried in place several times, while later records of its partition are in flight
      OutboundFaults.failNext(tenant.toString(), 80);
      for (InboundMessage m : messages) {
        send(m);
      }
      for (InboundMessage m : messages) {
        outbound.awaitReplies(m.wamid(), 1);
      }
      assertThat(OutboundFaults.failed()).isEqualTo(80);
      for (InboundMessage m : messages) {
        assertThat(ids(outbound.about(m.wamid()))).as(m.wamid()).hasSize(1);
      }
      // and the group's offsets reach the end of every partition: nothing left behind
      await().atMost(WAIT).untilAsserted(() -> assertThat(agentLag()).isZero());
    }
  }

  @Test
  void turnsInFlightWhileTheDatabaseIsAwayAreAllAnsweredOnceAndCommittedWhenItIsBack()
      throws Exception {
    UUID tenant = tenant();
    List<InboundMessage> messages = new ArrayList<>();
    for (int u = 0; u < 24; u++) {
      String user = "90532200" + String.format("%04d", u);
      messages.add(text(tenant, user, "merhaba"));
      messages.add(text(tenant, user, "Saat ücreti ne kadar?"));
    }
    TestDatabase database = SahaBotInfrastructure.get().database();
    try (Outbound outbound = new Outbound()) {
      database.refuseConnections();
      try {
        for (InboundMessage m : messages) {
          send(m);
        }
        // the turns fail on their memory and are retried in place, again and again
        await().pollDelay(Duration.ofSeconds(8)).atMost(Duration.ofSeconds(9)).until(() -> true);
      } finally {
        database.allowConnections();
      }
      for (InboundMessage m : messages) {
        outbound.awaitReplies(m.wamid(), 1);
      }
      for (InboundMessage m : messages) {
        assertThat(ids(outbound.about(m.wamid()))).as(m.wamid()).hasSize(1);
      }
      await().atMost(WAIT).untilAsserted(() -> assertThat(agentLag()).isZero());
    }
  }

  /** Records of whatsapp.inbound.messages not yet committed by the group agent-service. */
  private static long agentLag() throws Exception {
    try (Admin admin =
        Admin.create(
            Map.of(
                AdminClientConfig.BOOTSTRAP_SERVERS_CONFIG,
                SahaBotInfrastructure.get().kafkaBootstrapServers()))) {
      Map<TopicPartition, OffsetAndMetadata> committed =
          admin.listConsumerGroupOffsets("agent-service").partitionsToOffsetAndMetadata().get();
      Map<TopicPartition, OffsetSpec> latest = new java.util.HashMap<>();
      int partitions =
          admin
              .describeTopics(List.of(Topics.WHATSAPP_INBOUND_MESSAGES.name()))
              .allTopicNames()
              .get()
              .get(Topics.WHATSAPP_INBOUND_MESSAGES.name())
              .partitions()
              .size();
      for (int p = 0; p < partitions; p++) {
        latest.put(
            new TopicPartition(Topics.WHATSAPP_INBOUND_MESSAGES.name(), p), OffsetSpec.latest());
      }
      long lag = 0;
      for (var e : admin.listOffsets(latest).all().get().entrySet()) {
        OffsetAndMetadata c = committed.get(e.getKey());
        lag += e.getValue().offset() - (c == null ? 0 : c.offset());
      }
      return lag;
    }
  }

  @Test
  void oneConversationsFloodSlowsOnlyThatConversation() throws Exception {
    UUID floodTenant = tenant();
    UUID otherTenant = tenant();
    String flooder = "905320001005";
    String other = "905320001006";

    try (Outbound outbound = new Outbound();
        Connection lock = SahaBotInfrastructure.get().database().connectAsApp()) {
      // the flooder's first turn cannot store its memory while this transaction holds the row,
      // so its conversation stays full (20 turns queued or running) for as long as we want
      lock.setAutoCommit(false);
      holdConversationRow(lock, floodTenant, flooder);

      List<InboundMessage> flood = new ArrayList<>();
      for (int i = 0; i < 200; i++) {
        InboundMessage m = text(floodTenant, flooder, "merhaba");
        flood.add(m);
        kafka.send(Topics.WHATSAPP_INBOUND_MESSAGES.name(), m.key(), m);
      }
      kafka.flush();
      List<InboundMessage> others = new ArrayList<>();
      for (int i = 0; i < 5; i++) {
        InboundMessage m = text(otherTenant, other, "merhaba");
        others.add(m);
        send(m);
      }

      String slowDown = Texts.text("tr", "slow_down");
      Predicate<OutboundMessage> toldToSlowDown =
          m -> m.content() instanceof OutboundContent.Text t && t.body().equals(slowDown);
      await()
          .atMost(WAIT)
          .until(
              () ->
                  others.stream().allMatch(m -> !outbound.about(m.wamid()).isEmpty())
                      && outbound.to(floodTenant, flooder).stream().anyMatch(toldToSlowDown));
      // every reply to the other tenant's user came while the flood's turns were still queued
      assertThat(outbound.to(floodTenant, flooder)).allMatch(toldToSlowDown);

      lock.rollback();
      await()
          .atMost(WAIT)
          .until(() -> answered(outbound.to(floodTenant, flooder), toldToSlowDown).size() >= 20);
      // settled: on a loaded machine the last of the flood may reach the listener only after the
      // queue has drained, and is then answered like any message that finds room
      int[] last = {-1};
      await()
          .during(Duration.ofSeconds(2))
          .atMost(WAIT)
          .until(
              () -> {
                int now = answered(outbound.to(floodTenant, flooder), toldToSlowDown).size();
                boolean same = now == last[0];
                last[0] = now;
                return same;
              });
      Set<String> answered = answered(outbound.to(floodTenant, flooder), toldToSlowDown);
      assertThat(answered)
          .containsAll(
              flood.subList(0, 20).stream().map(InboundMessage::wamid).collect(Collectors.toSet()))
          .hasSizeLessThan(flood.size());
      assertThat(
              outbound.to(floodTenant, flooder).stream()
                  .filter(toldToSlowDown)
                  .map(OutboundMessage::eventId)
                  .distinct())
          .hasSize(1);
      await()
          .atMost(WAIT)
          .until(() -> modelCallsOfAll(floodTenant) == modelCallsOf20(floodTenant, answered));
    }
  }

  private static Set<String> answered(
      List<OutboundMessage> replies, Predicate<OutboundMessage> not) {
    return replies.stream()
        .filter(not.negate())
        .map(OutboundMessage::causationId)
        .collect(Collectors.toSet());
  }

  /** Token usage rows of the tenant, all messages. */
  private static long modelCallsOfAll(UUID tenant) throws SQLException {
    return count(tenant, "SELECT count(*) FROM token_usage WHERE tenant_id = ?", null);
  }

  /** Token usage rows of the tenant's messages in {@code wamids}. */
  private static long modelCallsOf20(UUID tenant, Set<String> wamids) throws SQLException {
    long n = 0;
    for (String wamid : wamids) {
      n += modelCalls(tenant, wamid);
    }
    return n;
  }

  private static long modelCalls(UUID tenant, String wamid) throws SQLException {
    return count(
        tenant, "SELECT count(*) FROM token_usage WHERE tenant_id = ? AND message_id = ?", wamid);
  }

  private static long count(UUID tenant, String sql, String wamid) throws SQLException {
    try (Connection c = SahaBotInfrastructure.get().database().connectAsApp()) {
      c.setAutoCommit(false);
      try (PreparedStatement set =
          c.prepareStatement("SELECT set_config('app.tenant_id', ?, true)")) {
        set.setString(1, tenant.toString());
        set.execute();
      }
      try (PreparedStatement s = c.prepareStatement(sql)) {
        s.setObject(1, tenant);
        if (wamid != null) {
          s.setString(2, wamid);
        }
        try (ResultSet rs = s.executeQuery()) {
          rs.next();
          long n = rs.getLong(1);
          c.commit();
          return n;
        }
      }
    }
  }

  private static void holdConversationRow(Connection c, UUID tenant, String user)
      throws SQLException {
    try (PreparedStatement set =
        c.prepareStatement("SELECT set_config('app.tenant_id', ?, true)")) {
      set.setString(1, tenant.toString());
      set.execute();
    }
    try (PreparedStatement s =
        c.prepareStatement(
            "INSERT INTO conversation_messages (tenant_id, user_id) VALUES (?, ?)")) {
      s.setObject(1, tenant);
      s.setString(2, user);
      s.executeUpdate();
    }
  }

  private static Set<String> ids(List<OutboundMessage> messages) {
    return messages.stream().map(OutboundMessage::eventId).collect(Collectors.toSet());
  }

  private UUID tenant() {
    UUID tenant = UUID.randomUUID();
    TenantRows.insert(tenant, "pn-" + tenant, "Saha Bir");
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
            List.of(),
            d.greeting(),
            null);
    tenants.put(
        new TenantSnapshot(
            "t", Instant.now(), tenant, null, "pn-" + tenant, null, "Saha Bir", true, settings, 1));
    return tenant;
  }

  private void send(InboundMessage message) throws Exception {
    kafka.send(Topics.WHATSAPP_INBOUND_MESSAGES.name(), message.key(), message).get();
  }

  private static InboundMessage text(UUID tenant, String from, String text) {
    Instant at = Instant.parse("2026-11-27T07:00:00Z");
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
        MessageKind.TEXT,
        text,
        null,
        null,
        null,
        null,
        List.of(),
        null,
        null);
  }

  private static <V> KafkaConsumer<String, V> consumer(Topic<V> topic) {
    return new KafkaConsumer<>(
        Map.of(
            ConsumerConfig.BOOTSTRAP_SERVERS_CONFIG,
            SahaBotInfrastructure.get().kafkaBootstrapServers(),
            ConsumerConfig.GROUP_ID_CONFIG,
            "exactly-once-" + UUID.randomUUID(),
            ConsumerConfig.AUTO_OFFSET_RESET_CONFIG,
            "earliest"),
        new StringDeserializer(),
        WireSerdes.valueDeserializer(topic));
  }

  /** Everything on whatsapp.outbound, read from the start, as the sender would see it. */
  private static final class Outbound implements AutoCloseable {

    private final KafkaConsumer<String, OutboundRecord> consumer =
        consumer(Topics.WHATSAPP_OUTBOUND);
    private final List<OutboundMessage> seen = new ArrayList<>();

    Outbound() {
      consumer.subscribe(List.of(Topics.WHATSAPP_OUTBOUND.name()));
    }

    private final List<OutboundMessage> reads = new ArrayList<>();

    /** The messages (replies, notices), read receipts apart. */
    private List<OutboundMessage> poll() {
      for (var r : consumer.poll(Duration.ofMillis(200))) {
        if (r.value() instanceof OutboundMessage m) {
          if (m.content() instanceof OutboundContent.MarkRead) {
            reads.add(m);
          } else {
            seen.add(m);
          }
        }
      }
      return seen;
    }

    /** The read receipts of {@code wamid} so far. */
    List<OutboundMessage> readReceipts(String wamid) {
      poll();
      return reads.stream()
          .filter(m -> ((OutboundContent.MarkRead) m.content()).wamid().equals(wamid))
          .toList();
    }

    /** Every record caused by {@code wamid} so far (a re-published one twice). */
    List<OutboundMessage> about(String wamid) {
      return poll().stream().filter(m -> wamid.equals(m.causationId())).toList();
    }

    List<OutboundMessage> to(UUID tenant, String user) {
      return poll().stream()
          .filter(m -> m.tenantId().equals(tenant) && m.to().equals(user))
          .toList();
    }

    List<OutboundMessage> awaitReplies(String wamid, int atLeast) {
      return await().atMost(WAIT).until(() -> about(wamid), replies -> replies.size() >= atLeast);
    }

    @Override
    public void close() {
      consumer.close();
    }
  }
}
