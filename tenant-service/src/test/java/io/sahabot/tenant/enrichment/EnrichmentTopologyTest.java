package io.sahabot.tenant.enrichment;

import static io.sahabot.schemas.topics.Topics.TENANT_CHANGELOG;
import static io.sahabot.schemas.topics.Topics.WHATSAPP_INBOUND_MESSAGES;
import static io.sahabot.schemas.topics.Topics.WHATSAPP_INBOUND_RAW;
import static io.sahabot.schemas.topics.Topics.WHATSAPP_INBOUND_REJECTED;
import static io.sahabot.schemas.topics.Topics.WHATSAPP_INBOUND_STATUSES;
import static org.assertj.core.api.Assertions.assertThat;

import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import io.sahabot.platform.kafka.WireSerdes;
import io.sahabot.schemas.tenant.TenantChangelogRecord;
import io.sahabot.schemas.tenant.TenantSnapshot;
import io.sahabot.schemas.whatsapp.DeliveryStatus;
import io.sahabot.schemas.whatsapp.DeliveryStatusRecord;
import io.sahabot.schemas.whatsapp.IdentityChange;
import io.sahabot.schemas.whatsapp.InboundMessage;
import io.sahabot.schemas.whatsapp.InboundMessageRecord;
import io.sahabot.schemas.whatsapp.MessageKind;
import io.sahabot.schemas.whatsapp.RawWebhookChange;
import io.sahabot.schemas.whatsapp.RejectedInbound;
import io.sahabot.schemas.whatsapp.RejectedInboundRecord;
import io.sahabot.tenant.provisioning.Tenant;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.List;
import java.util.Properties;
import java.util.UUID;
import org.apache.kafka.common.serialization.Serdes;
import org.apache.kafka.streams.KeyValue;
import org.apache.kafka.streams.StreamsBuilder;
import org.apache.kafka.streams.StreamsConfig;
import org.apache.kafka.streams.TestInputTopic;
import org.apache.kafka.streams.TestOutputTopic;
import org.apache.kafka.streams.TopologyTestDriver;
import org.apache.kafka.streams.test.TestRecord;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

class EnrichmentTopologyTest {

  static final Instant NOW = Instant.parse("2026-11-27T12:00:00Z");
  static final String CUSTOMER = "905454031918";

  @TempDir Path stateDir;

  InMemoryProvisioner provisioner = new InMemoryProvisioner();
  SimpleMeterRegistry meters = new SimpleMeterRegistry();
  TopologyTestDriver driver;
  TestInputTopic<String, RawWebhookChange> raw;
  TestInputTopic<String, byte[]> rawBytes;
  TestInputTopic<String, TenantChangelogRecord> changelogIn;
  TestOutputTopic<String, InboundMessageRecord> messages;
  TestOutputTopic<String, DeliveryStatusRecord> statuses;
  TestOutputTopic<String, RejectedInboundRecord> rejected;
  TestOutputTopic<String, TenantChangelogRecord> changelog;
  TestOutputTopic<String, byte[]> deadLetters;

