package io.sahabot.reservation.tenants;

import static io.sahabot.schemas.topics.Topics.TENANT_CHANGELOG;

import io.sahabot.schemas.Json;
import io.sahabot.schemas.tenant.TenantChangelogRecord;
import io.sahabot.schemas.tenant.TenantSnapshot;
import java.time.Duration;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.common.PartitionInfo;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.errors.WakeupException;
import org.apache.kafka.common.serialization.StringDeserializer;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.boot.kafka.autoconfigure.KafkaProperties;
import org.springframework.context.SmartLifecycle;
import org.springframework.stereotype.Component;

/**
 * Reads the whole compacted {@code tenant.changelog} from the beginning, on every start and with no
 * consumer group (every instance needs every tenant), and keeps following it into the {@link
 * TenantDirectory}. A record it cannot read is logged and skipped: the next snapshot of that tenant
 * replaces it anyway.
 */
@Component
class TenantChangelogReader implements SmartLifecycle {

  private static final Logger log = LoggerFactory.getLogger(TenantChangelogReader.class);

  private final TenantDirectory directory;
  private final Map<String, Object> config;
  private volatile KafkaConsumer<String, String> consumer;
  private volatile Thread thread;
  private volatile boolean running;

  TenantChangelogReader(TenantDirectory directory, KafkaProperties kafka) {
    this.directory = directory;
    this.config = new HashMap<>(kafka.buildConsumerProperties());
    config.remove(ConsumerConfig.GROUP_ID_CONFIG);
    config.put(ConsumerConfig.ENABLE_AUTO_COMMIT_CONFIG, false);
    config.put(ConsumerConfig.KEY_DESERIALIZER_CLASS_CONFIG, StringDeserializer.class);
    config.put(ConsumerConfig.VALUE_DESERIALIZER_CLASS_CONFIG, StringDeserializer.class);
    config.put(ConsumerConfig.CLIENT_ID_CONFIG, "reservation-tenant-changelog");
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
      List<TopicPartition> partitions = partitions();
      consumer.assign(partitions);
      consumer.seekToBeginning(partitions);
      while (running) {
        for (ConsumerRecord<String, String> record : consumer.poll(Duration.ofMillis(500))) {
          apply(record);
        }
      }
    } catch (WakeupException e) {
      if (running) {
        throw e;
      }
    } finally {
      consumer.close(Duration.ofSeconds(2));
    }
  }

  private List<TopicPartition> partitions() {
    while (running) {
      List<PartitionInfo> infos = consumer.partitionsFor(TENANT_CHANGELOG.name());
      if (infos != null && !infos.isEmpty()) {
        return infos.stream().map(p -> new TopicPartition(p.topic(), p.partition())).toList();
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
