package io.sahabot.ingress.sender;

import static io.sahabot.schemas.topics.Topics.WHATSAPP_OUTBOUND;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import io.micrometer.core.instrument.MeterRegistry;
import io.sahabot.platform.kafka.WireOrBytesSerializer;
import io.sahabot.schemas.Json;
import io.sahabot.schemas.whatsapp.OutboundContent;
import io.sahabot.schemas.whatsapp.OutboundMessage;
import io.sahabot.testsupport.IntegrationTest;
import io.sahabot.testsupport.SahaBotInfrastructure;
import io.sahabot.testsupport.SharedFixtures;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Collections;
import java.util.Deque;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.UUID;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ConcurrentLinkedDeque;
import java.util.concurrent.ThreadLocalRandom;
import okhttp3.mockwebserver.Dispatcher;
import okhttp3.mockwebserver.MockResponse;
import okhttp3.mockwebserver.MockWebServer;
import okhttp3.mockwebserver.RecordedRequest;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.serialization.StringSerializer;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.kafka.config.KafkaListenerEndpointRegistry;
import org.springframework.kafka.test.utils.ContainerTestUtils;
import org.springframework.test.annotation.DirtiesContext;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;
import tools.jackson.databind.JsonNode;

/**
 * The sender as deployed (no recording) on the real broker, one listener thread, with a local
 * server standing in for tenant-service and the Graph API: a 131056 backs off for its recipient
 * only (its later messages wait behind it) while the thread sends the others, the same business
 * number's (the same partition) included; a 131047 sends the message's fallback template once, or
 * dead-letters the message when it has none. Its own sender group, from the end of the topic (it
 * would refuse the other tests' records: their numbers are no tenant's here); closed after the
 * class.
 */
@IntegrationTest
@DirtiesContext
class SenderErrorsIT {

  private static final Duration RECIPIENT_BACKOFF = Duration.ofSeconds(4);

  private static final MockWebServer server = new MockWebServer();
  private static final StandIn standIn = new StandIn();

  static {
    server.setDispatcher(standIn);
    try {
      server.start();
    } catch (IOException e) {
      throw new IllegalStateException(e);
    }
  }

  @DynamicPropertySource
  static void sendForReal(DynamicPropertyRegistry registry) {
    String url = server.url("/").toString();
    registry.add("sahabot.ingress.graph.recording", () -> "false");
    // a send ledger of its own (OwnDatabase)
    String database = OwnDatabase.r2dbcUrl();
    registry.add("spring.r2dbc.url", () -> database);
    registry.add("sahabot.ingress.graph.base-url", () -> url);
    registry.add("sahabot.ingress.graph.access-token", () -> "deployment-token");
    registry.add("sahabot.ingress.tenant-service-url", () -> url);
    registry.add(
        "sahabot.ingress.sender.group-id", () -> "ingress-sender-errors-it-" + UUID.randomUUID());
    // one thread holds every partition: a back-off that blocked it would delay everyone
    registry.add("sahabot.ingress.sender.concurrency", () -> "1");
    registry.add("sahabot.ingress.sender.recipient-backoff", () -> RECIPIENT_BACKOFF.toString());
    registry.add("spring.kafka.consumer.auto-offset-reset", () -> "latest");
  }

  @Autowired KafkaListenerEndpointRegistry listeners;
  @Autowired MeterRegistry meters;

  @BeforeEach
  void assigned() {
    ContainerTestUtils.waitForAssignment(
        listeners.getListenerContainer("whatsapp-outbound-sender"), WHATSAPP_OUTBOUND.partitions());
  }

  @AfterAll
  static void stop() throws IOException {
    server.close();
  }

