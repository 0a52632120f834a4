package io.sahabot.ingress.webhook;

import static io.sahabot.schemas.topics.Topics.WHATSAPP_INBOUND_RAW;
import static org.awaitility.Awaitility.await;

import io.sahabot.platform.kafka.WireSerdes;
import io.sahabot.schemas.whatsapp.InboundRawRecord;
import io.sahabot.schemas.whatsapp.RawWebhookChange;
import io.sahabot.testsupport.SahaBotInfrastructure;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Collection;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.stream.IntStream;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.serialization.StringDeserializer;

/** Reads {@code whatsapp.inbound.raw} on the shared broker, from the start, for given keys. */
final class RawTopicReader {

  private RawTopicReader() {}

  /** Reads until every key has at least one record, and returns all records of those keys. */
  static List<ConsumerRecord<String, InboundRawRecord>> awaitKeys(Collection<String> keys) {
    Set<String> wanted = Set.copyOf(keys);
    List<ConsumerRecord<String, InboundRawRecord>> found = new ArrayList<>();
    try (KafkaConsumer<String, InboundRawRecord> consumer =
        new KafkaConsumer<>(
            Map.of(
                ConsumerConfig.BOOTSTRAP_SERVERS_CONFIG,
                SahaBotInfrastructure.get().kafkaBootstrapServers(),
                ConsumerConfig.ENABLE_AUTO_COMMIT_CONFIG,
                false),
            new StringDeserializer(),
            WireSerdes.valueDeserializer(WHATSAPP_INBOUND_RAW))) {
      List<TopicPartition> partitions =
          IntStream.range(0, WHATSAPP_INBOUND_RAW.partitions())
              .mapToObj(p -> new TopicPartition(WHATSAPP_INBOUND_RAW.name(), p))
              .toList();
      consumer.assign(partitions);
      consumer.seekToBeginning(partitions);
      await()
          .atMost(Duration.ofSeconds(30))
          .until(
              () -> {
                for (var record : consumer.poll(Duration.ofMillis(200))) {
                  if (wanted.contains(record.key())) {
                    found.add(record);
                  }
                }
                return found.stream().map(ConsumerRecord::key).distinct().count() == wanted.size()
                    && caughtUp(consumer, partitions);
              });
    }
    return found;
  }

  /** Which of {@code keys} have a record on the raw topic now (read to its end). */
  static Set<String> keysPresent(Collection<String> keys) {
    Set<String> present = new java.util.TreeSet<>();
    try (KafkaConsumer<String, InboundRawRecord> consumer =
        new KafkaConsumer<>(
            Map.of(
                ConsumerConfig.BOOTSTRAP_SERVERS_CONFIG,
                SahaBotInfrastructure.get().kafkaBootstrapServers(),
                ConsumerConfig.ENABLE_AUTO_COMMIT_CONFIG,
                false),
            new StringDeserializer(),
            WireSerdes.valueDeserializer(WHATSAPP_INBOUND_RAW))) {
      List<TopicPartition> partitions =
          IntStream.range(0, WHATSAPP_INBOUND_RAW.partitions())
              .mapToObj(p -> new TopicPartition(WHATSAPP_INBOUND_RAW.name(), p))
              .toList();
      consumer.assign(partitions);
      consumer.seekToBeginning(partitions);
      await()
          .atMost(Duration.ofSeconds(30))
          .until(
              () -> {
                for (var record : consumer.poll(Duration.ofMillis(200))) {
                  if (keys.contains(record.key())) {
                    present.add(record.key());
                  }
                }
                return caughtUp(consumer, partitions);
              });
    }
    return present;
  }

  static RawWebhookChange value(ConsumerRecord<String, InboundRawRecord> record) {
    return (RawWebhookChange) record.value();
  }

  private static boolean caughtUp(
      KafkaConsumer<String, InboundRawRecord> consumer, List<TopicPartition> partitions) {
    Map<TopicPartition, Long> end = consumer.endOffsets(partitions);
    return partitions.stream().allMatch(p -> consumer.position(p) >= end.get(p));
  }
}
