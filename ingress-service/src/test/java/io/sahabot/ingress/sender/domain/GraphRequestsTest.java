package io.sahabot.ingress.sender.domain;

import static org.assertj.core.api.Assertions.assertThat;

import io.sahabot.ingress.sender.Outbound;
import io.sahabot.schemas.Json;
import io.sahabot.schemas.whatsapp.OutboundContent;
import io.sahabot.schemas.whatsapp.OutboundMessage;
import io.sahabot.testsupport.SharedFixtures;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.UUID;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.node.ObjectNode;

class GraphRequestsTest {

  @Test
  void textMatchesTheFixture() {
    OutboundMessage message = Outbound.message(Outbound.text());

    assertThat(GraphRequests.message(message, null))
        .isEqualTo(fixture("send_text.request.json", message));
  }

  @Test
  void replyCarriesTheQuotedMessageAsContext() {
    var reply =
        Outbound.message(
            UUID.randomUUID(),
            Outbound.NUMBER,
            Outbound.TO,
            "wamid.SB.A.0001",
            Outbound.replyText());

    assertThat(GraphRequests.message(reply, null))
        .isEqualTo(fixture("send_text_reply.request.json", reply));
  }

  @Test
  void buttonsMatchTheFixture() {
    OutboundMessage message = Outbound.message(Outbound.buttons());

    assertThat(GraphRequests.message(message, null))
        .isEqualTo(fixture("send_interactive_buttons.request.json", message));
  }

  @Test
  void listMatchesTheFixture() {
    OutboundMessage message = Outbound.message(Outbound.list());

    assertThat(GraphRequests.message(message, null))
        .isEqualTo(fixture("send_interactive_list.request.json", message));
  }

  @Test
  void listWithoutSectionTitleHasOneUntitledSection() {
    var untitled =
        new OutboundContent.ListMessage(
            Outbound.list().body(), Outbound.list().buttonText(), Outbound.list().rows());
    OutboundMessage message = Outbound.message(untitled);
    ObjectNode expected = fixture("send_interactive_list.request.json", message);
    ((ObjectNode) expected.at("/interactive/action/sections/0")).remove("title");

    assertThat(GraphRequests.message(message, null)).isEqualTo(expected);
  }

  @Test
  void inlineImageIsSentByTheIdItWasUploadedAs() {
    OutboundMessage message = Outbound.message(Outbound.inlineImage());

    assertThat(GraphRequests.message(message, "1166846181421424"))
        .isEqualTo(fixture("send_image_by_id.request.json", message));
  }

  @Test
  void imageWithALinkIsSentByLink() {
    var image = new OutboundContent.Image("https://example.org/t.png", null, null, null);

    JsonNode body = GraphRequests.message(Outbound.message(image), null);

    assertThat(body.path("type").asString()).isEqualTo("image");
    assertThat(body.path("image"))
        .isEqualTo(Json.mapper().readTree("{\"link\":\"https://example.org/t.png\"}"));
  }

  @Test
  void aLocationIsSentAsALocationMessage() {
    var pin = new OutboundContent.LocationPin(40.9903, 29.0292, "Saha Moda", "Moda Cd. 1, Kadıköy");

    JsonNode body = GraphRequests.message(Outbound.message(pin), null);

    assertThat(body.path("type").asString()).isEqualTo("location");
    assertThat(body.path("to").asString()).isNotBlank();
    assertThat(body.path("location"))
        .isEqualTo(
            Json.mapper()
                .readTree(
                    "{\"latitude\":40.9903,\"longitude\":29.0292,\"name\":\"Saha Moda\","
                        + "\"address\":\"Moda Cd. 1, Kadıköy\"}"));
  }

  @Test
  void templateHasABodyComponentAndOneQuickReplyButtonPerPayload() {
    OutboundMessage message = Outbound.message(Outbound.template());

    assertThat(GraphRequests.message(message, null))
        .isEqualTo(fixture("send_template.request.json", message));
  }

