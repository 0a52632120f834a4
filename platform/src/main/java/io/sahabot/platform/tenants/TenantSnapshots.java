package io.sahabot.platform.tenants;

import static io.sahabot.schemas.topics.Topics.TENANT_CHANGELOG;

import io.sahabot.platform.kafka.WireSerdes;
import io.sahabot.schemas.tenant.TenantChangelogRecord;
import io.sahabot.schemas.tenant.TenantSnapshot;
import java.time.Duration;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.UUID;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.stream.Collectors;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.common.PartitionInfo;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.errors.WakeupException;
import org.apache.kafka.common.serialization.ByteArrayDeserializer;
import org.apache.kafka.common.serialization.Deserializer;
import org.apache.kafka.common.serialization.StringDeserializer;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.context.SmartLifecycle;

/**
 * The local copy of every tenant's latest snapshot (the highest version), read from the compacted
 * {@code tenant.changelog}: from its beginning, on every start, with no consumer group (every
 * instance needs every tenant), and followed while the service runs, so a settings change reaches
 * the service without a restart. A record it cannot read is logged and skipped: the next snapshot
 * of that tenant replaces it anyway.
 *
 * <p>Partitions added to the topic while it runs are read too, from their beginning: the reader
 * looks at the topic's partitions again every {@code metadata.max.age.ms} (10 s unless the consumer
 * properties say otherwise). Without that, a partition added after the start would hide its tenants
 * until a restart.
 *
 * <p>{@link #caughtUp()} turns true once every partition has been read up to where it ended when
 * the reader started (its end offsets then): from that moment every tenant that existed before the
 * start is known. Until then the service is not ready: platform's {@link
 * TenantSnapshotsHealthIndicator} (the {@code tenants} health component) is DOWN. A broker that
 * cannot be reached (the service started before it, or it restarts) never stops the reader: it
 * tries again, 100 ms after the failure doubling up to every 5 s, for as long as it takes. It
 * starts before the service's listener containers ({@link #getPhase()}).
 */
public class TenantSnapshots implements SmartLifecycle {

  private static final Logger log = LoggerFactory.getLogger(TenantSnapshots.class);

  /** How often the partitions are looked at again, unless the consumer properties say otherwise. */
  private static final Duration PARTITION_CHECK = Duration.ofSeconds(10);

  /** The pauses between attempts while the topic cannot be read: 100 ms doubling up to 5 s. */
  private static final Duration RETRY_FIRST = Duration.ofMillis(100);

  private static final Duration RETRY_MAX = Duration.ofSeconds(5);

  private final Map<UUID, TenantSnapshot> tenants = new ConcurrentHashMap<>();
  private final Map<UUID, CompletableFuture<TenantSnapshot>> awaited = new ConcurrentHashMap<>();
  private final Map<String, Object> config;
  private final String topic;
  private final Duration partitionCheck;
  private final Deserializer<TenantChangelogRecord> values =
      WireSerdes.valueDeserializer(TENANT_CHANGELOG);
  private volatile Map<TopicPartition, Long> startEnds;
  private volatile boolean caughtUp;
  private volatile String lastFailure;
  private final CountDownLatch read = new CountDownLatch(1);
  private volatile Duration startWait = Duration.ofSeconds(15);
  private volatile KafkaConsumer<String, byte[]> consumer;
  private volatile Thread thread;
  private volatile boolean running;

  /**
   * A reader of {@code tenant.changelog} with the service's consumer properties (Spring Boot's
   * {@code KafkaProperties.buildConsumerProperties()}: bootstrap servers, login, isolation).
   *
   * @param clientId the consumer's client id, e.g. {@code reservation-tenant-changelog}
   */
  public TenantSnapshots(Map<String, Object> consumerProperties, String clientId) {
    this(consumerProperties, clientId, TENANT_CHANGELOG.name());
  }

  /** A reader of another topic of tenant snapshots (tests). */
  public TenantSnapshots(Map<String, Object> consumerProperties, String clientId, String topic) {
    this.topic = topic;
    this.config = new HashMap<>(consumerProperties);
    config.remove(ConsumerConfig.GROUP_ID_CONFIG);
    config.put(ConsumerConfig.ENABLE_AUTO_COMMIT_CONFIG, false);
    config.put(ConsumerConfig.KEY_DESERIALIZER_CLASS_CONFIG, StringDeserializer.class);
    config.put(ConsumerConfig.VALUE_DESERIALIZER_CLASS_CONFIG, ByteArrayDeserializer.class);
    config.put(ConsumerConfig.CLIENT_ID_CONFIG, clientId);
    config.putIfAbsent(
        ConsumerConfig.METADATA_MAX_AGE_CONFIG, Long.toString(PARTITION_CHECK.toMillis()));
    this.partitionCheck =
        Duration.ofMillis(
            Long.parseLong(config.get(ConsumerConfig.METADATA_MAX_AGE_CONFIG).toString()));
  }

  /** Every tenant's latest snapshot known so far (for work over all tenants, like a scheduler). */
  public java.util.List<TenantSnapshot> all() {
    return java.util.List.copyOf(tenants.values());
  }

  /** The tenant's latest snapshot, if one has been read. */
  public Optional<TenantSnapshot> get(UUID tenantId) {
    return Optional.ofNullable(tenants.get(tenantId));
  }

  /**
   * The tenant's snapshot, waiting up to {@code timeout} for it: a new tenant's first message can
   * arrive a moment before its snapshot does. Blocks the calling thread.
   */
  public Optional<TenantSnapshot> await(UUID tenantId, Duration timeout) {
    try {
      return Optional.ofNullable(arrival(tenantId).get(timeout.toMillis(), TimeUnit.MILLISECONDS));
    } catch (TimeoutException | ExecutionException e) {
      return Optional.empty();
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      return Optional.empty();
    }
  }