  @BeforeEach
  void startDriver() {
    StreamsBuilder builder = new StreamsBuilder();
    new EnrichmentTopology(provisioner, Clock.fixed(NOW, ZoneOffset.UTC), meters, 12)
        .build(builder);
    Properties props = new Properties();
    props.put(StreamsConfig.APPLICATION_ID_CONFIG, "enrichment-test");
    props.put(StreamsConfig.BOOTSTRAP_SERVERS_CONFIG, "unused:9092");
    props.put(StreamsConfig.PROCESSING_GUARANTEE_CONFIG, StreamsConfig.EXACTLY_ONCE_V2);
    props.put(StreamsConfig.STATE_DIR_CONFIG, stateDir.toString());
    driver = new TopologyTestDriver(builder.build(), props, NOW);

    raw =
        driver.createInputTopic(
            WHATSAPP_INBOUND_RAW.name(),
            Serdes.String().serializer(),
            WireSerdes.<RawWebhookChange>valueSerializer());
    rawBytes =
        driver.createInputTopic(
            WHATSAPP_INBOUND_RAW.name(),
            Serdes.String().serializer(),
            Serdes.ByteArray().serializer());
    changelogIn =
        driver.createInputTopic(
            TENANT_CHANGELOG.name(),
            Serdes.String().serializer(),
            WireSerdes.<TenantChangelogRecord>valueSerializer());
    messages =
        driver.createOutputTopic(
            WHATSAPP_INBOUND_MESSAGES.name(),
            Serdes.String().deserializer(),
            WireSerdes.valueDeserializer(WHATSAPP_INBOUND_MESSAGES));
    statuses =
        driver.createOutputTopic(
            WHATSAPP_INBOUND_STATUSES.name(),
            Serdes.String().deserializer(),
            WireSerdes.valueDeserializer(WHATSAPP_INBOUND_STATUSES));
    rejected =
        driver.createOutputTopic(
            WHATSAPP_INBOUND_REJECTED.name(),
            Serdes.String().deserializer(),
            WireSerdes.valueDeserializer(WHATSAPP_INBOUND_REJECTED));
    changelog =
        driver.createOutputTopic(
            TENANT_CHANGELOG.name(),
            Serdes.String().deserializer(),
            WireSerdes.valueDeserializer(TENANT_CHANGELOG));
    deadLetters =
        driver.createOutputTopic(
            WHATSAPP_INBOUND_RAW.deadLetter(),
            Serdes.String().deserializer(),
            Serdes.ByteArray().deserializer());
  }

  @AfterEach
  void closeDriver() {
    driver.close();
  }

  static List<String> fixtures() {
    return WebhookFixtures.names();
  }

  @ParameterizedTest
  @MethodSource("fixtures")
  void everyFixtureGivesOneRecordOnTheRightTopicWithTheTenantInItsKey(String fixture)
      throws Exception {
    for (RawWebhookChange change : WebhookFixtures.changes(fixture)) {
      raw.pipeInput(change.key(), change, NOW);
    }

    Tenant tenant = provisioner.tenants.values().iterator().next();
    String key = tenant.id() + ":" + CUSTOMER;
    boolean isStatus = fixture.startsWith("status_");
    // the new tenant's snapshot is the outbox relay's to publish, never the topology's
    assertThat(changelog.isEmpty()).isTrue();
    assertThat(rejected.isEmpty()).isTrue();
    assertThat(deadLetters.isEmpty()).isTrue();
    if (isStatus) {
      assertThat(messages.isEmpty()).isTrue();
      KeyValue<String, DeliveryStatusRecord> kv = statuses.readKeyValue();
      assertThat(statuses.isEmpty()).isTrue();
      assertThat(kv.key).isEqualTo(key);
      DeliveryStatus status = (DeliveryStatus) kv.value;
      assertThat(status.tenantId()).isEqualTo(tenant.id());
      assertThat(status.status().name().toLowerCase())
          .isEqualTo(fixture.replace("status_", "").replace("_131047", "").replace(".json", ""));
    } else {
      assertThat(statuses.isEmpty()).isTrue();
      KeyValue<String, InboundMessageRecord> kv = messages.readKeyValue();
      assertThat(messages.isEmpty()).isTrue();
      assertThat(kv.key).isEqualTo(key);
      InboundMessage message = (InboundMessage) kv.value;
      assertThat(message.tenantId()).isEqualTo(tenant.id());
      assertThat(message.userId()).isEqualTo(CUSTOMER);
      assertThat(message.waId()).isEqualTo(CUSTOMER);
      assertThat(message.profileName()).isEqualTo("Ahmet Aydın");
      assertThat(message.occurredAt()).isEqualTo(NOW);
      assertThat(message.wamid()).startsWith("wamid.SB.");
    }
    assertThat(Files.exists(WebhookFixtures.directory().resolve(fixture))).isTrue();
  }