  @Test
  void tooManyMessagesToOneRecipientDelaysThatRecipientOnlyThenSendsItAfterItsBackOff() {
    UUID tenant = UUID.randomUUID();
    String number = digits();
    String otherNumber = digits();
    standIn.owners.put(number, tenant);
    standIn.owners.put(otherNumber, tenant);
    String slow = digits();
    String sameNumber = digits(); // the same business number: the same partition
    String other = digits();
    standIn.answersFor(slow).add(graphError(131056, "(#131056) Pair rate limit hit"));
    OutboundMessage first = Outbound.message(tenant, number, slow, null, text("bir"));
    OutboundMessage firstAgain = Outbound.message(tenant, number, slow, null, text("bir daha"));
    OutboundMessage second = Outbound.message(tenant, number, sameNumber, null, text("iki"));
    OutboundMessage third = Outbound.message(tenant, otherNumber, other, null, text("üç"));

    produce(first);
    await().atMost(Duration.ofSeconds(30)).until(() -> standIn.to(slow).size() == 1);
    produce(firstAgain); // behind the first, for the same recipient: waits with it, in order
    produce(second);
    produce(third);
    await().atMost(Duration.ofSeconds(30)).until(() -> standIn.to(sameNumber).size() == 1);
    await().atMost(Duration.ofSeconds(30)).until(() -> standIn.to(other).size() == 1);

    // the number's other recipient and the other number were sent while the first backs off
    assertThat(standIn.to(slow)).hasSize(1);
    await().atMost(Duration.ofSeconds(30)).until(() -> standIn.to(slow).size() == 3);
    List<Sent> slowSends = standIn.to(slow);
    assertThat(Duration.between(slowSends.get(0).at(), slowSends.get(1).at()))
        .isGreaterThanOrEqualTo(RECIPIENT_BACKOFF.minusMillis(100));
    assertThat(standIn.to(sameNumber).get(0).at()).isBefore(slowSends.get(1).at());
    assertThat(standIn.to(other).get(0).at()).isBefore(slowSends.get(1).at());
    assertThat(slowSends)
        .extracting(s -> s.body().path("biz_opaque_callback_data").asString())
        .containsExactly(first.eventId(), first.eventId(), firstAgain.eventId());
    assertThat(standIn.to(sameNumber).get(0).body().path("biz_opaque_callback_data").asString())
        .isEqualTo(second.eventId());
  }

  @Test
  void outsideTheWindowTheFallbackTemplateIsSentOnceAndTheTextIsNotRetried() {
    UUID tenant = UUID.randomUUID();
    String number = digits();
    standIn.owners.put(number, tenant);
    String customer = digits();
    standIn.answersFor(customer).add(graphError(131047, "Re-engagement message"));
    OutboundMessage late =
        new OutboundMessage(
            UUID.randomUUID().toString(),
            Instant.now(),
            tenant,
            "reservation-event-1",
            number,
            customer,
            null,
            text("Rezervasyonunuz onaylandı"),
            Outbound.template());
    OutboundMessage next = Outbound.message(tenant, number, customer, null, text("sonraki"));
    double fallbacks = fallbacks();

    produce(late);
    produce(next);
    await().atMost(Duration.ofSeconds(30)).until(() -> standIn.to(customer).size() >= 3);

    List<Sent> sent = standIn.to(customer);
    assertThat(sent)
        .extracting(s -> s.body().path("type").asString())
        .containsExactly("text", "template", "text");
    assertThat(sent.get(1).body().path("template").path("name").asString())
        .isEqualTo("reservation_reminder");
    assertThat(sent)
        .extracting(s -> s.body().path("biz_opaque_callback_data").asString())
        .containsExactly(late.eventId(), late.eventId() + ":fallback", next.eventId());
    assertThat(sent).extracting(Sent::number).containsOnly(number);
    assertThat(fallbacks()).isEqualTo(fallbacks + 1);
  }

  @Test
  void outsideTheWindowWithoutAFallbackTheMessageIsDeadLetteredWithItsCode() {
    UUID tenant = UUID.randomUUID();
    String number = digits();
    standIn.owners.put(number, tenant);
    String customer = digits();
    standIn.answersFor(customer).add(graphError(131047, "Re-engagement message"));
    OutboundMessage late = Outbound.message(tenant, number, customer, null, text("geç kaldı"));

    produce(late);

    var dead =
        OutboundDeadLetters.read(
            Set.of(late.eventId()),
            r -> Json.mapper().readTree(r.value()).path("eventId").asString(""),
            Duration.ofSeconds(30));
    assertThat(OutboundDeadLetters.header(dead.get(0), "sahabot-graph-error-code"))
        .isEqualTo("131047");
    assertThat(OutboundDeadLetters.header(dead.get(0), "sahabot-graph-error-message"))
        .contains("no fallback template");
    assertThat(standIn.to(customer))
        .extracting(s -> s.body().path("type").asString())
        .containsExactly("text");
  }

