package io.sahabot.ingress.webhook;

import static io.sahabot.schemas.topics.Topics.WHATSAPP_INBOUND_REJECTED;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import io.sahabot.ingress.config.KafkaConfig;
import io.sahabot.ingress.webhook.domain.WebhookSplitter;
import io.sahabot.platform.kafka.WireOrBytesSerializer;
import io.sahabot.platform.kafka.WireSerdes;
import io.sahabot.schemas.Json;
import io.sahabot.schemas.whatsapp.RejectedInbound;
import io.sahabot.schemas.whatsapp.RejectedInboundRecord;
import io.sahabot.testsupport.IntegrationTest;
import io.sahabot.testsupport.MetaWebhooks;
import io.sahabot.testsupport.SahaBotInfrastructure;
import io.sahabot.testsupport.SharedFixtures;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.function.Predicate;
import java.util.stream.IntStream;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.serialization.StringDeserializer;
import org.apache.kafka.common.serialization.StringSerializer;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.http.MediaType;
import org.springframework.kafka.core.DefaultKafkaProducerFactory;
import org.springframework.kafka.core.KafkaTemplate;
import org.springframework.test.web.reactive.server.WebTestClient;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.node.ArrayNode;
import tools.jackson.databind.node.ObjectNode;

/**
 * One bad change never blocks the others: the good changes of a POST reach the raw topic, an
 * unreadable or too large one goes to {@code whatsapp.inbound.rejected} with its reason, and the
 * POST is answered 200 (application-test.yml sets {@code max-change} to 256 KB).
 */
@IntegrationTest
class WebhookRejectionIT {

  static final String SECRET = "test-app-secret-1";

  @LocalServerPort int port;
  WebTestClient http;

  @BeforeEach
  void client() {
    http =
        WebTestClient.bindToServer()
            .baseUrl("http://localhost:" + port)
            .responseTimeout(Duration.ofSeconds(30))
            .build();
  }

  @Test
  void aPostWithAGoodAMalformedAndAnOversizeChangePublishesTheGoodOneAndRejectsTheOthers() {
    String good = WebhookIT.newPhoneNumberId();
    String oversize = WebhookIT.newPhoneNumberId();
    String marker = "malformed-" + UUID.randomUUID();
    ObjectNode body = (ObjectNode) MetaWebhooks.withPhoneNumberId(read("text_tr.json"), good);
    ArrayNode changes = (ArrayNode) body.path("entry").path(0).path("changes");
    // a change whose value is not an object: no number can be read from it
    changes.addObject().put("field", "messages").put("value", marker);
    // a change of another business whose value is larger than max-change (256 KB)
    JsonNode big = MetaWebhooks.withPhoneNumberId(read("text_en.json"), oversize);
    ObjectNode bigChange =
        ((ObjectNode) big.path("entry").path(0).path("changes").path(0)).deepCopy();
    ((ObjectNode) bigChange.path("value")).put("padding", "x".repeat(300 * 1024));
    changes.add(bigChange);
    byte[] bytes = MetaWebhooks.escaped(body);

    http.post()
        .uri("/webhook")
        .contentType(MediaType.APPLICATION_JSON)
        .header("X-Hub-Signature-256", MetaWebhooks.signature(bytes, SECRET))
        .bodyValue(bytes)
        .exchange()
        .expectStatus()
        .isOk();

    var raw = RawTopicReader.awaitKeys(List.of(good));
    assertThat(raw).singleElement().satisfies(r -> assertThat(r.key()).isEqualTo(good));
    List<RejectedInbound> rejected =
        awaitRejected(
            r -> oversize.equals(r.phoneNumberId()) || r.change().toString().contains(marker), 2);
    assertThat(rejected)
        .anySatisfy(
            r -> {
              assertThat(r.reason()).isEqualTo(RejectedInbound.Reason.UNREADABLE);
              assertThat(r.phoneNumberId()).isNull();
              assertThat(r.detail()).isEqualTo("changes[].value is not an object");
              assertThat(r.change().path("value").asString()).isEqualTo(marker);
            })
        .anySatisfy(
            r -> {
              assertThat(r.reason()).isEqualTo(RejectedInbound.Reason.TOO_LARGE);
              assertThat(r.phoneNumberId()).isEqualTo(oversize);
              assertThat(r.change().path("field").asString()).isEqualTo("messages");
              assertThat(r.change().path("bytes").asInt()).isGreaterThan(300 * 1024);
            });
    // nothing of the oversize business reached the raw topic
    assertThat(RawTopicReader.keysPresent(List.of(good, oversize))).containsExactly(good);
  }

