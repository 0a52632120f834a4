package io.sahabot.agent.conversation;

import static org.assertj.core.api.Assertions.assertThat;

import io.sahabot.agent.tools.Texts;
import io.sahabot.agent.usage.TokenUsageRecorder;
import io.sahabot.platform.kafka.WireSerdes;
import io.sahabot.platform.tenants.TenantSnapshots;
import io.sahabot.schemas.tenant.TenantSettings;
import io.sahabot.schemas.tenant.TenantSnapshot;
import io.sahabot.schemas.topics.Topics;
import io.sahabot.schemas.whatsapp.InboundMessage;
import io.sahabot.schemas.whatsapp.MediaRef;
import io.sahabot.schemas.whatsapp.MessageKind;
import io.sahabot.schemas.whatsapp.OutboundContent;
import io.sahabot.schemas.whatsapp.OutboundMessage;
import io.sahabot.schemas.whatsapp.OutboundRecord;
import io.sahabot.testsupport.IntegrationTest;
import io.sahabot.testsupport.SahaBotInfrastructure;
import io.sahabot.testsupport.TenantRows;
import java.io.IOException;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.TimeUnit;
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

/**
 * Past its monthly token budget a tenant's owners are told once, whatever the number of turns; a
 * voice note goes through the configured transcription endpoint, and is answered with "please type"
 * when that endpoint gives no text.
 */
@IntegrationTest
// every context of this module consumes in the same groups (agent-service, the notifier's): closed
// after its class, so that the next class's context gets every partition
@DirtiesContext
class BudgetAndVoiceIT {

  private static final MockWebServer transcription = new MockWebServer();

  static {
    try {
      transcription.start();
    } catch (IOException e) {
      throw new IllegalStateException(e);
    }
  }

  @DynamicPropertySource
  static void useTheFakeTranscriber(DynamicPropertyRegistry registry) {
    registry.add(
        "sahabot.agent.transcription-url", () -> transcription.url("/transcribe").toString());
    registry.add("sahabot.agent.transcription-key", () -> "transcription-own-key");
  }

  @AfterAll
  static void stop() throws IOException {
    transcription.close();
  }

  @Autowired TenantSnapshots tenants;
  @Autowired KafkaTemplate<String, Object> kafka;
  @Autowired TokenUsageRecorder usage;

  @Test
  void pastTheBudgetTheOwnersAreToldOnceAndCustomersStillGetAnswers() throws Exception {
    String owner = "905320000001";
    String customer = "905320000777";
    UUID tenant = tenant(List.of(owner), 100L);
    usage.record(tenant, customer, "wamid.earlier", "gpt-4o-mini", 400, 100).block();

    try (KafkaConsumer<String, OutboundRecord> outbound = outboundConsumer()) {
      outbound.subscribe(List.of(Topics.WHATSAPP_OUTBOUND.name()));
      List<OutboundMessage> seen = new ArrayList<>();
      for (int i = 0; i < 3; i++) {
        send(text(tenant, customer, "merhaba"));
        int replies = i + 1;
        Awaitility.await()
            .atMost(Duration.ofSeconds(60))
            .until(
                () ->
                    collect(outbound, tenant, seen).stream()
                            .filter(m -> m.to().equals(customer))
                            .count()
                        >= replies);
      }

      List<OutboundMessage> toOwner = seen.stream().filter(m -> m.to().equals(owner)).toList();
      assertThat(toOwner).hasSize(1);
      assertThat(((OutboundContent.Text) toOwner.get(0).content()).body())
          .isEqualTo(Texts.text("tr", "budget"));
      assertThat(seen.stream().filter(m -> m.to().equals(customer)))
          .hasSize(3)
          .allSatisfy(m -> assertThat(m.content()).isInstanceOf(OutboundContent.Text.class));
    }
  }

