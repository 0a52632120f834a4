package io.sahabot.schemas;

import com.networknt.schema.Schema;
import com.networknt.schema.SchemaRegistry;
import com.networknt.schema.SchemaRegistryConfig;
import com.networknt.schema.SpecificationVersion;
import io.sahabot.schemas.topics.Topic;
import io.sahabot.schemas.topics.Topics;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.util.Arrays;
import java.util.List;
import java.util.stream.Stream;
import tools.jackson.databind.JsonNode;

/** Test helpers: the concrete wire types of each topic and their JSON Schemas. */
final class WireContracts {

  private static final SchemaRegistry REGISTRY =
      SchemaRegistry.withDefaultDialect(
          SpecificationVersion.DRAFT_2020_12,
          builder ->
              builder.schemaRegistryConfig(
                  SchemaRegistryConfig.builder().formatAssertionsEnabled(true).build()));

  private WireContracts() {}

  /** A concrete record type written to a topic. */
  record WireType(Topic<?> topic, Class<?> type) {
    String schemaPath() {
      return "schemas/" + topic.name() + "/" + type.getSimpleName() + ".schema.json";
    }

    @Override
    public String toString() {
      return topic.name() + "/" + type.getSimpleName();
    }
  }

  /** Every concrete type of every topic: the permitted subtypes of each topic's value type. */
  static List<WireType> all() {
    return Topics.all().stream()
        .flatMap(
            topic ->
                Arrays.stream(topic.valueType().getPermittedSubclasses())
                    .map(type -> new WireType(topic, type)))
        .toList();
  }

  static Stream<WireType> allStream() {
    return all().stream();
  }

  /** The topic whose value type {@code sample} implements. */
  static Topic<?> topicOf(Object sample) {
    return Topics.all().stream()
        .filter(topic -> topic.valueType().isInstance(sample))
        .findFirst()
        .orElseThrow(() -> new AssertionError("no topic for " + sample.getClass()));
  }

  static JsonNode schemaNode(WireType wireType) {
    return schemaNode(wireType.schemaPath());
  }

  static Schema schema(WireType wireType) {
    return schema(wireType.schemaPath());
  }

  static JsonNode schemaNode(String path) {
    try (InputStream in = open(path)) {
      return Json.mapper().readTree(in);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  static Schema schema(String path) {
    try (InputStream in = open(path)) {
      return REGISTRY.getSchema(in);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  private static InputStream open(String path) {
    InputStream in = WireContracts.class.getClassLoader().getResourceAsStream(path);
    if (in == null) {
      throw new AssertionError("missing schema " + path);
    }
    return in;
  }
}