  @Test
  void readsEachMessageTypeOfTheFixtures() {
    InboundMessage text = message("text_tr.json");
    assertThat(text.kind()).isEqualTo(MessageKind.TEXT);
    assertThat(text.text()).startsWith("Pazartesi 20:00-21:00");
    assertThat(text.sentAt()).isEqualTo(Instant.ofEpochSecond(1795000000L));
    assertThat(text.displayPhoneNumber()).isEqualTo("902125550101");

    InboundMessage button = message("interactive_button_reply.json");
    assertThat(button.kind()).isEqualTo(MessageKind.BUTTON_REPLY);
    assertThat(button.reply().id()).isEqualTo("confirm:7f3c");
    assertThat(button.reply().title()).isEqualTo("Onayla");
    assertThat(button.contextWamid()).isEqualTo("wamid.SB.A.OUT.0007");

    InboundMessage list = message("interactive_list_reply.json");
    assertThat(list.kind()).isEqualTo(MessageKind.LIST_REPLY);
    assertThat(list.reply().id()).isEqualTo("slot:2026-11-23T21:00");
    assertThat(list.reply().description()).isEqualTo("Saha 1");

    InboundMessage location = message("location.json");
    assertThat(location.kind()).isEqualTo(MessageKind.LOCATION);
    assertThat(location.location().latitude()).isEqualTo(41.0082);
    assertThat(location.location().name()).isEqualTo("Kadıköy Halı Saha");

    InboundMessage image = message("image.json");
    assertThat(image.kind()).isEqualTo(MessageKind.IMAGE);
    assertThat(image.media().id()).isEqualTo("1480291023320917");
    assertThat(image.media().caption()).isEqualTo("dekont");

    InboundMessage audio = message("audio_voice.json");
    assertThat(audio.kind()).isEqualTo(MessageKind.AUDIO);
    assertThat(audio.media().voice()).isTrue();
    assertThat(audio.media().mimeType()).isEqualTo("audio/ogg; codecs=opus");
  }

  @Test
  void aFailedStatusCarriesWhatsAppsError() {
    pipe(WebhookFixtures.changes("status_failed_131047.json").get(0));

    DeliveryStatus status = (DeliveryStatus) statuses.readValue();
    assertThat(status.status()).isEqualTo(DeliveryStatus.Status.FAILED);
    assertThat(status.errors())
        .singleElement()
        .satisfies(
            e -> {
              assertThat(e.code()).isEqualTo(131047);
              assertThat(e.details()).contains("24 hours");
            });
  }

  @Test
  void readsTemplateButtonsReactionsContactsAndUnsupportedMessages() {
    String number = newNumber();
    pipe(
        WebhookFixtures.change(
            number,
            "messages",
            WebhookFixtures.json(
                """
                {"messaging_product":"whatsapp",
                 "metadata":{"display_phone_number":"902125550999","phone_number_id":"%s"},
                 "contacts":[{"profile":{"name":"Ayşe"},"wa_id":"905300000001"}],
                 "messages":[
                  {"from":"905300000001","id":"wamid.T1","timestamp":"1795000000","type":"button",
                   "button":{"payload":"yes-please","text":"Evet"}},
                  {"from":"905300000001","id":"wamid.T2","timestamp":"1795000001","type":"reaction",
                   "reaction":{"message_id":"wamid.OUT.1","emoji":"👍"}},
                  {"from":"905300000001","id":"wamid.T3","timestamp":"1795000002","type":"contacts",
                   "contacts":[{"name":{"formatted_name":"Mehmet"},"phones":[{"phone":"+90 530 000 0002"}]}]},
                  {"from":"905300000001","id":"wamid.T4","timestamp":"1795000003","type":"unsupported",
                   "errors":[{"code":131051,"title":"Message type unknown"}]}
                 ]}
                """
                    .formatted(number))));

    List<InboundMessage> out =
        messages.readValuesToList().stream().map(m -> (InboundMessage) m).toList();
    assertThat(out)
        .extracting(InboundMessage::kind)
        .containsExactly(
            MessageKind.TEMPLATE_BUTTON,
            MessageKind.REACTION,
            MessageKind.CONTACTS,
            MessageKind.UNSUPPORTED);
    assertThat(out.get(0).reply().id()).isEqualTo("yes-please");
    assertThat(out.get(0).reply().title()).isEqualTo("Evet");
    assertThat(out.get(1).reaction().emoji()).isEqualTo("👍");
    assertThat(out.get(1).reaction().messageId()).isEqualTo("wamid.OUT.1");
    assertThat(out.get(2).contacts().get(0).name()).isEqualTo("Mehmet");
    assertThat(out.get(2).contacts().get(0).phones()).containsExactly("+90 530 000 0002");
    assertThat(out.get(3).error().code()).isEqualTo(131051);
  }