  @Test
  void aVoiceNoteIsTranscribedAndAnsweredAsText() throws Exception {
    String customer = "905320000888";
    UUID tenant = tenant(List.of(), null);
    transcription.enqueue(
        new MockResponse()
            .setHeader("Content-Type", "application/json")
            .setBody("{\"text\":\"merhaba\"}"));
    transcription.enqueue(new MockResponse().setResponseCode(500));

    try (KafkaConsumer<String, OutboundRecord> outbound = outboundConsumer()) {
      outbound.subscribe(List.of(Topics.WHATSAPP_OUTBOUND.name()));
      List<OutboundMessage> seen = new ArrayList<>();
      send(voice(tenant, customer, "media-1"));
      Awaitility.await()
          .atMost(Duration.ofSeconds(60))
          .until(() -> !collect(outbound, tenant, seen).isEmpty());
      RecordedRequest request = transcription.takeRequest(5, TimeUnit.SECONDS);
      assertThat(request).isNotNull();
      // its own key: no credential of the deployment's ever leaves for a third party
      assertThat(request.getHeader("Authorization")).isEqualTo("Bearer transcription-own-key");
      assertThat(request.getBody().readUtf8())
          .contains("\"mediaId\":\"media-1\"")
          .contains("\"tenantId\":\"" + tenant + "\"");
      String answer = ((OutboundContent.Text) seen.get(0).content()).body();
      assertThat(answer).isNotEqualTo(Texts.text("tr", "please_type")).contains("Saha Ses");

      send(voice(tenant, customer, "media-2"));
      Awaitility.await()
          .atMost(Duration.ofSeconds(60))
          .until(() -> collect(outbound, tenant, seen).size() >= 2);
      assertThat(((OutboundContent.Text) seen.get(1).content()).body())
          .isEqualTo(Texts.text("tr", "please_type"));
    }
  }

  private UUID tenant(List<String> admins, Long budget) {
    UUID tenant = UUID.randomUUID();
    String name = budget == null ? "Saha Ses" : "Saha Bütçe";
    TenantRows.insert(tenant, "pn-" + tenant, name);
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
            admins,
            d.greeting(),
            budget);
    tenants.put(
        new TenantSnapshot(
            "t", Instant.now(), tenant, null, "pn-" + tenant, null, name, true, settings, 1));
    return tenant;
  }

  private void send(InboundMessage message) throws Exception {
    kafka.send(Topics.WHATSAPP_INBOUND_MESSAGES.name(), message.key(), message).get();
  }

  private static InboundMessage text(UUID tenant, String from, String text) {
    return message(tenant, from, MessageKind.TEXT, text, null);
  }

  private static InboundMessage voice(UUID tenant, String from, String mediaId) {
    return message(
        tenant,
        from,
        MessageKind.AUDIO,
        null,
        new MediaRef(mediaId, "audio/ogg", null, null, true));
  }

  private static InboundMessage message(
      UUID tenant, String from, MessageKind kind, String text, MediaRef media) {
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
        Instant.now(),
        kind,
        text,
        null,
        null,
        media,
        null,
        List.of(),
        null,
        null);
  }

  private static List<OutboundMessage> collect(
      KafkaConsumer<String, OutboundRecord> consumer, UUID tenant, List<OutboundMessage> seen) {
    for (var r : consumer.poll(Duration.ofMillis(300))) {
      if (r.value() instanceof OutboundMessage m
          && m.tenantId().equals(tenant)
          && !(m.content() instanceof OutboundContent.MarkRead)) {
        seen.add(m);
      }
    }
    return seen;
  }

  private static KafkaConsumer<String, OutboundRecord> outboundConsumer() {
    return new KafkaConsumer<>(
        Map.of(
            ConsumerConfig.BOOTSTRAP_SERVERS_CONFIG,
            SahaBotInfrastructure.get().kafkaBootstrapServers(),
            ConsumerConfig.GROUP_ID_CONFIG,
            "budget-voice-" + UUID.randomUUID(),
            ConsumerConfig.AUTO_OFFSET_RESET_CONFIG,
            "earliest"),
        new StringDeserializer(),
        WireSerdes.valueDeserializer(Topics.WHATSAPP_OUTBOUND));
  }
}
