package io.sahabot.ingress.sender;

import static io.sahabot.schemas.topics.Topics.WHATSAPP_OUTBOUND;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import io.micrometer.core.instrument.MeterRegistry;
import io.sahabot.ingress.IngressApplication;
import io.sahabot.platform.kafka.WireOrBytesSerializer;
import io.sahabot.schemas.Json;
import io.sahabot.schemas.whatsapp.OutboundContent;
import io.sahabot.schemas.whatsapp.OutboundMessage;
import io.sahabot.testsupport.SahaBotInfrastructure;
import io.sahabot.testsupport.SharedFixtures;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.UUID;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ThreadLocalRandom;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import okhttp3.mockwebserver.Dispatcher;
import okhttp3.mockwebserver.MockResponse;
import okhttp3.mockwebserver.MockWebServer;
import okhttp3.mockwebserver.RecordedRequest;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.AdminClientConfig;
import org.apache.kafka.clients.consumer.OffsetAndMetadata;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.clients.producer.RecordMetadata;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.serialization.StringSerializer;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.springframework.boot.builder.SpringApplicationBuilder;
import org.springframework.context.ConfigurableApplicationContext;
import org.springframework.kafka.config.KafkaListenerEndpointRegistry;
import org.springframework.kafka.test.utils.ContainerTestUtils;
import tools.jackson.databind.JsonNode;

/**
 * The sender's ledger as deployed: whole ingress-service instances (application contexts) on the
 * real broker and database, sending for real to a local server that stands in for tenant-service
 * and the Graph API and counts the sends of each outbound id.
 *
 * <ul>
 *   <li>an instance restarted with its group's offsets reset, so that every record is delivered
 *       again, sends nothing again (not the messages, not a refused text, not its fallback);
 *   <li>two instances while the Graph API takes 3 s a call, the second started mid-send (a
 *       rebalance), and the same messages published again meanwhile (as a redelivered agent turn
 *       re-publishes its output): each id reaches the Graph API once.
 * </ul>
 */
class SendLedgerIT {

  private static final Duration SLOW = Duration.ofSeconds(3);

  private static final MockWebServer server = new MockWebServer();
  private static final Graph graph = new Graph();

  static {
    server.setDispatcher(graph);
    try {
      server.start();
    } catch (IOException e) {
      throw new IllegalStateException(e);
    }
  }

  /** The instances' send ledger, shared by them only (OwnDatabase). */
  private static final String database = OwnDatabase.r2dbcUrl();

  private final List<ConfigurableApplicationContext> instances = new ArrayList<>();

  @AfterEach
  void stopInstances() {
    instances.forEach(ConfigurableApplicationContext::close);
  }

  @AfterAll
  static void stop() throws IOException {
    server.close();
  }

  @Test
  void aRestartedSenderGivenTheSameRecordsAgainSendsNothingTwice() throws Exception {
    String group = "ingress-sender-ledger-it-" + UUID.randomUUID();
    UUID tenant = UUID.randomUUID();
    String number = digits();
    graph.owners.put(number, tenant);
    List<OutboundMessage> messages = new ArrayList<>();
    for (int i = 0; i < 5; i++) {
      messages.add(Outbound.message(tenant, number, digits(), null, text("mesaj " + i)));
    }
    String late = digits();
    graph.refuseText.add(late);
    OutboundMessage refused =
        new OutboundMessage(
            UUID.randomUUID().toString(),
            Instant.now(),
            tenant,
            "reservation-event-1",
            number,
            late,
            null,
            text("Rezervasyonunuz onaylandı"),
            Outbound.template());
    messages.add(refused);

    ConfigurableApplicationContext first = start(group);
    List<RecordMetadata> written = produce(messages);
    await()
        .atMost(Duration.ofSeconds(60))
        .until(
            () -> committed(group, written) && graph.count(refused.eventId() + ":fallback") == 1);
    for (OutboundMessage m : messages) {
      assertThat(graph.count(m.eventId())).as(m.eventId()).isEqualTo(1);
    }
    first.close();

    rewind(group, written);
    ConfigurableApplicationContext restarted = start(group);
    await()
        .atMost(Duration.ofSeconds(60))
        .until(() -> skipped(restarted) == messages.size() && committed(group, written));

    for (OutboundMessage m : messages) {
      assertThat(graph.count(m.eventId())).as(m.eventId()).isEqualTo(1);
    }
    // the refused text went straight to its fallback, which was sent already
    assertThat(graph.count(refused.eventId() + ":fallback")).isEqualTo(1);
    assertThat(graph.types(late)).containsExactly("text", "template");
  }

