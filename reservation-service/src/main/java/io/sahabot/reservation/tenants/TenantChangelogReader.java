package io.sahabot.reservation.tenants;

import static io.sahabot.schemas.topics.Topics.TENANT_CHANGELOG;

import io.sahabot.schemas.Json;
import io.sahabot.schemas.tenant.TenantChangelogRecord;
import io.sahabot.schemas.tenant.TenantSnapshot;
import java.time.Duration;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.stream.Collectors;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.common.PartitionInfo;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.errors.TimeoutException;
import org.apache.kafka.common.errors.WakeupException;
import org.apache.kafka.common.serialization.StringDeserializer;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.kafka.autoconfigure.KafkaProperties;
import org.springframework.context.SmartLifecycle;
import org.springframework.stereotype.Component;

/**
 * Reads the whole compacted {@code tenant.changelog} from the beginning, on every start and with no
 * consumer group (every instance needs every tenant), and keeps following it into the {@link
 * TenantDirectory}. A record it cannot read is logged and skipped: the next snapshot of that tenant
 * replaces it anyway.
 *
 * <p>Partitions added to the topic while it runs are read too, from their beginning: the reader
 * looks at the topic's partitions again every {@code metadata.max.age.ms} (10 s unless the consumer
 * properties say otherwise), when the client has refreshed its metadata. Without that, a partition
 * added after the start (by an operator, or by a service's topic declaration raising an older
 * topic's partition count while this one starts) would hide its tenants until a restart, and their
 * commands would be rejected as from an unknown tenant.
 */
@Component
class TenantChangelogReader implements SmartLifecycle {

  private static final Logger log = LoggerFactory.getLogger(TenantChangelogReader.class);

  /** How often the partitions are looked at again, unless the consumer properties say otherwise. */
  private static final Duration PARTITION_CHECK = Duration.ofSeconds(10);

  private final TenantDirectory directory;
  private final Map<String, Object> config;
  private final String topic;
  private final Duration partitionCheck;
  private volatile KafkaConsumer<String, String> consumer;
  private volatile Thread thread;
  private volatile boolean running;

  @Autowired
  TenantChangelogReader(TenantDirectory directory, KafkaProperties kafka) {
    this(directory, kafka.buildConsumerProperties(), TENANT_CHANGELOG.name());
  }

  TenantChangelogReader(
      TenantDirectory directory, Map<String, Object> consumerProperties, String topic) {
    this.directory = directory;
    this.topic = topic;
    this.config = new HashMap<>(consumerProperties);
    config.remove(ConsumerConfig.GROUP_ID_CONFIG);
    config.put(ConsumerConfig.ENABLE_AUTO_COMMIT_CONFIG, false);
    config.put(ConsumerConfig.KEY_DESERIALIZER_CLASS_CONFIG, StringDeserializer.class);
    config.put(ConsumerConfig.VALUE_DESERIALIZER_CLASS_CONFIG, StringDeserializer.class);
    config.put(ConsumerConfig.CLIENT_ID_CONFIG, "reservation-tenant-changelog");
    config.putIfAbsent(
        ConsumerConfig.METADATA_MAX_AGE_CONFIG, Long.toString(PARTITION_CHECK.toMillis()));
    this.partitionCheck =
        Duration.ofMillis(
            Long.parseLong(config.get(ConsumerConfig.METADATA_MAX_AGE_CONFIG).toString()));
  }

  @Override
  public void start() {
    consumer = new KafkaConsumer<>(config);
    running = true;
    thread = new Thread(this::run, "tenant-changelog-reader");
    thread.setDaemon(true);
    thread.start();
  }

  private void run() {
    try {
      Set<TopicPartition> assigned = follow(Set.of(), awaitPartitions());
      long nextCheck = System.nanoTime() + partitionCheck.toNanos();
      while (running) {
        for (ConsumerRecord<String, String> record : consumer.poll(Duration.ofMillis(500))) {
          apply(record);
        }
        if (System.nanoTime() - nextCheck >= 0) {
          assigned = follow(assigned, partitionsOr(assigned));
          nextCheck = System.nanoTime() + partitionCheck.toNanos();
        }
      }
    } catch (WakeupException e) {
      if (running) {
        throw e;
      }
    } catch (RuntimeException e) {
      log.error("{} reader stopped; tenants changed from now on stay unknown here", topic, e);
    } finally {
      consumer.close(Duration.ofSeconds(2));
    }
  }

  /**
   * Assigns {@code current} when it has partitions {@code assigned} lacks, reading the new ones
   * from their beginning; the others keep their positions.
   */
  private Set<TopicPartition> follow(Set<TopicPartition> assigned, Set<TopicPartition> current) {
    if (assigned.containsAll(current)) {
      return assigned;
    }
    Set<TopicPartition> added = new HashSet<>(current);
    added.removeAll(assigned);
    Set<TopicPartition> all = new HashSet<>(assigned);
    all.addAll(current);
    consumer.assign(all);
    consumer.seekToBeginning(added);
    if (!assigned.isEmpty()) {
      log.info(
          "{} has {} partitions now; reading the {} new ones from the beginning",
          topic,
          all.size(),
          added.size());
    }
    return all;
  }

  private Set<TopicPartition> partitions() {
    List<PartitionInfo> infos = consumer.partitionsFor(topic);
    if (infos == null) {
      return Set.of();
    }
    return infos.stream()
        .map(p -> new TopicPartition(p.topic(), p.partition()))
        .collect(Collectors.toSet());
  }

  /** The topic's partitions; {@code known} when the broker does not answer in time. */
  private Set<TopicPartition> partitionsOr(Set<TopicPartition> known) {
    try {
      return partitions();
    } catch (TimeoutException e) {
      log.warn("Could not look at {}'s partitions: {}", topic, e.getMessage());
      return known;
    }
  }

  private Set<TopicPartition> awaitPartitions() {
    while (running) {
      Set<TopicPartition> partitions = partitions();
      if (!partitions.isEmpty()) {
        return partitions;
      }
      try {
        Thread.sleep(200);
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
        throw new WakeupException();
      }
    }
    throw new WakeupException();
  }

  private void apply(ConsumerRecord<String, String> record) {
    if (record.value() == null) {
      return; // a tombstone: tenants are deactivated, never deleted
    }
    try {
      TenantChangelogRecord value =
          Json.mapper().readValue(record.value(), TenantChangelogRecord.class);
      if (value instanceof TenantSnapshot snapshot) {
        directory.apply(snapshot);
      }
    } catch (RuntimeException e) {
      log.warn(
          "Skipping unreadable tenant.changelog record {}-{}@{}: {}",
          record.topic(),
          record.partition(),
          record.offset(),
          e.getMessage());
    }
  }

  @Override
  public void stop() {
    running = false;
    KafkaConsumer<String, String> c = consumer;
    if (c != null) {
      c.wakeup();
    }
    Thread t = thread;
    if (t != null) {
      try {
        t.join(5000);
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
      }
    }
  }

  @Override
  public boolean isRunning() {
    return running;
  }

  @Override
  public int getPhase() {
    return Integer.MIN_VALUE + 100; // before the command listeners start, after the topics exist
  }
}
