package io.sahabot.ingress.sender;

import static io.sahabot.schemas.topics.Topics.WHATSAPP_OUTBOUND;

import io.sahabot.testsupport.SahaBotInfrastructure;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.function.Function;
import java.util.stream.IntStream;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.serialization.ByteArrayDeserializer;
import org.apache.kafka.common.serialization.StringDeserializer;
import org.awaitility.Awaitility;

/** Reads {@code whatsapp.outbound.dlt} on the shared broker, from the beginning. */
final class OutboundDeadLetters {

  private OutboundDeadLetters() {}

  /**
   * The dead letters whose {@code id} (as {@code idOf} reads it) is one of {@code ids}, the last of
   * each, once every id has one; fails after {@code atMost}.
   */
  static List<ConsumerRecord<String, byte[]>> read(
      Set<String> ids, Function<ConsumerRecord<String, byte[]>, String> idOf, Duration atMost) {
    Map<String, ConsumerRecord<String, byte[]>> found = new LinkedHashMap<>();
    try (var consumer =
        new KafkaConsumer<>(
            Map.<String, Object>of(
                ConsumerConfig.BOOTSTRAP_SERVERS_CONFIG,
                SahaBotInfrastructure.get().kafkaBootstrapServers()),
            new StringDeserializer(),
            new ByteArrayDeserializer())) {
      var partitions =
          IntStream.range(0, WHATSAPP_OUTBOUND.partitions())
              .mapToObj(p -> new TopicPartition(WHATSAPP_OUTBOUND.deadLetter(), p))
              .toList();
      consumer.assign(partitions);
      consumer.seekToBeginning(partitions);
      Awaitility.await()
          .atMost(atMost)
          .until(
              () -> {
                for (var r : consumer.poll(Duration.ofMillis(200))) {
                  String id = idOf.apply(r);
                  if (ids.contains(id)) {
                    found.put(id, r);
                  }
                }
                return found.size() == ids.size();
              });
    }
    return List.copyOf(found.values());
  }

  /** A header's value as text, or null. */
  static String header(ConsumerRecord<String, byte[]> record, String name) {
    var header = record.headers().lastHeader(name);
    return header == null ? null : new String(header.value(), StandardCharsets.UTF_8);
  }
}