  @Test
  void templateButtonsAreIndexedInOrderAndEmptyComponentsAreLeftOut() {
    var buttonsOnly =
        new OutboundContent.Template(
            "reservation_reminder", "en_US", List.of(), List.of("come:1", "cancel:1"));
    var bare = new OutboundContent.Template("hello_world", "en_US", List.of(), List.of());

    JsonNode withButtons = GraphRequests.message(Outbound.message(buttonsOnly), null);
    JsonNode without = GraphRequests.message(Outbound.message(bare), null);

    JsonNode components = withButtons.at("/template/components");
    assertThat(components).hasSize(2);
    assertThat(components)
        .extracting(c -> c.path("type").asString() + "/" + c.path("sub_type").asString())
        .containsOnly("button/quick_reply");
    assertThat(components).extracting(c -> c.path("index").asString()).containsExactly("0", "1");
    assertThat(components)
        .extracting(c -> c.at("/parameters/0/payload").asString())
        .containsExactly("come:1", "cancel:1");
    assertThat(withButtons.at("/template/language/code").asString()).isEqualTo("en_US");
    assertThat(without.path("template").has("components")).isFalse();
  }

  @Test
  void aBusinessScopedUserIdGoesInRecipientAndNotInTo() {
    OutboundMessage message = bsuid(Outbound.bsuidText());

    assertThat(GraphRequests.message(message, null))
        .isEqualTo(fixture("send_text_bsuid.request.json", message));
  }

  @Test
  void aTemplateToABusinessScopedUserIdGoesInRecipient() {
    OutboundMessage message = bsuid(Outbound.template());

    JsonNode body = GraphRequests.message(message, null);

    assertThat(body.path("recipient").asString()).isEqualTo(Outbound.BSUID);
    assertThat(body.has("to")).isFalse();
    assertThat(body.path("template"))
        .isEqualTo(fixture("send_template.request.json").path("template"));
  }

  @Test
  void aPhoneNumberStaysInTo() {
    assertThat(GraphRequests.isPhoneNumber(Outbound.TO)).isTrue();
    assertThat(GraphRequests.isPhoneNumber(Outbound.BSUID)).isFalse();
    assertThat(GraphRequests.message(Outbound.message(Outbound.template()), null).has("recipient"))
        .isFalse();
  }

  @Test
  void everyRequestCarriesItsEventIdAsCallbackDataUnlessTooLong() {
    OutboundMessage message = Outbound.message(Outbound.buttons());
    String longId = "e".repeat(GraphRequests.MAX_CALLBACK_DATA + 1);
    OutboundMessage tooLong =
        new OutboundMessage(
            longId,
            Instant.parse("2026-11-27T10:00:00Z"),
            Outbound.TENANT,
            "wamid.SB.A.0001",
            Outbound.NUMBER,
            Outbound.TO,
            null,
            Outbound.text());

    assertThat(GraphRequests.message(message, null).path("biz_opaque_callback_data").asString())
        .isEqualTo(message.eventId());
    assertThat(GraphRequests.message(tooLong, null).has("biz_opaque_callback_data")).isFalse();
  }

  @Test
  void aReadReceiptIsTheFixtureMarkingTheCustomersMessageReadWithTheTypingIndicator() {
    OutboundMessage read =
        Outbound.message(
            Outbound.TENANT,
            Outbound.NUMBER,
            Outbound.TO,
            null,
            new OutboundContent.MarkRead("wamid.SB.A.0001", true));

    // no recipient and no callback data: the message id names both, and no status follows
    assertThat(GraphRequests.message(read, null))
        .isEqualTo(fixture("mark_read_typing.request.json"));
    OutboundMessage withoutTyping =
        Outbound.message(
            Outbound.TENANT,
            Outbound.NUMBER,
            Outbound.BSUID,
            null,
            new OutboundContent.MarkRead("wamid.SB.A.0001", false));
    ObjectNode expected = (ObjectNode) fixture("mark_read_typing.request.json");
    expected.remove("typing_indicator");
    assertThat(GraphRequests.message(withoutTyping, null)).isEqualTo(expected);
  }

