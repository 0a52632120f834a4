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
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.TimeUnit;
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

  /** The Graph API's media endpoints: the lookup of a media id, and the download of its URL. */
  private static final MockWebServer graph = new MockWebServer();

  private static final byte[] AUDIO = "OggS-voice-note-bytes".getBytes(StandardCharsets.UTF_8);

  static {
    try {
      transcription.start();
      graph.setDispatcher(
          new Dispatcher() {
            @Override
            public MockResponse dispatch(RecordedRequest request) {
              String path = request.getPath();
              if (path != null && path.startsWith("/v23.0/")) {
                String id = path.substring("/v23.0/".length());
                return new MockResponse()
                    .setHeader("Content-Type", "application/json")
                    .setBody(
                        "{\"messaging_product\":\"whatsapp\",\"url\":\""
                            + graph.url("/download/" + id)
                            + "\",\"mime_type\":\"audio/ogg\",\"id\":\""
                            + id
                            + "\"}");
              }
              if (path != null && path.startsWith("/download/")) {
                return new MockResponse()
                    .setHeader("Content-Type", "audio/ogg")
                    .setBody(new okio.Buffer().write(AUDIO));
              }
              return new MockResponse().setResponseCode(404);
            }
          });
      graph.start();
    } catch (IOException e) {
      throw new IllegalStateException(e);
    }
  }

  @DynamicPropertySource
  static void useTheFakeTranscriber(DynamicPropertyRegistry registry) {
    // an OpenAI-compatible base URL: the agent posts to {base}/v1/audio/transcriptions
    registry.add("sahabot.agent.transcription-url", () -> transcription.url("/").toString());
    registry.add("sahabot.agent.transcription-key", () -> "transcription-own-key");
    registry.add("sahabot.agent.voice.graph-base-url", () -> graph.url("/").toString());
    registry.add("sahabot.agent.voice.access-token", () -> "whatsapp-token");
  }

  @AfterAll
  static void stop() throws IOException {
    transcription.close();
    graph.close();
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
  void aVoiceNoteIsDownloadedTranscribedAndAnsweredAsTextSayingWhatWasUnderstood()
      throws Exception {
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

      // the media's URL from the Graph API, then the bytes from that URL, both with the token
      RecordedRequest lookup = graph.takeRequest(5, TimeUnit.SECONDS);
      assertThat(lookup.getPath()).isEqualTo("/v23.0/media-1");
      assertThat(lookup.getHeader("Authorization")).isEqualTo("Bearer whatsapp-token");
      RecordedRequest download = graph.takeRequest(5, TimeUnit.SECONDS);
      assertThat(download.getPath()).isEqualTo("/download/media-1");
      assertThat(download.getHeader("Authorization")).isEqualTo("Bearer whatsapp-token");

      RecordedRequest request = transcription.takeRequest(5, TimeUnit.SECONDS);
      assertThat(request).isNotNull();
      assertThat(request.getPath()).isEqualTo("/v1/audio/transcriptions");
      // its own key: the WhatsApp token never leaves for the transcription endpoint
      assertThat(request.getHeader("Authorization")).isEqualTo("Bearer transcription-own-key");
      assertThat(request.getHeader("Content-Type")).startsWith("multipart/form-data");
      String form = request.getBody().readUtf8();
      assertThat(form)
          .contains("name=\"file\"; filename=\"voice.ogg\"")
          .contains(new String(AUDIO, StandardCharsets.UTF_8))
          .contains("name=\"model\"")
          .contains("whisper-1")
          .contains("name=\"language\"");
      String answer = ((OutboundContent.Text) seen.get(0).content()).body();
      assertThat(answer)
          .startsWith(Texts.text("tr", "voice_understood", "merhaba"))
          .contains("Saha Ses");

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