  @Test
  void aChangeKafkaRefusesAsTooLargeGoesToTheRejectedTopicAndTheOthersAreStillPublished() {
    // a producer whose request limit (64 KB) is below the change: Kafka's own refusal
    var producers =
        new DefaultKafkaProducerFactory<String, Object>(
            KafkaConfig.producerConfig(
                Map.of(
                    ProducerConfig.BOOTSTRAP_SERVERS_CONFIG,
                    SahaBotInfrastructure.get().kafkaBootstrapServers(),
                    ProducerConfig.MAX_REQUEST_SIZE_CONFIG,
                    64 * 1024),
                5000),
            new StringSerializer(),
            new WireOrBytesSerializer());
    // producerConfig sets the catalogue's limit: put the small one back
    producers.updateConfigs(Map.of(ProducerConfig.MAX_REQUEST_SIZE_CONFIG, 64 * 1024));
    try {
      WebhookPublisher publisher =
          new WebhookPublisher(new KafkaTemplate<>(producers), Duration.ofSeconds(5));
      String small = WebhookIT.newPhoneNumberId();
      String large = WebhookIT.newPhoneNumberId();
      ObjectNode body = (ObjectNode) MetaWebhooks.withPhoneNumberId(read("text_tr.json"), small);
      ObjectNode largeChange =
          ((ObjectNode)
                  MetaWebhooks.withPhoneNumberId(read("text_en.json"), large)
                      .path("entry")
                      .path(0)
                      .path("changes")
                      .path(0))
              .deepCopy();
      ((ObjectNode) largeChange.path("value")).put("padding", "y".repeat(100 * 1024));
      ((ArrayNode) body.path("entry").path(0).path("changes")).add(largeChange);
      var split =
          new WebhookSplitter(Json.mapper(), () -> UUID.randomUUID().toString())
              .split(MetaWebhooks.escaped(body), Instant.now());

      var published = publisher.publish(split).block(Duration.ofSeconds(30));

      assertThat(published.changes()).isEqualTo(1);
      assertThat(published.rejected())
          .singleElement()
          .satisfies(
              r -> {
                assertThat(r.reason()).isEqualTo(RejectedInbound.Reason.TOO_LARGE);
                assertThat(r.phoneNumberId()).isEqualTo(large);
                assertThat(r.detail()).startsWith("Kafka refused the change as too large");
              });
      assertThat(RawTopicReader.awaitKeys(List.of(small))).hasSize(1);
      assertThat(awaitRejected(r -> large.equals(r.phoneNumberId()), 1))
          .singleElement()
          .satisfies(r -> assertThat(r.reason()).isEqualTo(RejectedInbound.Reason.TOO_LARGE));
    } finally {
      producers.destroy();
    }
  }

  /** Reads whatsapp.inbound.rejected from the start until {@code count} records match. */
  private static List<RejectedInbound> awaitRejected(Predicate<RejectedInbound> wanted, int count) {
    List<RejectedInbound> found = new ArrayList<>();
    try (KafkaConsumer<String, RejectedInboundRecord> consumer =
        new KafkaConsumer<>(
            Map.of(
                ConsumerConfig.BOOTSTRAP_SERVERS_CONFIG,
                SahaBotInfrastructure.get().kafkaBootstrapServers(),
                ConsumerConfig.ENABLE_AUTO_COMMIT_CONFIG,
                false),
            new StringDeserializer(),
            WireSerdes.valueDeserializer(WHATSAPP_INBOUND_REJECTED))) {
      List<TopicPartition> partitions =
          IntStream.range(0, WHATSAPP_INBOUND_REJECTED.partitions())
              .mapToObj(p -> new TopicPartition(WHATSAPP_INBOUND_REJECTED.name(), p))
              .toList();
      consumer.assign(partitions);
      consumer.seekToBeginning(partitions);
      await()
          .atMost(Duration.ofSeconds(30))
          .until(
              () -> {
                for (var record : consumer.poll(Duration.ofMillis(200))) {
                  if (record.value() instanceof RejectedInbound r && wanted.test(r)) {
                    found.add(r);
                  }
                }
                return found.size() >= count;
              });
    }
    return found;
  }

  private static JsonNode read(String fixture) {
    return MetaWebhooks.read(SharedFixtures.file("whatsapp/webhooks/" + fixture));
  }
}
