package io.sahabot.ingress.sender.domain;

import static org.assertj.core.api.Assertions.assertThat;

import io.sahabot.ingress.sender.Outbound;
import io.sahabot.schemas.Json;
import io.sahabot.schemas.whatsapp.OutboundContent;
import io.sahabot.testsupport.SharedFixtures;
import org.junit.jupiter.api.Test;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.node.ObjectNode;

class GraphRequestsTest {

  @Test
  void textMatchesTheFixture() {
    assertThat(GraphRequests.message(Outbound.message(Outbound.text()), null))
        .isEqualTo(fixture("send_text.request.json"));
  }

  @Test
  void replyCarriesTheQuotedMessageAsContext() {
    var reply =
        Outbound.message(
            java.util.UUID.randomUUID(),
            Outbound.NUMBER,
            Outbound.TO,
            "wamid.SB.A.0001",
            Outbound.replyText());

    assertThat(GraphRequests.message(reply, null))
        .isEqualTo(fixture("send_text_reply.request.json"));
  }

  @Test
  void buttonsMatchTheFixture() {
    assertThat(GraphRequests.message(Outbound.message(Outbound.buttons()), null))
        .isEqualTo(fixture("send_interactive_buttons.request.json"));
  }

  @Test
  void listMatchesTheFixture() {
    assertThat(GraphRequests.message(Outbound.message(Outbound.list()), null))
        .isEqualTo(fixture("send_interactive_list.request.json"));
  }

  @Test
  void listWithoutSectionTitleHasOneUntitledSection() {
    var untitled =
        new OutboundContent.ListMessage(
            Outbound.list().body(), Outbound.list().buttonText(), Outbound.list().rows());
    ObjectNode expected = (ObjectNode) fixture("send_interactive_list.request.json");
    ((ObjectNode) expected.at("/interactive/action/sections/0")).remove("title");

    assertThat(GraphRequests.message(Outbound.message(untitled), null)).isEqualTo(expected);
  }

  @Test
  void inlineImageIsSentByTheIdItWasUploadedAs() {
    assertThat(GraphRequests.message(Outbound.message(Outbound.inlineImage()), "1166846181421424"))
        .isEqualTo(fixture("send_image_by_id.request.json"));
  }

  @Test
  void imageWithALinkIsSentByLink() {
    var image = new OutboundContent.Image("https://example.org/t.png", null, null, null);

    JsonNode body = GraphRequests.message(Outbound.message(image), null);

    assertThat(body.path("type").asString()).isEqualTo("image");
    assertThat(body.path("image"))
        .isEqualTo(Json.mapper().readTree("{\"link\":\"https://example.org/t.png\"}"));
  }

  private static JsonNode fixture(String name) {
    return Json.mapper().readTree(SharedFixtures.bytes("whatsapp/graph-api/" + name));
  }
}
