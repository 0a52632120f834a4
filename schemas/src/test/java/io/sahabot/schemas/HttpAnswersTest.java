package io.sahabot.schemas;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.annotation.JsonInclude;
import com.networknt.schema.InputFormat;
import io.sahabot.schemas.HttpAnswers.Answer;
import io.sahabot.schemas.reservation.query.Availability;
import io.sahabot.schemas.reservation.query.PeakHours;
import java.lang.reflect.ParameterizedType;
import java.lang.reflect.RecordComponent;
import java.lang.reflect.Type;
import java.util.Arrays;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;
import tools.jackson.databind.node.ObjectNode;

/**
 * Every answer of the internal HTTP APIs matches its JSON Schema, as {@link Json#mapper()} writes
 * it and as the services' HTTP mapper writes it (with {@code null} properties), and reads back
 * equal.
 */
class HttpAnswersTest {

  /** Like the services' HTTP mapper: {@code null} properties are written. */
  private static final JsonMapper WITH_NULLS =
      Json.mapper()
          .rebuild()
          .changeDefaultPropertyInclusion(
              incl -> incl.withValueInclusion(JsonInclude.Include.ALWAYS))
          .build();

  static Stream<Answer> answers() {
    return HttpAnswers.all().stream();
  }

  static Stream<Arguments> samples() {
    return Fixtures.answers().entrySet().stream()
        .map(sample -> Arguments.of(sample.getKey(), sample.getValue()));
  }

  @ParameterizedTest(name = "{0}")
  @MethodSource("samples")
  void sampleMatchesItsSchemaWithAndWithoutNullsAndReadsBackEqual(String name, Object sample) {
    Answer answer = answerOf(sample);
    var schema = WireContracts.schema(answer.schemaPath());

    for (JsonMapper mapper : List.of(Json.mapper(), WITH_NULLS)) {
      String json = mapper.writeValueAsString(sample);

      assertThat(schema.validate(json, InputFormat.JSON)).as(json).isEmpty();
      assertThat(mapper.readValue(json, answer.type())).isEqualTo(sample);
    }
  }

  @ParameterizedTest(name = "{0}")
  @MethodSource("answers")
  void schemaPropertiesAreTheRecordComponentsAndEachNestedRecordHasItsDefs(Answer answer) {
    JsonNode schema = WireContracts.schemaNode(answer.schemaPath());

    assertThat(schema.get("$schema").asString())
        .isEqualTo("https://json-schema.org/draft/2020-12/schema");
    assertThat(schema.get("title").asString()).isEqualTo(answer.type().getSimpleName());
    assertProperties(schema, answer.type());
    nested(answer.type())
        .forEach(
            type -> {
              JsonNode def = schema.path("$defs").path(type.getSimpleName());
              assertThat(def.isObject()).as("$defs/" + type.getSimpleName()).isTrue();
              assertProperties(def, type);
            });
  }

  @ParameterizedTest(name = "{0}")
  @MethodSource("answers")
  void everyAnswerHasASample(Answer answer) {
    assertThat(Fixtures.answers().values()).anyMatch(answer.type()::isInstance);
  }

  @Test
  void schemaRejectsAPropertyTheRecordDoesNotHaveButTheReaderIgnoresIt() {
    var sample = (PeakHours) Fixtures.answers().get("PeakHours");
    ObjectNode json = Json.mapper().valueToTree(sample);
    json.put("busiestDay", "MONDAY");

    assertThat(WireContracts.schema(HttpAnswers.PEAK_HOURS.schemaPath()).validate(json))
        .isNotEmpty();
    assertThat(Json.mapper().treeToValue(json, PeakHours.class)).isEqualTo(sample);
  }

  @Test
  void anAbsentListReadsAsEmpty() {
    Availability read =
        Json.mapper()
            .readValue(
                "{\"date\":\"2026-03-02\",\"timeZone\":\"Europe/Istanbul\",\"lengthMinutes\":60}",
                Availability.class);

    assertThat(read.fields()).isEmpty();
  }

  private static Answer answerOf(Object sample) {
    return HttpAnswers.all().stream()
        .filter(answer -> answer.type().isInstance(sample))
        .findFirst()
        .orElseThrow(() -> new AssertionError("no answer for " + sample.getClass()));
  }

  private static void assertProperties(JsonNode schema, Class<?> type) {
    List<String> components =
        Arrays.stream(type.getRecordComponents()).map(RecordComponent::getName).toList();
    assertThat(schema.get("properties").propertyNames())
        .as(type.getSimpleName())
        .containsExactlyElementsOf(components);
    assertThat(schema.get("additionalProperties").asBoolean(true)).isFalse();
    assertThat(schema.get("required").values())
        .extracting(JsonNode::asString)
        .isSubsetOf(components);
  }

  /** The record types reachable from a record's components (directly or as list elements). */
  private static List<Class<?>> nested(Class<?> type) {
    return Arrays.stream(type.getRecordComponents())
        .map(c -> element(c.getGenericType()))
        .filter(Class::isRecord)
        .flatMap(t -> Stream.concat(Stream.of(t), nested(t).stream()))
        .distinct()
        .toList();
  }

  private static Class<?> element(Type type) {
    if (type instanceof ParameterizedType p && p.getRawType() == List.class) {
      return element(p.getActualTypeArguments()[0]);
    }
    return type instanceof Class<?> c ? c : Object.class;
  }
}
