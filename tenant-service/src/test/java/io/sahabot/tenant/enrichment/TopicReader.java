package io.sahabot.tenant.enrichment;

import io.sahabot.testsupport.SahaBotInfrastructure;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.serialization.Deserializer;
import org.apache.kafka.common.serialization.StringDeserializer;

/**
 * Reads a whole topic of the shared broker from the beginning, committed records only (the topology
 * writes in exactly-once transactions). Call {@link #poll()} inside Awaitility.
 */
public final class TopicReader<V> implements AutoCloseable {

  private final KafkaConsumer<String, V> consumer;
  private final List<ConsumerRecord<String, V>> records = new ArrayList<>();

  public TopicReader(String topic, Deserializer<V> values) {
    consumer =
        new KafkaConsumer<>(
            Map.of(
                ConsumerConfig.BOOTSTRAP_SERVERS_CONFIG,
                SahaBotInfrastructure.get().kafkaBootstrapServers(),
                ConsumerConfig.ISOLATION_LEVEL_CONFIG,
                "read_committed",
                ConsumerConfig.ENABLE_AUTO_COMMIT_CONFIG,
                false),
            new StringDeserializer(),
            values);
    List<TopicPartition> partitions =
        consumer.partitionsFor(topic, Duration.ofSeconds(10)).stream()
            .map(p -> new TopicPartition(topic, p.partition()))
            .toList();
    consumer.assign(partitions);
    consumer.seekToBeginning(partitions);
  }

  /** Everything read so far, after one more poll. */
  public synchronized List<ConsumerRecord<String, V>> poll() {
    consumer.poll(Duration.ofMillis(200)).forEach(records::add);
    return List.copyOf(records);
  }

  @Override
  public void close() {
    consumer.close(Duration.ofSeconds(2));
  }
}