  /**
   * The body the sender builds for each content kind, to a phone number and to a BSUID, has the
   * structure of its fixture (the same fields, nesting, array lengths and value types; values are
   * ignored), plus {@code biz_opaque_callback_data}, which the fixtures leave out.
   */
  @ParameterizedTest(name = "{0}")
  @MethodSource("everyKind")
  void everyKindHasTheStructureOfItsFixture(
      String name, OutboundMessage message, String mediaId, JsonNode fixture) {
    ObjectNode body = GraphRequests.message(message, mediaId);

    assertThat(body.path("biz_opaque_callback_data").isString()).isTrue();
    body.remove("biz_opaque_callback_data");
    assertThat(structure(body)).isEqualTo(structure(fixture));
  }

  static Stream<Arguments> everyKind() {
    List<Arguments> kinds = new ArrayList<>();
    kinds.add(kind("send_text", Outbound.text(), null, fixture("send_text.request.json")));
    kinds.add(
        Arguments.of(
            "send_text_reply",
            Outbound.message(
                Outbound.TENANT, Outbound.NUMBER, Outbound.TO, "wamid.X", Outbound.replyText()),
            null,
            fixture("send_text_reply.request.json")));
    kinds.add(
        kind(
            "send_interactive_buttons",
            Outbound.buttons(),
            null,
            fixture("send_interactive_buttons.request.json")));
    kinds.add(
        kind(
            "send_interactive_list",
            Outbound.list(),
            null,
            fixture("send_interactive_list.request.json")));
    kinds.add(
        kind(
            "send_image_by_id",
            Outbound.inlineImage(),
            "1",
            fixture("send_image_by_id.request.json")));
    kinds.add(
        kind("send_template", Outbound.template(), null, fixture("send_template.request.json")));
    kinds.add(
        Arguments.of(
            "send_text_bsuid",
            bsuid(Outbound.bsuidText()),
            null,
            fixture("send_text_bsuid.request.json")));
    for (String name :
        List.of(
            "send_interactive_buttons",
            "send_interactive_list",
            "send_image_by_id",
            "send_template")) {
      OutboundContent content =
          switch (name) {
            case "send_interactive_buttons" -> Outbound.buttons();
            case "send_interactive_list" -> Outbound.list();
            case "send_image_by_id" -> Outbound.inlineImage();
            default -> Outbound.template();
          };
      kinds.add(
          Arguments.of(
              name + " to a BSUID",
              bsuid(content),
              "1",
              toRecipient(fixture(name + ".request.json"))));
    }
    return kinds.stream();
  }

  private static Arguments kind(
      String name, OutboundContent content, String mediaId, JsonNode fixture) {
    return Arguments.of(name, Outbound.message(content), mediaId, fixture);
  }

  private static OutboundMessage bsuid(OutboundContent content) {
    return Outbound.message(Outbound.TENANT, Outbound.NUMBER, Outbound.BSUID, null, content);
  }

  /** A phone fixture as it is to a BSUID (send_text_bsuid.request.json): recipient for to. */
  private static JsonNode toRecipient(JsonNode fixture) {
    ObjectNode copy = ((ObjectNode) fixture).deepCopy();
    ObjectNode moved = copy.objectNode();
    copy.properties()
        .forEach(e -> moved.set(e.getKey().equals("to") ? "recipient" : e.getKey(), e.getValue()));
    return moved;
  }

  /** Fields, nesting, array lengths and value types, without values. */
  private static Object structure(JsonNode node) {
    if (node.isObject()) {
      Map<String, Object> fields = new TreeMap<>();
      node.properties().forEach(e -> fields.put(e.getKey(), structure(e.getValue())));
      return fields;
    }
    if (node.isArray()) {
      List<Object> items = new ArrayList<>();
      node.forEach(item -> items.add(structure(item)));
      return items;
    }
    return node.getNodeType();
  }

  private static JsonNode fixture(String name) {
    return Json.mapper().readTree(SharedFixtures.bytes("whatsapp/graph-api/" + name));
  }

  /** A fixture with the callback data the sender adds: the message's event id. */
  private static ObjectNode fixture(String name, OutboundMessage message) {
    ObjectNode node = (ObjectNode) fixture(name);
    node.put("biz_opaque_callback_data", message.eventId());
    return node;
  }
}
