package io.sahabot.schemas;

import static org.assertj.core.api.Assertions.assertThat;

import com.networknt.schema.InputFormat;
import io.sahabot.schemas.WireContracts.WireType;
import io.sahabot.schemas.topics.Topic;
import java.util.Arrays;
import java.util.LinkedHashSet;
import java.util.Set;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.node.ObjectNode;

/** Every record, as the wire mapper writes it, matches its JSON Schema and reads back equal. */
class WireContractTest {

  static Stream<Arguments> samples() {
    return Fixtures.samples().entrySet().stream()
        .map(sample -> Arguments.of(sample.getKey(), sample.getValue()));
  }

  static Stream<WireType> wireTypes() {
    return WireContracts.allStream();
  }

  @ParameterizedTest(name = "{0}")
  @MethodSource("samples")
  void sampleMatchesItsSchemaAndReadsBackEqualThroughTheTopicType(String name, Object sample) {
    Topic<?> topic = WireContracts.topicOf(sample);
    var schema = WireContracts.schema(new WireType(topic, sample.getClass()));

    String json = Json.mapper().writerFor(topic.valueType()).writeValueAsString(sample);

    assertThat(schema.validate(json, InputFormat.JSON)).as(json).isEmpty();
    assertThat(Json.mapper().readValue(json, topic.valueType())).isEqualTo(sample);
    assertThat(Json.mapper().writeValueAsString(sample))
        .as("written as its own class, the JSON is the same")
        .isEqualTo(json);
  }

  @ParameterizedTest(name = "{0}")
  @MethodSource("wireTypes")
  void schemaPropertiesAreTheRecordComponentsPlusType(WireType wireType) {
    JsonNode schema = WireContracts.schemaNode(wireType);

    Set<String> expected = new LinkedHashSet<>();
    expected.add("type");
    Arrays.stream(wireType.type().getRecordComponents()).forEach(c -> expected.add(c.getName()));

    assertThat(schema.get("properties").propertyNames()).containsExactlyElementsOf(expected);
    assertThat(schema.get("additionalProperties").asBoolean(true)).isFalse();
    assertThat(schema.get("$schema").asString())
        .isEqualTo("https://json-schema.org/draft/2020-12/schema");
    assertThat(schema.at("/properties/type/const").asString())
        .isEqualTo(wireType.type().getSimpleName());
    assertThat(schema.get("required").values()).extracting(JsonNode::asString).contains("type");
  }

  @ParameterizedTest(name = "{0}")
  @MethodSource("wireTypes")
  void everyConcreteTypeHasASample(WireType wireType) {
    assertThat(Fixtures.samples().values()).anyMatch(wireType.type()::isInstance);
  }

  @Test
  void schemaRejectsAPropertyTheRecordDoesNotHave() {
    var sample = Fixtures.request();
    ObjectNode json = Json.mapper().valueToTree(sample);
    json.put("priority", "high");

    var errors =
        WireContracts.schema(new WireType(WireContracts.topicOf(sample), sample.getClass()))
            .validate(json);

    assertThat(errors).isNotEmpty();
  }

  @Test
  void schemaRejectsAMissingTypeAndABadFormat() {
    var sample = Fixtures.confirmed();
    var schema =
        WireContracts.schema(new WireType(WireContracts.topicOf(sample), sample.getClass()));
    ObjectNode withoutType = Json.mapper().valueToTree(sample);
    withoutType.remove("type");
    ObjectNode badTenant = Json.mapper().valueToTree(sample);
    badTenant.put("tenantId", "tenant-a");

    assertThat(schema.validate(withoutType)).isNotEmpty();
    assertThat(schema.validate(badTenant)).isNotEmpty();
  }

  @Test
  void outboundSchemaRejectsFourButtons() {
    var sample = Fixtures.outbound(Fixtures.contents().get(1));
    var schema =
        WireContracts.schema(new WireType(WireContracts.topicOf(sample), sample.getClass()));
    ObjectNode json = Json.mapper().valueToTree(sample);
    var buttons = json.withArray("/content/buttons");
    buttons.addObject().put("id", "c").put("title", "C");
    buttons.addObject().put("id", "d").put("title", "D");

    assertThat(schema.validate(json)).isNotEmpty();
  }
}
