package io.sahabot.schemas.whatsapp;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatNullPointerException;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.sahabot.schemas.Fixtures;
import io.sahabot.schemas.Json;
import io.sahabot.schemas.whatsapp.OutboundContent.Buttons;
import io.sahabot.schemas.whatsapp.OutboundContent.Image;
import io.sahabot.schemas.whatsapp.OutboundContent.ListMessage;
import io.sahabot.schemas.whatsapp.OutboundContent.ListRow;
import io.sahabot.schemas.whatsapp.OutboundContent.ReplyButton;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;
import java.util.stream.IntStream;
import org.junit.jupiter.api.Test;
import tools.jackson.databind.node.ObjectNode;

class WhatsappContractsTest {

  private static final InboundMessage TEXT = Fixtures.inbound(MessageKind.TEXT);

  @Test
  void keysCarryTenantAndUserAndOutboundTheBusinessNumber() {
    assertThat(TEXT.key()).isEqualTo(Fixtures.TENANT + ":" + Fixtures.WA_ID);
    assertThat(Fixtures.status(DeliveryStatus.Status.READ).key())
        .isEqualTo(Fixtures.TENANT + ":" + Fixtures.WA_ID);
    // one number's messages on one partition: one sender instance owns the number's rate limit
    assertThat(Fixtures.outbound(new OutboundContent.Text("hi")).key())
        .isEqualTo(Fixtures.PHONE_NUMBER_ID);
    assertThat(Fixtures.rawChange().key()).isEqualTo(Fixtures.PHONE_NUMBER_ID);
  }

  @Test
  void inboundMessageRefusesNullTenant() {
    assertThatNullPointerException()
        .isThrownBy(() -> copy(null, MessageKind.TEXT, "hi"))
        .withMessage("tenantId: must not be null");
  }

  @Test
  void inboundMessageRefusesKindWithoutItsPayload() {
    assertThatNullPointerException()
        .isThrownBy(() -> copy(Fixtures.TENANT, MessageKind.TEXT, null))
        .withMessageStartingWith("text:");
  }

  @Test
  void inboundMessageRefusesUserIdOtherThanWaId() {
    assertThatThrownBy(
            () ->
                new InboundMessage(
                    "e",
                    TEXT.occurredAt(),
                    TEXT.tenantId(),
                    "c",
                    "p",
                    null,
                    "905000000000",
                    "905321234567",
                    null,
                    null,
                    "w",
                    TEXT.sentAt(),
                    MessageKind.TEXT,
                    "hi",
                    null,
                    null,
                    null,
                    null,
                    null,
                    null,
                    null))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageStartingWith("userId:");
  }

  @Test
  void inboundMessageRefusesBlankEventId() {
    assertThatThrownBy(
            () ->
                new InboundMessage(
                    " ",
                    TEXT.occurredAt(),
                    TEXT.tenantId(),
                    "c",
                    "p",
                    null,
                    "u",
                    null,
                    null,
                    null,
                    "w",
                    TEXT.sentAt(),
                    MessageKind.UNSUPPORTED,
                    null,
                    null,
                    null,
                    null,
                    null,
                    null,
                    null,
                    null))
        .hasMessage("eventId: must not be blank");
  }

  @Test
  void contactsAreCopied() {
    var contacts = new ArrayList<>(Fixtures.inbound(MessageKind.CONTACTS).contacts());
    var message =
        new InboundMessage(
            "e",
            TEXT.occurredAt(),
            TEXT.tenantId(),
            "c",
            "p",
            null,
            "u",
            null,
            null,
            null,
            "w",
            TEXT.sentAt(),
            MessageKind.CONTACTS,
            null,
            null,
            null,
            null,
            null,
            contacts,
            null,
            null);

    contacts.clear();

    assertThat(message.contacts()).hasSize(1);
  }

  @Test
  void rawChangeKeepsTheValueVerbatimAndCopiesIt() {
    ObjectNode value = (ObjectNode) Fixtures.change();
    var raw = new RawWebhookChange("d", Fixtures.NOW, "p", "messages", value);

    value.put("mutated", true);

    assertThat(raw.value().has("mutated")).isFalse();
    assertThat(raw.value().at("/messages/0/some_future_field/nested/1").asDouble()).isEqualTo(2.5);
    assertThatThrownBy(
            () ->
                new RawWebhookChange(
                    "d", Fixtures.NOW, "p", "messages", Json.mapper().readTree("[]")))
        .hasMessageStartingWith("value:");
  }

