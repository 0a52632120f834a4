package io.sahabot.ingress.sender;

import static io.sahabot.schemas.topics.Topics.WHATSAPP_OUTBOUND;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import io.sahabot.ingress.sender.domain.GraphRequests;
import io.sahabot.platform.kafka.WireOrBytesSerializer;
import io.sahabot.schemas.Json;
import io.sahabot.schemas.whatsapp.OutboundContent;
import io.sahabot.schemas.whatsapp.OutboundMessage;
import io.sahabot.testsupport.IntegrationTest;
import io.sahabot.testsupport.SahaBotInfrastructure;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Base64;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.UUID;
import java.util.concurrent.ThreadLocalRandom;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.serialization.StringSerializer;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.test.web.reactive.server.WebTestClient;
import tools.jackson.databind.JsonNode;

/** whatsapp.outbound on the real broker in, the recording Graph API (test profile) out. */
@IntegrationTest
class OutboundIT {

  private static KafkaProducer<String, Object> producer;

  @LocalServerPort int port;
  WebTestClient http;
  final UUID tenant = UUID.randomUUID();
  final String number = digits();
  final String to = digits();

  @BeforeAll
  static void producer() {
    producer =
        new KafkaProducer<>(
            Map.of(
                ProducerConfig.BOOTSTRAP_SERVERS_CONFIG,
                SahaBotInfrastructure.get().kafkaBootstrapServers()),
            new StringSerializer(),
            new WireOrBytesSerializer());
  }

  @AfterAll
  static void close() {
    producer.close(Duration.ofSeconds(5));
  }

  @BeforeEach
  void client() {
    http = WebTestClient.bindToServer().baseUrl("http://localhost:" + port).build();
  }

  @Test
  void sendsAConversationsMessagesInTheOrderTheyWereProduced() throws Exception {
    List<OutboundMessage> sent = new ArrayList<>();
    for (int i = 1; i <= 5; i++) {
      sent.add(message(new OutboundContent.Text("message " + i)));
    }
    for (OutboundMessage m : sent) {
      producer.send(new ProducerRecord<>(WHATSAPP_OUTBOUND.name(), m.key(), m));
    }
    producer.flush();

    List<JsonNode> recorded = awaitRecorded(5);

    assertThat(recorded)
        .extracting(r -> r.path("body"))
        .containsExactlyElementsOf(
            sent.stream().map(m -> (JsonNode) GraphRequests.message(m, null)).toList());
    assertThat(recorded)
        .allSatisfy(
            r -> {
              assertThat(r.path("phoneNumberId").asString()).isEqualTo(number);
              assertThat(r.path("to").asString()).isEqualTo(to);
              assertThat(r.path("at").asString()).isNotBlank();
            });
  }

  @Test
  void keepsAnInlineImageAndItsBytesForTheConsole() {
    byte[] png = {(byte) 0x89, 'P', 'N', 'G', 1, 2, 3};
    String data = Base64.getEncoder().encodeToString(png);
    OutboundMessage m = message(new OutboundContent.Image(null, data, "image/png", "tablo"));
    producer.send(new ProducerRecord<>(WHATSAPP_OUTBOUND.name(), m.key(), m));
    producer.flush();

    JsonNode recorded = awaitRecorded(1).get(0);

    String mediaId = recorded.path("body").path("image").path("id").asString();
    assertThat(recorded.path("body").path("image").path("caption").asString()).isEqualTo("tablo");
    assertThat(recorded.path("media").path("dataBase64").asString()).isEqualTo(data);
    assertThat(recorded.path("media").path("mimeType").asString()).isEqualTo("image/png");
    http.get()
        .uri("/recorded/media/" + mediaId)
        .exchange()
        .expectStatus()
        .isOk()
        .expectHeader()
        .contentType("image/png")
        .expectBody(byte[].class)
        .isEqualTo(png);
  }

  @Test
  void aMessageThatCannotBeSentGoesToTheDeadLetterTopicWithItsErrorCode() {
    OutboundMessage broken =
        message(new OutboundContent.Image(null, "%%% not base64 %%%", "image/png", null));
    String unreadableKey = tenant + ":" + digits();
    producer.send(new ProducerRecord<>(WHATSAPP_OUTBOUND.name(), broken.key(), broken));
    producer.send(
        new ProducerRecord<>(
            WHATSAPP_OUTBOUND.name(),
            unreadableKey,
            "{\"type\":\"Nope\"}".getBytes(StandardCharsets.UTF_8)));
    producer.flush();

    var dead =
        OutboundDeadLetters.read(
            Set.of(broken.key(), unreadableKey), ConsumerRecord::key, Duration.ofSeconds(30));

    var failed = dead.stream().filter(r -> r.key().equals(broken.key())).findFirst().orElseThrow();
    assertThat(OutboundDeadLetters.header(failed, "sahabot-graph-error-code")).isEqualTo("100");
    assertThat(Json.mapper().readTree(failed.value()).path("eventId").asString())
        .isEqualTo(broken.eventId());
    var unreadable =
        dead.stream().filter(r -> r.key().equals(unreadableKey)).findFirst().orElseThrow();
    assertThat(new String(unreadable.value(), StandardCharsets.UTF_8))
        .isEqualTo("{\"type\":\"Nope\"}");
    assertThat(OutboundDeadLetters.header(unreadable, "kafka_dlt-exception-fqcn")).isNotBlank();
  }

  private List<JsonNode> awaitRecorded(int count) {
    List<JsonNode> messages = new ArrayList<>();
    await()
        .atMost(Duration.ofSeconds(30))
        .until(
            () -> {
              byte[] body =
                  http.get()
                      .uri(
                          b ->
                              b.path("/recorded")
                                  .queryParam("phoneNumberId", number)
                                  .queryParam("to", to)
                                  .build())
                      .exchange()
                      .expectStatus()
                      .isOk()
                      .expectBody(byte[].class)
                      .returnResult()
                      .getResponseBody();
              messages.clear();
              Json.mapper().readTree(body).path("messages").forEach(messages::add);
              return messages.size() >= count;
            });
    return messages;
  }

  private OutboundMessage message(OutboundContent content) {
    return Outbound.message(tenant, number, to, null, content);
  }

  private static String digits() {
    return Long.toString(ThreadLocalRandom.current().nextLong(100_000_000_000L, 999_999_999_999L));
  }
}
