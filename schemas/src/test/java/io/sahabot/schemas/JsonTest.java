package io.sahabot.schemas;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowable;

import io.sahabot.schemas.topics.Topics;
import io.sahabot.schemas.whatsapp.InboundMessage;
import io.sahabot.schemas.whatsapp.InboundMessageRecord;
import io.sahabot.schemas.whatsapp.MessageKind;
import org.junit.jupiter.api.Test;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.node.ObjectNode;

class JsonTest {

  @Test
  void writesInstantsAsIsoStringsAndTheTypeAsAName() {
    InboundMessage message = Fixtures.inbound(MessageKind.TEXT);

    JsonNode json = Json.mapper().valueToTree(message);

    assertThat(json.get("type").asString()).isEqualTo("InboundMessage");
    assertThat(json.get("sentAt").isString()).isTrue();
    assertThat(json.get("sentAt").asString()).isEqualTo("2026-03-01T11:59:58Z");
    assertThat(json.get("tenantId").asString()).isEqualTo(Fixtures.TENANT.toString());
    assertThat(json.get("kind").asString()).isEqualTo("TEXT");
    assertThat(json.toString()).doesNotContain("io.sahabot");
  }

  @Test
  void omitsNullsOnWrite() {
    InboundMessage message = Fixtures.inboundFromBsuid();

    JsonNode json = Json.mapper().valueToTree(message);

    assertThat(json.has("waId")).isFalse();
    assertThat(json.has("displayPhoneNumber")).isFalse();
    assertThat(json.has("reply")).isFalse();
    assertThat(json.get("contacts").isArray()).as("lists are never null").isTrue();
  }

  @Test
  void ignoresUnknownPropertiesOnRead() {
    InboundMessage message = Fixtures.inbound(MessageKind.LOCATION);
    ObjectNode json = Json.mapper().valueToTree(message);
    json.put("addedByANewerProducer", 1);
    json.withObject("/location").put("alsoNew", true);

    InboundMessageRecord read =
        Json.mapper().readValue(json.toString(), Topics.WHATSAPP_INBOUND_MESSAGES.valueType());

    assertThat(read).isEqualTo(message);
  }

  @Test
  void invalidContentFailsOnReadWithTheFieldNamed() {
    ObjectNode json = Json.mapper().valueToTree(Fixtures.snapshot(Fixtures.settings()));
    json.withObject("/settings").put("timeZone", "Mars/Olympus");

    Throwable thrown =
        catchThrowable(
            () -> Json.mapper().readValue(json.toString(), Topics.TENANT_CHANGELOG.valueType()));

    assertThat(thrown).rootCause().hasMessageStartingWith("timeZone: unknown time zone");
  }

  @Test
  void isOneSharedInstance() {
    assertThat(Json.mapper()).isSameAs(Json.mapper());
  }
}
