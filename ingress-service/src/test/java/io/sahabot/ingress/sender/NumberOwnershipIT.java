package io.sahabot.ingress.sender;

import static io.sahabot.schemas.topics.Topics.WHATSAPP_OUTBOUND;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

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
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.UUID;
import java.util.concurrent.ConcurrentHashMap;
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
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.springframework.boot.test.system.CapturedOutput;
import org.springframework.boot.test.system.OutputCaptureExtension;
import org.springframework.test.annotation.DirtiesContext;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;

/**
 * The sender as deployed (no recording) on the real broker, with a local server standing in for
 * tenant-service and the Graph API: a message is sent only from a business number of its own
 * tenant; one from another tenant's number, or from a number of no tenant, goes to the DLT with
 * {@code sahabot-send-refused: number-not-of-tenant} and no Graph API call. Its own sender group
 * (it reads the other tests' records too, and refuses them: their numbers are no tenant's here);
 * closed after the class.
 */
@IntegrationTest
@DirtiesContext
@ExtendWith(OutputCaptureExtension.class)
class NumberOwnershipIT {

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
    registry.add("sahabot.ingress.sender.group-id", () -> "ingress-sender-number-ownership-it");
  }

  @AfterAll
  static void stop() throws IOException {
    server.close();
  }

  @Test
  void aMessageIsSentOnlyFromABusinessNumberOfItsOwnTenant(CapturedOutput output) {
    UUID tenant = UUID.randomUUID();
    UUID other = UUID.randomUUID();
    String number = digits();
    String nobodys = digits();
    standIn.owners.put(number, tenant);
    String customer = digits();
    String otherCustomer = digits();
    OutboundMessage own =
        Outbound.message(tenant, number, customer, null, new OutboundContent.Text("merhaba"));
    OutboundMessage foreign =
        Outbound.message(
            other, number, otherCustomer, null, new OutboundContent.Text("gizli rezervasyon"));
    OutboundMessage orphan =
        Outbound.message(tenant, nobodys, customer, null, new OutboundContent.Text("kimse"));

    try (var producer =
        new KafkaProducer<>(
            Map.<String, Object>of(
                ProducerConfig.BOOTSTRAP_SERVERS_CONFIG,
                SahaBotInfrastructure.get().kafkaBootstrapServers()),
            new StringSerializer(),
            new WireOrBytesSerializer())) {
      for (OutboundMessage m : List.of(own, foreign, orphan)) {
        producer.send(new ProducerRecord<>(WHATSAPP_OUTBOUND.name(), m.key(), m));
      }
    }

    var dead =
        OutboundDeadLetters.read(
            Set.of(foreign.eventId(), orphan.eventId()),
            r -> Json.mapper().readTree(r.value()).path("eventId").asString(""),
            Duration.ofSeconds(60));
    await().atMost(Duration.ofSeconds(30)).until(() -> sentFrom(number).size() == 1);

    for (var record : dead) {
      assertThat(OutboundDeadLetters.header(record, "sahabot-send-refused"))
          .isEqualTo("number-not-of-tenant");
      assertThat(OutboundDeadLetters.header(record, "sahabot-send-refused-message"))
          .contains("is not tenant")
          .doesNotContain(customer)
          .doesNotContain(otherCustomer);
    }
    assertThat(
            Json.mapper()
                .readTree(sentFrom(number).get(0).getBody().readUtf8())
                .path("to")
                .asString())
        .isEqualTo(customer);
    assertThat(sentFrom(nobodys)).isEmpty();
    assertThat(output)
        .contains("Event " + foreign.eventId() + " not sent: business number " + number)
        .contains("Event " + orphan.eventId() + " not sent: business number " + nobodys)
        .doesNotContain(otherCustomer)
        .doesNotContain("gizli");
  }

  private static List<RecordedRequest> sentFrom(String number) {
    synchronized (standIn.messages) {
      return standIn.messages.stream()
          .filter(r -> r.getPath().startsWith("/v23.0/" + number + "/"))
          .toList();
    }
  }

  private static String digits() {
    return Long.toString(ThreadLocalRandom.current().nextLong(100_000_000_000L, 999_999_999_999L));
  }

  /** tenant-service's token route (the numbers' tenants, no own tokens) and the Graph API. */
  static final class StandIn extends Dispatcher {
    final Map<String, UUID> owners = new ConcurrentHashMap<>();
    final List<RecordedRequest> messages = Collections.synchronizedList(new ArrayList<>());

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
      messages.add(request);
      return json(
          new String(
              SharedFixtures.bytes("whatsapp/graph-api/send.response.json"),
              StandardCharsets.UTF_8));
    }

    private static MockResponse json(String body) {
      return new MockResponse().setHeader("Content-Type", "application/json").setBody(body);
    }
  }
}