  @Test
  void twoInstancesThroughARebalanceWhileTheGraphApiIsSlowSendEachMessageOnce() throws Exception {
    String group = "ingress-sender-ledger-it-" + UUID.randomUUID();
    UUID tenant = UUID.randomUUID();
    String number = digits();
    graph.owners.put(number, tenant);
    List<OutboundMessage> messages = new ArrayList<>();
    for (int i = 0; i < 8; i++) {
      String to = digits();
      graph.slow.add(to);
      messages.add(Outbound.message(tenant, number, to, null, text("yavaş " + i)));
    }

    ConfigurableApplicationContext first = start(group);
    List<RecordMetadata> written = new ArrayList<>(produce(messages));
    await()
        .atMost(Duration.ofSeconds(30))
        .until(() -> messages.stream().anyMatch(m -> graph.count(m.eventId()) > 0));
    // mid-send: a second instance joins (the partitions are shared out again) and the same
    // messages are published once more
    ConfigurableApplicationContext second = start(group, false);
    written.addAll(produce(messages));
    await().atMost(Duration.ofSeconds(120)).until(() -> committed(group, written));

    for (OutboundMessage m : messages) {
      assertThat(graph.count(m.eventId())).as(m.eventId()).isEqualTo(1);
    }
    // the copies were recognised as sent (not necessarily every one of them is counted here: a
    // copy is processed by whichever instance owns its partition then, once or more)
    assertThat(skipped(first) + skipped(second)).isPositive();
    assertThat(
            second
                .getBean(KafkaListenerEndpointRegistry.class)
                .getListenerContainer("whatsapp-outbound-sender")
                .getAssignedPartitions())
        .as("the second instance took partitions over")
        .isNotEmpty();
  }

  private ConfigurableApplicationContext start(String group) {
    return start(group, true);
  }

  /** An ingress-service instance in {@code group}, sending to the stand-in. */
  private ConfigurableApplicationContext start(String group, boolean awaitAllPartitions) {
    Map<String, Object> props =
        new HashMap<>(SahaBotInfrastructure.get().springProperties("ingress-service"));
    props.put("spring.r2dbc.url", database);
    props.put("server.port", "0");
    props.put("sahabot.ingress.graph.recording", "false");
    props.put("sahabot.ingress.graph.base-url", server.url("/").toString());
    props.put("sahabot.ingress.graph.access-token", "deployment-token");
    props.put("sahabot.ingress.tenant-service-url", server.url("/").toString());
    props.put("sahabot.ingress.sender.group-id", group);
    props.put("sahabot.ingress.sender.concurrency", "1");
    props.put("sahabot.ingress.sender.in-flight-backoff", "200ms");
    props.put("spring.kafka.consumer.auto-offset-reset", "latest");
    List<String> args = new ArrayList<>();
    props.forEach((k, v) -> args.add("--" + k + "=" + v));
    ConfigurableApplicationContext context =
        new SpringApplicationBuilder(IngressApplication.class)
            .profiles("local", "test")
            .run(args.toArray(String[]::new));
    instances.add(context);
    if (awaitAllPartitions) {
      ContainerTestUtils.waitForAssignment(
          context
              .getBean(KafkaListenerEndpointRegistry.class)
              .getListenerContainer("whatsapp-outbound-sender"),
          WHATSAPP_OUTBOUND.partitions());
    }
    return context;
  }

  private static double skipped(ConfigurableApplicationContext context) {
    return context
        .getBean(MeterRegistry.class)
        .counter("sahabot.ingress.sender.duplicates.skipped")
        .count();
  }

  private static Admin admin() {
    return Admin.create(
        Map.of(
            AdminClientConfig.BOOTSTRAP_SERVERS_CONFIG,
            SahaBotInfrastructure.get().kafkaBootstrapServers()));
  }

  /** Whether {@code group} has committed past every record of {@code written}. */
  private static boolean committed(String group, List<RecordMetadata> written) throws Exception {
    try (Admin admin = admin()) {
      Map<TopicPartition, OffsetAndMetadata> offsets =
          admin.listConsumerGroupOffsets(group).partitionsToOffsetAndMetadata().get();
      return written.stream()
          .allMatch(
              r -> {
                OffsetAndMetadata at = offsets.get(new TopicPartition(r.topic(), r.partition()));
                return at != null && at.offset() > r.offset();
              });
    }
  }