  /**
   * Completes with the tenant's snapshot as soon as one is known (at once when it is already); for
   * callers that must not block, with their own timeout.
   */
  public CompletableFuture<TenantSnapshot> arrival(UUID tenantId) {
    TenantSnapshot known = tenants.get(tenantId);
    if (known != null) {
      return CompletableFuture.completedFuture(known);
    }
    CompletableFuture<TenantSnapshot> arrival =
        awaited.computeIfAbsent(tenantId, id -> new CompletableFuture<>());
    known = tenants.get(tenantId);
    if (known != null) {
      arrival.complete(known);
      awaited.remove(tenantId, arrival);
    }
    // a copy: a caller that cancels its own (a timeout) leaves the others' waiting
    return arrival.copy();
  }

  /** A snapshot, unless one with a higher version is known; also for tests. */
  public void put(TenantSnapshot snapshot) {
    TenantSnapshot current =
        tenants.merge(
            snapshot.tenantId(),
            snapshot,
            (old, fresh) -> fresh.version() >= old.version() ? fresh : old);
    CompletableFuture<TenantSnapshot> waiting = awaited.remove(snapshot.tenantId());
    if (waiting != null) {
      waiting.complete(current);
    }
  }

  /** How many tenants are known. */
  public int size() {
    return tenants.size();
  }

  /** Whether everything the topic held when the reader started has been read. */
  public boolean caughtUp() {
    return caughtUp;
  }

  /**
   * Why the topic could not be read the last time it was tried ({@code class: message}), while it
   * cannot; empty once it is read again.
   */
  public Optional<String> lastFailure() {
    return Optional.ofNullable(lastFailure);
  }

  /** The topic this reads. */
  public String topic() {
    return topic;
  }

  /**
   * How long {@link #start()} waits for the topic to be read (15 s unless set): the service's
   * listeners, which start after this, then know every tenant from their first record. A reader
   * that is not caught up by then goes on reading in the background (the service is not ready).
   */
  public void setStartWait(Duration startWait) {
    this.startWait = startWait;
  }

  @Override
  public void start() {
    consumer = new KafkaConsumer<>(config);
    running = true;
    thread = new Thread(this::run, "tenant-snapshots");
    thread.setDaemon(true);
    thread.start();
    try {
      if (!read.await(startWait.toMillis(), TimeUnit.MILLISECONDS)) {
        log.warn(
            "{} not read within {} of the start; reading on, the service is not ready until then",
            topic,
            startWait);
      }
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    }
  }

  private void run() {
    Set<TopicPartition> assigned = Set.of();
    long nextCheck = System.nanoTime();
    Duration pause = RETRY_FIRST;
    try {
      while (running) {
        try {
          if (startEnds == null) {
            assigned = follow(assigned, awaitPartitions());
            startEnds = consumer.endOffsets(assigned);
            nextCheck = System.nanoTime() + partitionCheck.toNanos();
          }
          for (ConsumerRecord<String, byte[]> record : consumer.poll(Duration.ofMillis(500))) {
            apply(record);
          }
          checkCaughtUp();
          if (System.nanoTime() - nextCheck >= 0) {
            assigned = follow(assigned, partitionsOr(assigned));
            nextCheck = System.nanoTime() + partitionCheck.toNanos();
          }
          if (lastFailure != null && caughtUp) {
            log.info("{} is readable again", topic);
            lastFailure = null;
          }
          pause = RETRY_FIRST;
        } catch (WakeupException e) {
          throw e;
        } catch (RuntimeException e) {
          // The broker is unreachable (a start before it, a restart): keep trying, never give up;
          // until the topic is read, caughtUp() stays false and the service is not ready.
          lastFailure = e.getClass().getName() + ": " + e.getMessage();
          log.warn(
              "{} cannot be read ({}); trying again in {} ms",
              topic,
              lastFailure,
              pause.toMillis());
          sleep(pause);
          pause =
              pause.multipliedBy(2).compareTo(RETRY_MAX) > 0 ? RETRY_MAX : pause.multipliedBy(2);
        }
      }
    } catch (WakeupException e) {
      if (running) {
        log.error("{} reader woken up while running; it stops", topic, e);
      }
    } finally {
      consumer.close(Duration.ofSeconds(2));
    }
  }

  private void sleep(Duration pause) {
    try {
      Thread.sleep(pause.toMillis());
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new WakeupException();
    }
  }

  private void checkCaughtUp() {
    if (caughtUp || startEnds == null) {
      return;
    }
    for (Map.Entry<TopicPartition, Long> end : startEnds.entrySet()) {
      if (consumer.position(end.getKey()) < end.getValue()) {
        return;
      }
    }
    caughtUp = true;
    read.countDown();
    log.info("{} read: {} tenants known", topic, tenants.size());
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
    } catch (org.apache.kafka.common.errors.TimeoutException e) {
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

  private void apply(ConsumerRecord<String, byte[]> record) {
    if (record.value() == null) {
      return; // a tombstone: tenants are deactivated, never deleted
    }
    try {
      if (values.deserialize(record.topic(), record.value()) instanceof TenantSnapshot snapshot) {
        put(snapshot);
      }
    } catch (RuntimeException e) {
      log.warn(
          "Skipping unreadable {} record {}-{}@{}: {}",
          topic,
          record.topic(),
          record.partition(),
          record.offset(),
          e.getMessage());
    }
  }

  @Override
  public void stop() {
    running = false;
    KafkaConsumer<String, byte[]> c = consumer;
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
    return Integer.MIN_VALUE + 100; // before the listener containers start, after the topics exist
  }
}