  @Test
  void aSenderWithoutAPhoneNumberIsKeyedByItsBusinessScopedUserId() {
    String number = newNumber();
    pipe(
        WebhookFixtures.change(
            number,
            "messages",
            WebhookFixtures.json(
                """
                {"messaging_product":"whatsapp",
                 "metadata":{"phone_number_id":"%s"},
                 "contacts":[{"profile":{"name":"anon"},"user_id":"TR.1234567890"}],
                 "messages":[{"from_user_id":"TR.1234567890","id":"wamid.U1",
                   "timestamp":"1795000000","type":"text","text":{"body":"merhaba"}}]}
                """
                    .formatted(number))));

    KeyValue<String, InboundMessageRecord> kv = messages.readKeyValue();
    InboundMessage message = (InboundMessage) kv.value;
    assertThat(message.userId()).isEqualTo("TR.1234567890");
    assertThat(message.waId()).isNull();
    assertThat(message.bsuid()).isEqualTo("TR.1234567890");
    assertThat(kv.key).isEqualTo(message.tenantId() + ":TR.1234567890");
  }

  @Test
  void aSenderKnownByPhoneAndUserIdCarriesBoth() {
    String number = newNumber();
    pipe(
        WebhookFixtures.change(
            number,
            "messages",
            WebhookFixtures.json(
                """
                {"messaging_product":"whatsapp",
                 "metadata":{"phone_number_id":"%s"},
                 "contacts":[{"profile":{"name":"Ayşe"},"wa_id":"905320000010",
                   "user_id":"TR.1234567890"}],
                 "messages":[{"from":"905320000010","id":"wamid.U2",
                   "timestamp":"1795000000","type":"text","text":{"body":"merhaba"}}]}
                """
                    .formatted(number))));

    InboundMessage message = (InboundMessage) messages.readValue();
    assertThat(message.userId()).isEqualTo("905320000010");
    assertThat(message.waId()).isEqualTo("905320000010");
    assertThat(message.bsuid()).isEqualTo("TR.1234567890");
  }

  @Test
  void systemMessagesAboutChangedIdentifiersAreIdentityChanges() {
    String number = newNumber();
    pipe(
        WebhookFixtures.change(
            number,
            "messages",
            WebhookFixtures.json(
                """
                {"messaging_product":"whatsapp",
                 "metadata":{"phone_number_id":"%s"},
                 "messages":[
                  {"from":"905320000010","id":"wamid.S1","timestamp":"1795000000",
                   "type":"system","system":{"body":"User Ayşe changed from 905320000010 to 905320000011",
                   "wa_id":"905320000011","type":"user_changed_number","user_id":"TR.2",
                   "previous_user_id":"TR.1"}},
                  {"from_user_id":"TR.2","id":"wamid.S2","timestamp":"1795000001",
                   "type":"system","system":{"body":"changed","type":"user_changed_user_id",
                   "user_id":"TR.3","previous_user_id":"TR.2"}},
                  {"id":"wamid.S3","timestamp":"1795000002",
                   "type":"system","system":{"type":"user_changed_user_id",
                   "user_id":"TR.4","previous_user_id":"TR.3"}},
                  {"from":"905320000010","id":"wamid.S4","timestamp":"1795000003",
                   "type":"system","system":{"type":"customer_identity_changed"}}]}
                """
                    .formatted(number))));

    List<InboundMessageRecord> out = messages.readValuesToList();
    assertThat(out).hasSize(4);
    InboundMessage number1 = (InboundMessage) out.get(0);
    assertThat(number1.kind()).isEqualTo(MessageKind.SYSTEM);
    assertThat(number1.userId()).isEqualTo("905320000010");
    assertThat(number1.identityChange())
        .isEqualTo(new IdentityChange("user_changed_number", "905320000011", "TR.2", "TR.1"));
    InboundMessage id = (InboundMessage) out.get(1);
    assertThat(id.userId()).isEqualTo("TR.2");
    assertThat(id.identityChange())
        .isEqualTo(new IdentityChange("user_changed_user_id", null, "TR.3", "TR.2"));
    assertThat(((InboundMessage) out.get(2)).userId()).isEqualTo("TR.3");
    InboundMessage other = (InboundMessage) out.get(3);
    assertThat(other.kind()).isEqualTo(MessageKind.UNSUPPORTED);
    assertThat(other.identityChange()).isNull();
  }