  /** Moves {@code group}'s offsets back to the first of {@code written} in each partition. */
  private static void rewind(String group, List<RecordMetadata> written) throws Exception {
    Map<TopicPartition, OffsetAndMetadata> to = new HashMap<>();
    for (RecordMetadata r : written) {
      to.merge(
          new TopicPartition(r.topic(), r.partition()),
          new OffsetAndMetadata(r.offset()),
          (a, b) -> a.offset() <= b.offset() ? a : b);
    }
    try (Admin admin = admin()) {
      // the group is empty once its only member has left; until then the change is refused
      await()
          .atMost(Duration.ofSeconds(30))
          .ignoreExceptions()
          .until(
              () -> {
                admin.alterConsumerGroupOffsets(group, to).all().get(10, TimeUnit.SECONDS);
                return true;
              });
    }
  }

  private static List<RecordMetadata> produce(List<OutboundMessage> messages) throws Exception {
    List<RecordMetadata> written = new ArrayList<>();
    try (var producer =
        new KafkaProducer<>(
            Map.<String, Object>of(
                ProducerConfig.BOOTSTRAP_SERVERS_CONFIG,
                SahaBotInfrastructure.get().kafkaBootstrapServers()),
            new StringSerializer(),
            new WireOrBytesSerializer())) {
      for (OutboundMessage m : messages) {
        written.add(
            producer
                .send(new ProducerRecord<>(WHATSAPP_OUTBOUND.name(), m.key(), m))
                .get(10, TimeUnit.SECONDS));
      }
    }
    return written;
  }

  private static OutboundContent.Text text(String body) {
    return new OutboundContent.Text(body);
  }

  private static String digits() {
    return Long.toString(ThreadLocalRandom.current().nextLong(100_000_000_000L, 999_999_999_999L));
  }

  /** tenant-service's token route and the Graph API, counting the sends of each outbound id. */
  static final class Graph extends Dispatcher {
    final Map<String, UUID> owners = new ConcurrentHashMap<>();
    final Set<String> slow = ConcurrentHashMap.newKeySet();
    final Set<String> refuseText = ConcurrentHashMap.newKeySet();
    final Map<String, AtomicInteger> sends = new ConcurrentHashMap<>();
    final Map<String, List<String>> typesTo = new ConcurrentHashMap<>();

    int count(String eventId) {
      AtomicInteger n = sends.get(eventId);
      return n == null ? 0 : n.get();
    }

    List<String> types(String recipient) {
      synchronized (typesTo) {
        return List.copyOf(typesTo.getOrDefault(recipient, List.of()));
      }
    }

    @Override
    public MockResponse dispatch(RecordedRequest request) {
      String path = request.getPath();
      String prefix = "/internal/tenants/by-phone-number/";
      if (path.startsWith(prefix)) {
        String number = path.substring(prefix.length(), path.indexOf('/', prefix.length()));
        UUID owner = owners.get(number);
        return owner == null
            ? new MockResponse().setResponseCode(404)
            : json("{\"tenantId\":\"" + owner + "\"}");
      }
      JsonNode body = Json.mapper().readTree(request.getBody().readByteArray());
      String recipient = body.path("to").asString(body.path("recipient").asString(""));
      String type = body.path("type").asString();
      sends
          .computeIfAbsent(
              body.path("biz_opaque_callback_data").asString(""), id -> new AtomicInteger())
          .incrementAndGet();
      synchronized (typesTo) {
        typesTo.computeIfAbsent(recipient, r -> new ArrayList<>()).add(type);
      }
      if ("text".equals(type) && refuseText.contains(recipient)) {
        return new MockResponse()
            .setResponseCode(400)
            .setHeader("Content-Type", "application/json")
            .setBody(
                "{\"error\":{\"message\":\"Re-engagement message\",\"type\":\"OAuthException\","
                    + "\"code\":131047}}");
      }
      MockResponse answer =
          json(
              new String(
                  SharedFixtures.bytes("whatsapp/graph-api/send.response.json"),
                  StandardCharsets.UTF_8));
      return slow.contains(recipient)
          ? answer.setHeadersDelay(SLOW.toMillis(), TimeUnit.MILLISECONDS)
          : answer;
    }

    private static MockResponse json(String body) {
      return new MockResponse().setHeader("Content-Type", "application/json").setBody(body);
    }
  }
}
