package io.sahabot.platform.kafka;

import io.sahabot.schemas.Json;
import io.sahabot.schemas.topics.Topic;
import org.apache.kafka.common.serialization.Deserializer;
import org.apache.kafka.common.serialization.Serde;
import org.apache.kafka.common.serialization.Serdes;
import org.apache.kafka.common.serialization.Serializer;
import org.springframework.kafka.support.serializer.ErrorHandlingDeserializer;
import org.springframework.kafka.support.serializer.JacksonJsonDeserializer;
import org.springframework.kafka.support.serializer.JacksonJsonSerde;
import org.springframework.kafka.support.serializer.JacksonJsonSerializer;

/**
 * The serdes of the wire: JSON written by {@link Json#mapper()}, the concrete type named by the
 * record's own {@code type} property (never a Java class name in a header), keys as strings.
 *
 * <p>Consumers read a topic through its sealed interface ({@link Topic#valueType()}), wrapped in an
 * {@link ErrorHandlingDeserializer} so an unreadable record reaches the error handler (and the
 * dead-letter topic) instead of stopping the partition.
 */
public final class WireSerdes {

  private WireSerdes() {}

  public static <V> Serializer<V> valueSerializer() {
    return new JacksonJsonSerializer<V>(Json.mapper()).noTypeInfo();
  }

  public static <V> Deserializer<V> valueDeserializer(Topic<V> topic) {
    JacksonJsonDeserializer<V> json =
        new JacksonJsonDeserializer<>(topic.valueType(), Json.mapper(), false);
    json.setUseTypeHeaders(false);
    return json;
  }

  /** For listener containers: failures become {@code DeserializationException}s to dead-letter. */
  public static <V> Deserializer<V> safeValueDeserializer(Topic<V> topic) {
    return new ErrorHandlingDeserializer<>(valueDeserializer(topic));
  }

  /** For Kafka Streams. */
  public static <V> Serde<V> valueSerde(Topic<V> topic) {
    return new JacksonJsonSerde<>(topic.valueType(), Json.mapper())
        .noTypeInfo()
        .ignoreTypeHeaders();
  }

  public static Serde<String> keySerde() {
    return Serdes.String();
  }
}