  @Test
  void aMessageDeliveredTwiceComesOutOnce() {
    RawWebhookChange first = WebhookFixtures.changes("text_tr.json").get(0);
    RawWebhookChange retry =
        WebhookFixtures.change(first.phoneNumberId(), first.field(), first.value());

    raw.pipeInput(first.key(), first, NOW);
    raw.pipeInput(retry.key(), retry, NOW.plusSeconds(6 * 24 * 3600));

    assertThat(messages.readValuesToList()).hasSize(1);
    assertThat(meters.counter("sahabot.enrichment.duplicates").count()).isEqualTo(1);
  }

  @Test
  void aStatusDeliveredTwiceComesOutOnceButEachStatusOfAMessageComesOut() {
    pipe(WebhookFixtures.changes("status_sent.json").get(0));
    pipe(WebhookFixtures.changes("status_sent.json").get(0));
    pipe(WebhookFixtures.changes("status_delivered.json").get(0));
    pipe(WebhookFixtures.changes("status_read.json").get(0));

    assertThat(statuses.readValuesToList())
        .extracting(s -> ((DeliveryStatus) s).status())
        .containsExactly(
            DeliveryStatus.Status.SENT,
            DeliveryStatus.Status.DELIVERED,
            DeliveryStatus.Status.READ);
  }

  @Test
  void aNewNumberIsProvisionedOnceAndTheTopologyPublishesNoSnapshot() {
    String number = newNumber();
    for (int i = 0; i < 5; i++) {
      RawWebhookChange change = WebhookFixtures.change("text_tr.json", number);
      ((tools.jackson.databind.node.ObjectNode) change.value().path("messages").get(0))
          .put("id", "wamid.N" + i);
      pipe(change);
    }

    assertThat(provisioner.calls).hasValue(1);
    assertThat(changelog.isEmpty()).isTrue();
    UUID tenantId = provisioner.tenants.get(number).id();
    assertThat(messages.readValuesToList())
        .hasSize(5)
        .allSatisfy(m -> assertThat(((InboundMessage) m).tenantId()).isEqualTo(tenantId));
  }

  @Test
  void anInactiveTenantsTrafficIsOnlyRejected() {
    String number = newNumber();
    pipe(WebhookFixtures.change("text_tr.json", number));
    TenantSnapshot active = provisioned(number);
    messages.readValuesToList();

    changelogIn.pipeInput(active.key(), deactivated(active), NOW);
    RawWebhookChange next = WebhookFixtures.change("text_en.json", number);
    pipe(next);
    pipe(WebhookFixtures.change("status_read.json", number));

    assertThat(messages.isEmpty()).isTrue();
    assertThat(statuses.isEmpty()).isTrue();
    assertThat(changelog.isEmpty()).isTrue();
    List<KeyValue<String, RejectedInboundRecord>> rejections = rejected.readKeyValuesToList();
    assertThat(rejections).hasSize(2);
    assertThat(rejections.get(0).key).isEqualTo(number);
    RejectedInbound rejection = (RejectedInbound) rejections.get(0).value;
    assertThat(rejection.reason()).isEqualTo(RejectedInbound.Reason.TENANT_INACTIVE);
    assertThat(rejection.tenantId()).isEqualTo(active.tenantId());
    assertThat(rejection.causationId()).isEqualTo(next.deliveryId());
    assertThat(rejection.change().path("messages").get(0).path("id").asString())
        .isEqualTo("wamid.SB.B.0001");
  }

  @Test
  void anOlderSnapshotDoesNotOverrideANewerOne() {
    String number = newNumber();
    pipe(WebhookFixtures.change("text_tr.json", number));
    TenantSnapshot v1 = provisioned(number);
    TenantSnapshot v2 = deactivated(v1);

    changelogIn.pipeInput(v2.key(), v2, NOW);
    changelogIn.pipeInput(v1.key(), v1, NOW);
    pipe(WebhookFixtures.change("text_en.json", number));

    assertThat(messages.readValuesToList()).hasSize(1);
    assertThat(rejected.readValuesToList()).hasSize(1);
  }