  @Test
  void aThroughputLimitIsRetriedAfterBackOffsThenDeadLetteredWhenTheRetriesRunOut() {
    UUID tenant = UUID.randomUUID();
    String number = digits();
    standIn.owners.put(number, tenant);
    String customer = digits();
    for (int i = 0; i < 6; i++) { // the first attempt and the test profile's 5 retries
      standIn.answersFor(customer).add(graphError(130429, "(#130429) Rate limit hit"));
    }
    OutboundMessage message = Outbound.message(tenant, number, customer, null, text("yoğun"));

    produce(message);

    var dead =
        OutboundDeadLetters.read(
            Set.of(message.eventId()),
            r -> Json.mapper().readTree(r.value()).path("eventId").asString(""),
            Duration.ofSeconds(30));
    assertThat(OutboundDeadLetters.header(dead.get(0), "sahabot-graph-error-code"))
        .isEqualTo("130429");
    assertThat(OutboundDeadLetters.header(dead.get(0), "sahabot-graph-error-message"))
        .startsWith("retries exhausted");
    assertThat(standIn.to(customer)).hasSize(6);
  }

  @Test
  void aTemplateToAUserKnownOnlyByABusinessScopedIdGoesInRecipient() {
    UUID tenant = UUID.randomUUID();
    String number = digits();
    standIn.owners.put(number, tenant);
    String bsuid = "TR." + digits() + digits();
    OutboundMessage reminder = Outbound.message(tenant, number, bsuid, null, Outbound.template());

    produce(reminder);
    await().atMost(Duration.ofSeconds(30)).until(() -> standIn.to(bsuid).size() == 1);

    JsonNode body = standIn.to(bsuid).get(0).body();
    assertThat(body.path("recipient").asString()).isEqualTo(bsuid);
    assertThat(body.has("to")).isFalse();
    assertThat(body.path("biz_opaque_callback_data").asString()).isEqualTo(reminder.eventId());
  }

  private double fallbacks() {
    return meters.counter("sahabot.ingress.sender.fallbacks").count();
  }

  private static void produce(OutboundMessage message) {
    try (var producer =
        new KafkaProducer<>(
            Map.<String, Object>of(
                ProducerConfig.BOOTSTRAP_SERVERS_CONFIG,
                SahaBotInfrastructure.get().kafkaBootstrapServers()),
            new StringSerializer(),
            new WireOrBytesSerializer())) {
      producer.send(new ProducerRecord<>(WHATSAPP_OUTBOUND.name(), message.key(), message));
    }
  }

  private static OutboundContent.Text text(String body) {
    return new OutboundContent.Text(body);
  }

  private static MockResponse graphError(int code, String message) {
    return new MockResponse()
        .setResponseCode(400)
        .setHeader("Content-Type", "application/json")
        .setBody(
            "{\"error\":{\"message\":\""
                + message
                + "\",\"type\":\"OAuthException\",\"code\":"
                + code
                + "}}");
  }

  private static String digits() {
    return Long.toString(ThreadLocalRandom.current().nextLong(100_000_000_000L, 999_999_999_999L));
  }

  /** A request to the Graph API's messages route, as the stand-in received it. */
  record Sent(String number, String recipient, JsonNode body, Instant at) {}

  /** tenant-service's token route (the numbers' tenants) and the Graph API. */
  static final class StandIn extends Dispatcher {
    final Map<String, UUID> owners = new ConcurrentHashMap<>();
    final Map<String, Deque<MockResponse>> answers = new ConcurrentHashMap<>();
    final List<Sent> sent = Collections.synchronizedList(new ArrayList<>());

    Deque<MockResponse> answersFor(String recipient) {
      return answers.computeIfAbsent(recipient, r -> new ConcurrentLinkedDeque<>());
    }

    List<Sent> to(String recipient) {
      synchronized (sent) {
        return sent.stream().filter(s -> s.recipient().equals(recipient)).toList();
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
      String number = path.split("/")[2];
      JsonNode body = Json.mapper().readTree(request.getBody().readByteArray());
      String recipient = body.path("to").asString(body.path("recipient").asString(""));
      sent.add(new Sent(number, recipient, body, Instant.now()));
      MockResponse answer = answersFor(recipient).poll();
      return answer != null
          ? answer
          : json(
              new String(
                  SharedFixtures.bytes("whatsapp/graph-api/send.response.json"),
                  StandardCharsets.UTF_8));
    }

    private static MockResponse json(String body) {
      return new MockResponse().setHeader("Content-Type", "application/json").setBody(body);
    }
  }
}