  @Test
  void rejectedForInactiveTenantNeedsTheTenant() {
    assertThatNullPointerException()
        .isThrownBy(
            () ->
                new RejectedInbound(
                    "e",
                    Fixtures.NOW,
                    "d",
                    "p",
                    null,
                    RejectedInbound.Reason.TENANT_INACTIVE,
                    null,
                    Fixtures.change()))
        .withMessageStartingWith("tenantId:");
  }

  @Test
  void buttonsRefuseFourButtons() {
    List<ReplyButton> four =
        IntStream.range(0, 4).mapToObj(i -> new ReplyButton("b" + i, "Seçenek " + i)).toList();

    assertThatThrownBy(() -> new Buttons("Hangisi?", four))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessage("buttons: must have 1 to 3 elements, had 4");
    assertThatThrownBy(() -> new Buttons("Hangisi?", List.of())).hasMessageStartingWith("buttons:");
  }

  @Test
  void buttonTitleIsAtMostTwentyCharacters() {
    assertThat(new ReplyButton("ok", "ğüşıöçĞÜŞİÖÇ12345678").title()).hasSize(20);
    assertThatThrownBy(() -> new ReplyButton("ok", "Pazartesi 20:00 Saha 1"))
        .hasMessage("buttons.title: must be at most 20 characters, was 22");
    assertThatThrownBy(() -> new ReplyButton("x".repeat(257), "ok"))
        .hasMessageStartingWith("buttons.id:");
  }

  @Test
  void buttonIdsAreUnique() {
    assertThatThrownBy(
            () -> new Buttons("?", List.of(new ReplyButton("a", "A"), new ReplyButton("a", "B"))))
        .hasMessageStartingWith("buttons.id: duplicate");
  }

  @Test
  void listRefusesElevenRowsAndLongTexts() {
    List<ListRow> eleven =
        IntStream.range(0, 11).mapToObj(i -> new ListRow("r" + i, i + ":00", null)).toList();

    assertThatThrownBy(() -> new ListMessage("Saatler", "Seç", eleven))
        .hasMessage("rows: must have 1 to 10 elements, had 11");
    assertThatThrownBy(() -> new ListMessage("Saatler", "Boş saatleri göster lütfen", eleven))
        .hasMessageStartingWith("buttonText:");
    assertThatThrownBy(() -> new ListRow("r", "x".repeat(25), null))
        .hasMessageStartingWith("rows.title:");
  }

  @Test
  void listSectionTitleIsOptionalAndAtMost24Characters() {
    List<ListRow> one = List.of(new ListRow("r", "20:00", null));

    assertThat(new ListMessage("Saatler", "Seç", one).sectionTitle()).isNull();
    assertThat(new ListMessage("Saatler", "Seç", one, "Pazartesi 30 Kasım").sectionTitle())
        .isEqualTo("Pazartesi 30 Kasım");
    assertThatThrownBy(() -> new ListMessage("Saatler", "Seç", one, "x".repeat(25)))
        .hasMessageStartingWith("sectionTitle:");
    assertThatThrownBy(() -> new ListMessage("Saatler", "Seç", one, " "))
        .hasMessageStartingWith("sectionTitle:");
  }

  @Test
  void imageNeedsExactlyOneSource() {
    assertThatThrownBy(() -> new Image(null, null, null, null)).hasMessageStartingWith("link:");
    assertThatThrownBy(() -> new Image("https://x.test/a.png", "AAAA", "image/png", null))
        .hasMessageStartingWith("link:");
    assertThatThrownBy(() -> new Image("file:///etc/passwd", null, null, null))
        .hasMessageStartingWith("link:");
    assertThatNullPointerException()
        .isThrownBy(() -> new Image(null, "AAAA", null, null))
        .withMessageStartingWith("mimeType:");
  }

  private static InboundMessage copy(UUID tenant, MessageKind kind, String text) {
    return new InboundMessage(
        TEXT.eventId(),
        TEXT.occurredAt(),
        tenant,
        TEXT.causationId(),
        TEXT.phoneNumberId(),
        TEXT.displayPhoneNumber(),
        TEXT.userId(),
        TEXT.waId(),
        TEXT.bsuid(),
        TEXT.profileName(),
        TEXT.wamid(),
        TEXT.sentAt(),
        kind,
        text,
        TEXT.reply(),
        TEXT.location(),
        TEXT.media(),
        TEXT.reaction(),
        TEXT.contacts(),
        TEXT.contextWamid(),
        TEXT.error());
  }
}