  @Test
  void anUnreadableRecordGoesToTheDeadLetterTopicAndThePartitionKeepsMoving() {
    TestRecord<String, byte[]> garbage =
        new TestRecord<>("699317973274146", "{not json".getBytes(StandardCharsets.UTF_8));
    rawBytes.pipeInput(garbage);
    pipe(WebhookFixtures.changes("text_tr.json").get(0));

    TestRecord<String, byte[]> dead = deadLetters.readRecord();
    assertThat(dead.key()).isEqualTo("699317973274146");
    assertThat(new String(dead.value(), StandardCharsets.UTF_8)).isEqualTo("{not json");
    assertThat(dead.headers().lastHeader(EnrichProcessor.DLT_EXCEPTION_FQCN)).isNotNull();
    assertThat(
            new String(
                dead.headers().lastHeader(EnrichProcessor.DLT_ORIGINAL_TOPIC).value(),
                StandardCharsets.UTF_8))
        .isEqualTo(WHATSAPP_INBOUND_RAW.name());
    assertThat(messages.readValuesToList()).hasSize(1);
    assertThat(meters.counter("sahabot.enrichment.dead.letters").count()).isEqualTo(1);
  }

  @Test
  void aRecordForANumberThatIsNotAPhoneNumberIdGoesToTheDeadLetterTopic() {
    RawWebhookChange odd =
        WebhookFixtures.change(
            "not-a-number", "messages", WebhookFixtures.changes("text_tr.json").get(0).value());

    raw.pipeInput(odd.key(), odd, NOW);

    assertThat(deadLetters.readRecord().key()).isEqualTo("not-a-number");
    assertThat(provisioner.calls).hasValue(0);
    assertThat(messages.isEmpty()).isTrue();
  }

  @Test
  void aBadMessageIsCountedAndTheRestOfItsChangePassesOn() {
    String number = newNumber();
    pipe(
        WebhookFixtures.change(
            number,
            "messages",
            WebhookFixtures.json(
                """
                {"metadata":{"phone_number_id":"%s"},
                 "messages":[
                  {"id":"wamid.X1","timestamp":"1795000000","type":"text","text":{"body":"no sender"}},
                  {"from":"905300000009","id":"wamid.X2","timestamp":"1795000000","type":"text","text":{"body":"ok"}}
                 ]}
                """
                    .formatted(number))));

    assertThat(messages.readValuesToList()).hasSize(1);
    assertThat(meters.counter("sahabot.enrichment.value.errors", "kind", "message").count())
        .isEqualTo(1);
  }

  @Test
  void aChangeWithNothingToReadIsRejectedAsUnreadable() {
    String number = newNumber();
    pipe(
        WebhookFixtures.change(
            number,
            "account_update",
            WebhookFixtures.json(
                "{\"metadata\":{\"phone_number_id\":\"%s\"},\"event\":\"X\"}".formatted(number))));

    RejectedInbound rejection = (RejectedInbound) rejected.readValue();
    assertThat(rejection.reason()).isEqualTo(RejectedInbound.Reason.UNREADABLE);
    assertThat(messages.isEmpty()).isTrue();
  }

  private InboundMessage message(String fixture) {
    pipe(WebhookFixtures.changes(fixture).get(0));
    return (InboundMessage) messages.readValue();
  }

  private void pipe(RawWebhookChange change) {
    raw.pipeInput(change.key(), change, NOW);
  }

  private static TenantSnapshot deactivated(TenantSnapshot s) {
    return new TenantSnapshot(
        UUID.randomUUID().toString(),
        NOW,
        s.tenantId(),
        "test",
        s.phoneNumberId(),
        s.displayPhoneNumber(),
        s.businessName(),
        false,
        s.settings(),
        s.version() + 1);
  }

  private static String newNumber() {
    return Long.toString(100_000_000_000_000L + (long) (Math.random() * 1_000_000_000L));
  }

  /**
   * The snapshot of the tenant the provisioner made for {@code number}, as the relay publishes it.
   */
  private TenantSnapshot provisioned(String number) {
    return provisioner.tenants.get(number).snapshot("test", java.time.Clock.systemUTC());
  }
}
