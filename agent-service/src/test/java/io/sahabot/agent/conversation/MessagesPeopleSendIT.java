package io.sahabot.agent.conversation;

import static org.assertj.core.api.Assertions.assertThat;

import io.sahabot.agent.tools.Texts;
import io.sahabot.platform.kafka.WireSerdes;
import io.sahabot.platform.tenants.TenantSnapshots;
import io.sahabot.schemas.reservation.RequestReservation;
import io.sahabot.schemas.reservation.ReservationCommand;
import io.sahabot.schemas.tenant.BusinessLocation;
import io.sahabot.schemas.tenant.TenantSettings;
import io.sahabot.schemas.tenant.TenantSnapshot;
import io.sahabot.schemas.topics.Topics;
import io.sahabot.schemas.whatsapp.Contact;
import io.sahabot.schemas.whatsapp.InboundMessage;
import io.sahabot.schemas.whatsapp.MediaRef;
import io.sahabot.schemas.whatsapp.MessageKind;
import io.sahabot.schemas.whatsapp.OutboundContent;
import io.sahabot.schemas.whatsapp.OutboundMessage;
import io.sahabot.schemas.whatsapp.OutboundRecord;
import io.sahabot.testsupport.IntegrationTest;
import io.sahabot.testsupport.SahaBotInfrastructure;
import io.sahabot.testsupport.TenantRows;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.Statement;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.common.serialization.StringDeserializer;
import org.awaitility.Awaitility;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.kafka.core.KafkaTemplate;
import org.springframework.test.annotation.DirtiesContext;

/**
 * What the agent does with what people send besides text: a location request gets the business's
 * location message, images and documents a short answer, and an owner's contact card becomes the
 * customer of their next booking request ("bu kişiye yarın 9").
 */
@IntegrationTest
// every context of this module consumes in the same groups: closed after its class
@DirtiesContext
class MessagesPeopleSendIT {

  private static final BusinessLocation PITCH =
      new BusinessLocation(40.9903, 29.0292, "Saha Moda", "Moda Cd. 1, Kadıköy");

  @Autowired TenantSnapshots tenants;
  @Autowired KafkaTemplate<String, Object> kafka;

  @Test
  void aLocationRequestGetsTheBusinessesLocationMessageImagesAndDocumentsAShortAnswer()
      throws Exception {
    String customer = "905320000901";
    UUID tenant = tenant(List.of(), PITCH);
    UUID without = tenant(List.of(), null);

    try (KafkaConsumer<String, OutboundRecord> outbound = outboundConsumer()) {
      outbound.subscribe(List.of(Topics.WHATSAPP_OUTBOUND.name()));
      List<OutboundMessage> seen = new ArrayList<>();
      send(text(tenant, customer, "Adresiniz nedir?"));
      send(text(without, customer, "where are you?"));
      send(media(tenant, customer, MessageKind.IMAGE));
      send(media(tenant, customer, MessageKind.DOCUMENT));
      Awaitility.await()
          .atMost(Duration.ofSeconds(60))
          .until(
              () ->
                  collect(outbound, List.of(tenant, without), seen).size() >= 4
                      && seen.stream().anyMatch(m -> m.tenantId().equals(without)));

      List<OutboundContent> toCustomer =
          seen.stream()
              .filter(m -> m.tenantId().equals(tenant))
              .map(OutboundMessage::content)
              .toList();
      assertThat(toCustomer)
          .contains(
              new OutboundContent.LocationPin(
                  PITCH.latitude(), PITCH.longitude(), PITCH.name(), PITCH.address()),
              new OutboundContent.Text(Texts.text("tr", "image")),
              new OutboundContent.Text(Texts.text("tr", "document")))
          .hasSize(3);
      assertThat(
              seen.stream().filter(m -> m.tenantId().equals(without)).map(OutboundMessage::content))
          .containsExactly(new OutboundContent.Text(Texts.text("tr", "location_unknown")));
    }
  }

