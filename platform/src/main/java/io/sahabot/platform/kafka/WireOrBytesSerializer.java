package io.sahabot.platform.kafka;

import org.apache.kafka.common.serialization.Serializer;

/**
 * The value serializer of every producer: wire JSON ({@link WireSerdes#valueSerializer()}), except
 * a {@code byte[]}, written as it is: the raw bytes of a record that could not be read, on its way
 * to the dead-letter topic. Has a no-argument constructor, so {@code
 * spring.kafka.producer.value-serializer} can name it ({@link KafkaClientDefaults} does).
 */
public class WireOrBytesSerializer implements Serializer<Object> {

  private final Serializer<Object> json = WireSerdes.valueSerializer();

  @Override
  public byte[] serialize(String topic, Object data) {
    return data instanceof byte[] bytes ? bytes : json.serialize(topic, data);
  }

  @Override
  public void close() {
    json.close();
  }
}
