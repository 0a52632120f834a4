package io.sahabot.agent.conversation;

import static org.assertj.core.api.Assertions.assertThat;

import io.sahabot.platform.kafka.WireSerdes;
import io.sahabot.platform.tenants.TenantSnapshots;
import io.sahabot.schemas.reservation.Actor;
import io.sahabot.schemas.reservation.RequestReservation;
import io.sahabot.schemas.reservation.ReservationCommand;
import io.sahabot.schemas.tenant.TenantSettings;
import io.sahabot.schemas.tenant.TenantSnapshot;
import io.sahabot.schemas.topics.Topics;
import io.sahabot.schemas.whatsapp.InboundMessage;
import io.sahabot.schemas.whatsapp.MessageKind;
import io.sahabot.testsupport.IntegrationTest;
import io.sahabot.testsupport.SahaBotInfrastructure;
import io.sahabot.testsupport.TenantRows;
import java.io.IOException;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import okhttp3.mockwebserver.MockResponse;
import okhttp3.mockwebserver.MockWebServer;
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

/**
 * The agent on the OpenAI path, against a local fake OpenAI-compatible server whose "model" puts
 * another tenant's id and another user in its tool arguments: the command that reaches
 * reservation.commands is still the sender's, in the sender's tenant.
 */
@IntegrationTest
// every context of this module consumes in the same groups (agent-service, the notifier's): closed
// after its class, so that the next class's context gets every partition
@DirtiesContext
class ModelCannotRedirectWritesIT {

  private static final MockWebServer openAi = new MockWebServer();

  static {
    try {
      openAi.start();
    } catch (IOException e) {
      throw new IllegalStateException(e);
    }
  }

  @DynamicPropertySource
  static void useTheFakeModel(DynamicPropertyRegistry registry) {
    registry.add("sahabot.agent.model", () -> "openai");
    registry.add("sahabot.agent.openai.base-url", () -> openAi.url("/v1").toString());
    registry.add("sahabot.agent.openai.api-key", () -> "sk-test");
    registry.add("sahabot.agent.command-timeout", () -> "2s");
  }

  @AfterAll
  static void stop() throws IOException {
    openAi.close();
  }

  @Autowired TenantSnapshots tenants;
  @Autowired KafkaTemplate<String, Object> kafka;

  @Test
  void toolArgumentsCannotChooseTheTenantOrTheCustomer() throws Exception {
    UUID tenant = UUID.randomUUID();
    UUID otherTenant = UUID.randomUUID();
    String sender = "905320000777";
    TenantRows.insert(tenant, "pn-" + tenant, "Saha A");
    tenants.put(
        new TenantSnapshot(
            "t",
            Instant.now(),
            tenant,
            null,
            "pn-" + tenant,
            null,
            "Saha A",
            true,
            TenantSettings.defaults(),
            1));
    String arguments =
        "{\\\"start\\\":\\\"2026-12-01T20:00\\\",\\\"end\\\":\\\"2026-12-01T21:00\\\","
            + "\\\"tenantId\\\":\\\""
            + otherTenant
            + "\\\",\\\"userId\\\":\\\"905000000666\\\","
            + "\\\"customerName\\\":\\\"Someone Else\\\",\\\"phone\\\":\\\"905000000666\\\"}";
    openAi.enqueue(
        completion(
            "{\"role\":\"assistant\",\"content\":null,\"tool_calls\":[{\"id\":\"call_1\",\"type\":\"function\","
                + "\"function\":{\"name\":\"bookSlot\",\"arguments\":\""
                + arguments
                + "\"}}]}",
            "tool_calls"));
    openAi.enqueue(completion("{\"role\":\"assistant\",\"content\":\"Tamam.\"}", "stop"));
    String wamid = "wamid.redirect." + UUID.randomUUID();
    InboundMessage message =
        new InboundMessage(
            UUID.randomUUID().toString(),
            Instant.now(),
            tenant,
            "delivery",
            "pn-" + tenant,
            null,
            sender,
            sender,
            null,
            "Ali",
            wamid,
            Instant.now(),
            MessageKind.TEXT,
            "Salı 20:00 ayır",
            null,
            null,
            null,
            null,
            List.of(),
            null,
            null);

    try (KafkaConsumer<String, ReservationCommand> commands = consumer()) {
      commands.subscribe(List.of(Topics.RESERVATION_COMMANDS.name()));
      kafka.send(Topics.WHATSAPP_INBOUND_MESSAGES.name(), message.key(), message).get();

      RequestReservation sent =
          Awaitility.await()
              .atMost(Duration.ofSeconds(60))
              .until(
                  () -> {
                    for (var r : commands.poll(Duration.ofMillis(500))) {
                      if (r.value() instanceof RequestReservation request
                          && wamid.equals(request.causationId())) {
                        return request;
                      }
                    }
                    return null;
                  },
                  r -> r != null);

      assertThat(sent.tenantId()).isEqualTo(tenant);
      assertThat(sent.requestedBy()).isEqualTo(new Actor(Actor.Role.CUSTOMER, sender));
      assertThat(sent.customer().userId()).isEqualTo(sender);
      assertThat(sent.customer().phone()).isEqualTo(sender);
      assertThat(sent.toString())
          .doesNotContain(otherTenant.toString())
          .doesNotContain("905000000666");
    }
  }

  private static MockResponse completion(String message, String finish) {
    String body =
        "{\"id\":\"c\",\"object\":\"chat.completion\",\"created\":1764230400,\"model\":\"gpt-4o-mini\","
            + "\"choices\":[{\"index\":0,\"message\":"
            + message
            + ",\"finish_reason\":\""
            + finish
            + "\"}],"
            + "\"usage\":{\"prompt_tokens\":10,\"completion_tokens\":5,\"total_tokens\":15}}";
    return new MockResponse()
        .setResponseCode(200)
        .setHeader("Content-Type", "application/json")
        .setBody(body);
  }

  private static KafkaConsumer<String, ReservationCommand> consumer() {
    return new KafkaConsumer<>(
        Map.of(
            ConsumerConfig.BOOTSTRAP_SERVERS_CONFIG,
            SahaBotInfrastructure.get().kafkaBootstrapServers(),
            ConsumerConfig.GROUP_ID_CONFIG,
            "redirect-" + UUID.randomUUID(),
            ConsumerConfig.AUTO_OFFSET_RESET_CONFIG,
            "earliest"),
        new StringDeserializer(),
        WireSerdes.valueDeserializer(Topics.RESERVATION_COMMANDS));
  }
}