  @Test
  void anOwnersContactCardIsTheCustomerOfTheirNextBookingRequest() throws Exception {
    String owner = "905320000902";
    UUID tenant = tenant(List.of(owner), null);

    try (KafkaConsumer<String, OutboundRecord> outbound = outboundConsumer();
        KafkaConsumer<String, ReservationCommand> commands = commandConsumer()) {
      outbound.subscribe(List.of(Topics.WHATSAPP_OUTBOUND.name()));
      commands.subscribe(List.of(Topics.RESERVATION_COMMANDS.name()));
      List<OutboundMessage> seen = new ArrayList<>();
      send(
          message(
              tenant,
              owner,
              MessageKind.CONTACTS,
              null,
              null,
              List.of(new Contact("Ayşe Yılmaz", List.of("+90 532 123 45 67")))));
      Awaitility.await()
          .atMost(Duration.ofSeconds(60))
          .until(() -> !collect(outbound, List.of(tenant), seen).isEmpty());
      assertThat(((OutboundContent.Text) seen.get(0).content()).body())
          .isEqualTo(Texts.text("tr", "contact_saved", "Ayşe Yılmaz", "+905321234567"));

      InboundMessage booking = text(tenant, owner, "bu kişiye yarın 9");
      send(booking);
      RequestReservation sent =
          Awaitility.await()
              .atMost(Duration.ofSeconds(60))
              .until(
                  () -> {
                    for (var r : commands.poll(Duration.ofMillis(500))) {
                      if (r.value() instanceof RequestReservation request
                          && booking.wamid().equals(request.causationId())) {
                        return request;
                      }
                    }
                    return null;
                  },
                  r -> r != null);
      assertThat(sent.customer().name()).isEqualTo("Ayşe Yılmaz");
      assertThat(sent.customer().phone()).isEqualTo("905321234567");
      assertThat(sent.requestedBy().userId()).isEqualTo(owner);

      // the card is used up by the booking: the next request is the owner's own again
      Awaitility.await().atMost(Duration.ofSeconds(60)).until(() -> sharedContacts(tenant) == 0);
    }
  }

  private static int sharedContacts(UUID tenant) throws Exception {
    try (Connection c = SahaBotInfrastructure.get().database().connectAsOwner();
        Statement st = c.createStatement();
        ResultSet rs =
            st.executeQuery(
                "SELECT count(*) FROM shared_contacts WHERE tenant_id = '" + tenant + "'")) {
      rs.next();
      return rs.getInt(1);
    }
  }

  private UUID tenant(List<String> admins, BusinessLocation location) {
    UUID tenant = UUID.randomUUID();
    TenantRows.insert(tenant, "pn-" + tenant, "Saha Moda");
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
            null,
            null,
            location);
    tenants.put(
        new TenantSnapshot(
            "t",
            Instant.now(),
            tenant,
            null,
            "pn-" + tenant,
            null,
            "Saha Moda",
            true,
            settings,
            1));
    return tenant;
  }

  private void send(InboundMessage message) throws Exception {
    kafka.send(Topics.WHATSAPP_INBOUND_MESSAGES.name(), message.key(), message).get();
  }

  private static InboundMessage text(UUID tenant, String from, String text) {
    return message(tenant, from, MessageKind.TEXT, text, null, List.of());
  }

  private static InboundMessage media(UUID tenant, String from, MessageKind kind) {
    return message(
        tenant,
        from,
        kind,
        null,
        new MediaRef("media-" + UUID.randomUUID(), "image/jpeg", null, null, false),
        List.of());
  }

  private static InboundMessage message(
      UUID tenant,
      String from,
      MessageKind kind,
      String text,
      MediaRef media,
      List<Contact> contacts) {
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
        contacts,
        null,
        null);
  }

  private static List<OutboundMessage> collect(
      KafkaConsumer<String, OutboundRecord> consumer,
      List<UUID> tenants,
      List<OutboundMessage> seen) {
    for (var r : consumer.poll(Duration.ofMillis(300))) {
      if (r.value() instanceof OutboundMessage m
          && tenants.contains(m.tenantId())
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
            "people-send-" + UUID.randomUUID(),
            ConsumerConfig.AUTO_OFFSET_RESET_CONFIG,
            "earliest"),
        new StringDeserializer(),
        WireSerdes.valueDeserializer(Topics.WHATSAPP_OUTBOUND));
  }

  private static KafkaConsumer<String, ReservationCommand> commandConsumer() {
    return new KafkaConsumer<>(
        Map.of(
            ConsumerConfig.BOOTSTRAP_SERVERS_CONFIG,
            SahaBotInfrastructure.get().kafkaBootstrapServers(),
            ConsumerConfig.GROUP_ID_CONFIG,
            "people-send-commands-" + UUID.randomUUID(),
            ConsumerConfig.AUTO_OFFSET_RESET_CONFIG,
            "earliest"),
        new StringDeserializer(),
        WireSerdes.valueDeserializer(Topics.RESERVATION_COMMANDS));
  }
}
