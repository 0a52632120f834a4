package io.sahabot.bench;

import io.sahabot.platform.kafka.WireSerdes;
import io.sahabot.schemas.topics.Topic;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import java.util.function.BiConsumer;
import java.util.function.LongConsumer;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.AdminClientConfig;
import org.apache.kafka.clients.admin.ConsumerGroupListing;
import org.apache.kafka.clients.admin.ListOffsetsResult;
import org.apache.kafka.clients.admin.OffsetSpec;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.clients.consumer.OffsetAndMetadata;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.common.GroupState;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.errors.InterruptException;
import org.apache.kafka.common.errors.WakeupException;
import org.apache.kafka.common.serialization.StringDeserializer;
import org.apache.kafka.common.serialization.StringSerializer;

/** The suite's Kafka clients: producers of the wire format, topic followers, and lag. */
final class Kafka implements AutoCloseable {

  private final String bootstrap;
  private final Admin admin;
  private final List<KafkaConsumer<?, ?>> followers = new ArrayList<>();

  Kafka(String bootstrap) {
    this.bootstrap = bootstrap;
    this.admin = Admin.create(Map.of(AdminClientConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrap));
  }

  String bootstrap() {
    return bootstrap;
  }

  Admin admin() {
    return admin;
  }

  /** A producer as the services' (acks=all, idempotent), of the wire's JSON values. */
  <V> KafkaProducer<String, V> producer() {
    Map<String, Object> config = new HashMap<>();
    config.put(ProducerConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrap);
    config.put(ProducerConfig.ACKS_CONFIG, "all");
    config.put(ProducerConfig.ENABLE_IDEMPOTENCE_CONFIG, true);
    config.put(ProducerConfig.LINGER_MS_CONFIG, 2);
    return new KafkaProducer<>(config, new StringSerializer(), WireSerdes.valueSerializer());
  }

  /**
   * Reads a topic from its end, with no consumer group, giving each record's value and the time it
   * was read to the handler, on a thread of its own, until {@link #close()}.
   */
  <V> void follow(Topic<V> topic, BiConsumer<V, Long> handler) {
    Map<String, Object> config = new HashMap<>();
    config.put(ConsumerConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrap);
    config.put(ConsumerConfig.ISOLATION_LEVEL_CONFIG, "read_committed");
    config.put(ConsumerConfig.MAX_POLL_RECORDS_CONFIG, 2000);
    KafkaConsumer<String, V> consumer =
        new KafkaConsumer<>(config, new StringDeserializer(), WireSerdes.valueDeserializer(topic));
    List<TopicPartition> partitions = new ArrayList<>();
    for (int p = 0; p < topic.partitions(); p++) {
      partitions.add(new TopicPartition(topic.name(), p));
    }
    consumer.assign(partitions);
    consumer.seekToEnd(partitions);
    partitions.forEach(consumer::position);
    synchronized (followers) {
      followers.add(consumer);
    }
    Thread thread =
        new Thread(
            () -> {
              try {
                while (true) {
                  for (var r : consumer.poll(Duration.ofMillis(100))) {
                    if (r.value() != null) {
                      handler.accept(r.value(), System.nanoTime());
                    }
                  }
                }
              } catch (WakeupException | InterruptException e) {
                // closing
              } finally {
                consumer.close(Duration.ofSeconds(1));
              }
            },
            "follow-" + topic.name());
    thread.setDaemon(true);
    thread.start();
  }

  /**
   * Waits until the services' consumer groups have read everything (lag 0, or a lag that stays
   * unchanged for three seconds: transaction markers can leave one offset behind), at most the
   * timeout. Reports the lag it waits on.
   */
  boolean awaitDrained(Duration timeout, LongConsumer lagReport) throws Exception {
    long deadline = System.nanoTime() + timeout.toNanos();
    long previous = -1;
    int unchanged = 0;
    long lastReport = System.nanoTime();
    while (System.nanoTime() < deadline) {
      long lag = lag();
      if (lag == 0) {
        return true;
      }
      unchanged = lag == previous ? unchanged + 1 : 0;
      if (unchanged >= 6 && lag < 100) {
        return true;
      }
      previous = lag;
      if (System.nanoTime() - lastReport > 5_000_000_000L) {
        lagReport.accept(lag);
        lastReport = System.nanoTime();
      }
      Thread.sleep(500);
    }
    return false;
  }

  /**
   * Waits until every consumer group is stable (no rebalance under way), at most the timeout; a
   * group the admin cannot describe counts as stable.
   */
  boolean awaitGroupsStable(Duration timeout) throws Exception {
    long deadline = System.nanoTime() + timeout.toNanos();
    while (System.nanoTime() < deadline) {
      List<String> groups =
          admin.listConsumerGroups().all().get(10, TimeUnit.SECONDS).stream()
              .map(ConsumerGroupListing::groupId)
              .toList();
      boolean stable = true;
      try {
        for (var d :
            admin.describeConsumerGroups(groups).all().get(10, TimeUnit.SECONDS).values()) {
          if (d.groupState() != GroupState.STABLE && d.groupState() != GroupState.EMPTY) {
            stable = false;
          }
        }
      } catch (java.util.concurrent.ExecutionException e) {
        // a group of another protocol: not ours to wait for
      }
      if (stable) {
        return true;
      }
      Thread.sleep(500);
    }
    return false;
  }

  long lag() throws Exception {
    long total = 0;
    for (ConsumerGroupListing group : admin.listConsumerGroups().all().get(10, TimeUnit.SECONDS)) {
      Map<TopicPartition, OffsetAndMetadata> committed =
          admin
              .listConsumerGroupOffsets(group.groupId())
              .partitionsToOffsetAndMetadata()
              .get(10, TimeUnit.SECONDS);
      Map<TopicPartition, OffsetSpec> latest = new HashMap<>();
      committed.keySet().forEach(tp -> latest.put(tp, OffsetSpec.latest()));
      Map<TopicPartition, ListOffsetsResult.ListOffsetsResultInfo> ends =
          admin.listOffsets(latest).all().get(10, TimeUnit.SECONDS);
      for (var e : committed.entrySet()) {
        if (e.getValue() != null) {
          total += Math.max(0, ends.get(e.getKey()).offset() - e.getValue().offset());
        }
      }
    }
    return total;
  }

  @Override
  public void close() {
    synchronized (followers) {
      followers.forEach(KafkaConsumer::wakeup);
      followers.clear();
    }
    admin.close(Duration.ofSeconds(5));
  }
}
