package io.sahabot.platform.kafka;

import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.MeterRegistry;
import java.time.Duration;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import org.apache.kafka.clients.admin.AdminClient;
import org.apache.kafka.clients.admin.AdminClientConfig;
import org.apache.kafka.clients.admin.ListOffsetsResult.ListOffsetsResultInfo;
import org.apache.kafka.clients.admin.OffsetSpec;
import org.apache.kafka.clients.admin.TopicDescription;
import org.apache.kafka.clients.consumer.OffsetAndMetadata;
import org.apache.kafka.common.TopicPartition;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.context.SmartLifecycle;

/**
 * How many records wait on each dead-letter topic the service writes: gauge {@code
 * sahabot.dlt.depth{topic=…}}, read every {@code sahabot.kafka.dlt-depth.interval} (30 s) from the
 * broker's offsets. The depth of a topic is, summed over its partitions, its end offset minus the
 * committed offset of {@code sahabot.kafka.dlt-depth.group} when that group has one, else minus its
 * beginning offset (every record it still holds, retention deducted). Before the first read, or
 * while the broker does not answer, the gauge keeps its last value (NaN at first). A failed read is
 * logged at WARN once per distinct error, and tried again at the next interval.
 */
public class DeadLetterDepth implements SmartLifecycle {

  /** The gauge's name. */
  public static final String GAUGE = "sahabot.dlt.depth";

  private static final Logger log = LoggerFactory.getLogger(DeadLetterDepth.class);
  private static final Duration TIMEOUT = Duration.ofSeconds(10);

  private final Map<String, Object> adminConfig;
  private final List<String> topics;
  private final DeadLetterDepthProperties properties;
  private final Map<String, Double> depths = new ConcurrentHashMap<>();
  private final Map<String, String> lastErrors = new ConcurrentHashMap<>();
  private volatile AdminClient admin;
  private volatile ScheduledExecutorService timer;

  /**
   * @param adminConfig the properties of the service's {@code KafkaAdmin} (bootstrap, login)
   * @param topics the dead-letter topics the service writes
   */
  public DeadLetterDepth(
      Map<String, Object> adminConfig,
      List<String> topics,
      DeadLetterDepthProperties properties,
      MeterRegistry registry) {
    this.adminConfig = new HashMap<>(adminConfig);
    this.adminConfig.put(AdminClientConfig.CLIENT_ID_CONFIG, "dlt-depth");
    this.adminConfig.put(AdminClientConfig.DEFAULT_API_TIMEOUT_MS_CONFIG, (int) TIMEOUT.toMillis());
    this.adminConfig.put(AdminClientConfig.REQUEST_TIMEOUT_MS_CONFIG, (int) TIMEOUT.toMillis());
    this.topics = List.copyOf(topics);
    this.properties = properties;
    for (String topic : this.topics) {
      depths.put(topic, Double.NaN);
      Gauge.builder(GAUGE, depths, d -> d.getOrDefault(topic, Double.NaN))
          .tag("topic", topic)
          .description("records waiting on a dead-letter topic")
          .register(registry);
    }
  }

  /** The last depth read of {@code topic}, NaN before the first read. */
  public double depth(String topic) {
    return depths.getOrDefault(topic, Double.NaN);
  }

  /** Reads every topic's offsets now (also the timer's work). */
  public void refresh() {
    for (String topic : topics) {
      try {
        depths.put(topic, (double) read(topic));
        lastErrors.remove(topic);
      } catch (Exception e) {
        if (e instanceof InterruptedException) {
          Thread.currentThread().interrupt();
          return;
        }
        String error = e.getClass().getName() + ": " + e.getMessage();
        if (!error.equals(lastErrors.put(topic, error))) {
          log.warn("Could not read the depth of {}: {}", topic, error);
        }
      }
    }
  }

  private long read(String topic) throws Exception {
    TopicDescription description =
        admin
            .describeTopics(List.of(topic))
            .topicNameValues()
            .get(topic)
            .get(TIMEOUT.toMillis(), TimeUnit.MILLISECONDS);
    Map<TopicPartition, OffsetSpec> latest = new HashMap<>();
    Map<TopicPartition, OffsetSpec> earliest = new HashMap<>();
    description
        .partitions()
        .forEach(
            p -> {
              latest.put(new TopicPartition(topic, p.partition()), OffsetSpec.latest());
              earliest.put(new TopicPartition(topic, p.partition()), OffsetSpec.earliest());
            });
    Map<TopicPartition, ListOffsetsResultInfo> ends =
        admin.listOffsets(latest).all().get(TIMEOUT.toMillis(), TimeUnit.MILLISECONDS);
    Map<TopicPartition, ListOffsetsResultInfo> beginnings =
        admin.listOffsets(earliest).all().get(TIMEOUT.toMillis(), TimeUnit.MILLISECONDS);
    Map<TopicPartition, OffsetAndMetadata> committed =
        properties.group() == null
            ? Map.of()
            : admin
                .listConsumerGroupOffsets(properties.group())
                .partitionsToOffsetAndMetadata()
                .get(TIMEOUT.toMillis(), TimeUnit.MILLISECONDS);
    long depth = 0;
    for (Map.Entry<TopicPartition, ListOffsetsResultInfo> end : ends.entrySet()) {
      long from = beginnings.get(end.getKey()).offset();
      OffsetAndMetadata done = committed.get(end.getKey());
      if (done != null) {
        from = Math.max(from, done.offset());
      }
      depth += Math.max(0, end.getValue().offset() - from);
    }
    return depth;
  }

  @Override
  public void start() {
    admin = AdminClient.create(adminConfig);
    timer =
        Executors.newSingleThreadScheduledExecutor(
            r -> {
              Thread t = new Thread(r, "dlt-depth");
              t.setDaemon(true);
              return t;
            });
    long every = properties.interval().toMillis();
    timer.scheduleWithFixedDelay(this::refresh, 0, every, TimeUnit.MILLISECONDS);
  }

  @Override
  public void stop() {
    ScheduledExecutorService t = timer;
    if (t != null) {
      t.shutdownNow();
      timer = null;
    }
    AdminClient a = admin;
    if (a != null) {
      a.close(Duration.ofSeconds(2));
      admin = null;
    }
  }

  @Override
  public boolean isRunning() {
    return timer != null;
  }
}
