package io.sahabot.agent;

import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.Timer;
import io.sahabot.agent.config.AgentProperties;
import io.sahabot.platform.kafka.WireSerdes;
import io.sahabot.platform.tenants.TenantSnapshots;
import io.sahabot.schemas.tenant.TenantSettings;
import io.sahabot.schemas.tenant.TenantSnapshot;
import io.sahabot.schemas.topics.Topics;
import io.sahabot.schemas.whatsapp.InboundMessage;
import io.sahabot.schemas.whatsapp.InboundMessageRecord;
import io.sahabot.schemas.whatsapp.OutboundRecord;
import io.sahabot.testsupport.IntegrationTest;
import io.sahabot.testsupport.SahaBotInfrastructure;
import io.sahabot.testsupport.TenantRows;
import java.lang.management.ManagementFactory;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.TimeUnit;
import jdk.jfr.Configuration;
import jdk.jfr.Recording;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.OffsetSpec;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.clients.consumer.OffsetAndMetadata;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.serialization.StringDeserializer;
import org.apache.kafka.common.serialization.StringSerializer;
import org.awaitility.Awaitility;
import org.awaitility.core.ConditionTimeoutException;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.test.annotation.DirtiesContext;
import org.springframework.test.context.TestPropertySource;

/**
 * The agent with a model that takes 1 s per call: messages per second and latency percentiles at
 * 10, 100 and 500 conversations in flight, all of one tenant, 3 messages each, through Kafka, after
 * a warm-up. Prints Markdown table rows with the bound (every conversation has a turn in the model
 * at any moment: min(conversations, max-in-flight, model-concurrency) / latency) and the ratio, the
 * JVM's CPU time per message, the mean time of each stage of a turn, and the records left
 * uncommitted. Never fails on time. Run:
 *
 * <pre>{@code
 * ./mvnw -B verify -pl agent-service -am -Dtest=NoSuchTest -Dsurefire.failIfNoSpecifiedTests=false \
 *   -Dit.test=AgentBenchmark -Dfailsafe.failIfNoSpecifiedTests=false \
 *   '-Dfailsafe.includes=**}{@code /AgentBenchmark.java'
 * }</pre>
 *
 * {@code -Dbench.latency=0s} measures the pipeline alone; {@code -Dbench.outcomeWait=0s} runs with
 * write tools that do not wait for their outcomes (the notifier tells them); {@code
 * -Dbench.jfr=/tmp/agent.jfr} records a JFR profile of the runs.
 */
@IntegrationTest
// every context of this module consumes in the same groups (agent-service, the notifier's): closed
// after its class, so that the next class's context gets every partition
@DirtiesContext
@TestPropertySource(
    properties = {
      "sahabot.agent.simulated-model-latency=${bench.latency:1s}",
      "sahabot.agent.listener-concurrency=3",
      "sahabot.agent.outcome-wait=${bench.outcomeWait:3s}"
    })
class AgentBenchmark {

  private static final String[] STAGES = {
    "wait", "turn", "memory.read", "model", "memory.write", "reply", "usage.flush"
  };

  @Autowired TenantSnapshots tenants;
  @Autowired AgentProperties agent;
  @Autowired MeterRegistry meters;

  @Test
  void messagesPerSecondWithASlowModel() throws Exception {
    String jfr = System.getProperty("bench.jfr");
    try (Recording recording =
        jfr == null ? null : new Recording(Configuration.getConfiguration("profile"))) {
      if (recording != null) {
        recording.setDestination(Path.of(jfr));
        recording.start();
      }
      measure();
      if (recording != null) {
        recording.stop(); // written to bench.jfr
      }
    }
  }

  private void measure() throws Exception {
    UUID tenant = UUID.randomUUID();
    TenantRows.insert(tenant, "bench-" + tenant, "Bench");
    tenants.put(
        new TenantSnapshot(
            "bench",
            Instant.now(),
            tenant,
            null,
            "bench-" + tenant,
            null,
            "Bench",
            true,
            TenantSettings.defaults(),
            1));
    String bootstrap = SahaBotInfrastructure.get().kafkaBootstrapServers();
    List<String> rows = new ArrayList<>();
    List<String> stageRows = new ArrayList<>();
    try (KafkaProducer<String, InboundMessageRecord> producer = producer(bootstrap);
        KafkaConsumer<String, OutboundRecord> consumer = consumer(bootstrap)) {
      consumer.subscribe(List.of(Topics.WHATSAPP_OUTBOUND.name()));
      consumer.poll(Duration.ofSeconds(2));
      // warm-up, not reported: connections opened, code compiled, the tenant's first turns
      run(tenant, 50, 1, producer, consumer);
      for (int conversations : new int[] {10, 100, 500}) {
        Map<String, double[]> before = stages();
        rows.add(run(tenant, conversations, 3, producer, consumer));
        stageRows.add(stageRow(conversations, before, stages()));
      }
    }
    System.out.println();
    System.out.printf(
        "model latency %s, max-in-flight %d, model-concurrency %d%n",
        agent.simulatedModelLatency(), agent.maxInFlight(), agent.modelConcurrency());
    System.out.println(
        "| conversations in flight | messages | msg/s | p50 ms | p99 ms | bound (msg/s) | ratio"
            + " | CPU ms/msg |");
    System.out.println("|---|---|---|---|---|---|---|---|");
    rows.forEach(System.out::println);
    System.out.println();
    System.out.println("Mean time per stage (ms; stages of sahabot.agent.stage):");
    System.out.println();
    System.out.println("| conversations | " + String.join(" | ", STAGES) + " |");
    System.out.println("|---" + "|---".repeat(STAGES.length) + "|");
    stageRows.forEach(System.out::println);
    System.out.printf(
        "whatsapp.inbound.messages records not yet committed by agent-service: %d%n",
        uncommitted(bootstrap));
    Runtime rt = Runtime.getRuntime();
    System.out.printf("heap used %d MiB%n", (rt.totalMemory() - rt.freeMemory()) >> 20);
  }

  private String run(
      UUID tenant,
      int conversations,
      int rounds,
      KafkaProducer<String, InboundMessageRecord> producer,
      KafkaConsumer<String, OutboundRecord> consumer) {
    Map<String, Long> sentAt = new ConcurrentHashMap<>();
    long start = System.nanoTime();
    long cpuStart = processCpuNanos();
    for (int round = 0; round < rounds; round++) {
      for (int c = 0; c < conversations; c++) {
        String user = "90555" + String.format("%07d", c);
        String wamid =
            "wamid.bench." + conversations + "." + round + "." + c + "." + UUID.randomUUID();
        InboundMessage m =
            InboundMessage.text(
                UUID.randomUUID().toString(),
                Instant.now(),
                tenant,
                "bench",
                "bench-" + tenant,
                user,
                wamid,
                "merhaba");
        sentAt.put(wamid, System.nanoTime());
        producer.send(new ProducerRecord<>(Topics.WHATSAPP_INBOUND_MESSAGES.name(), m.key(), m));
      }
    }
    producer.flush();
    long[] latencies = new long[conversations * rounds];
    int received = 0;
    long deadline = System.nanoTime() + Duration.ofSeconds(120).toNanos();
    while (received < latencies.length && System.nanoTime() < deadline) {
      for (var r : consumer.poll(Duration.ofMillis(200))) {
        var out = (io.sahabot.schemas.whatsapp.OutboundMessage) r.value();
        Long sent = sentAt.remove(out.causationId());
        if (sent != null) {
          latencies[received++] = System.nanoTime() - sent;
        }
      }
    }
    double seconds = (System.nanoTime() - start) / 1e9;
    double cpuPerMessage = (processCpuNanos() - cpuStart) / 1e6 / Math.max(1, received);
    long[] done = Arrays.copyOf(latencies, received);
    Arrays.sort(done);
    double rate = received / seconds;
    // the bound: every conversation has a turn in the model at any moment
    double latency = agent.simulatedModelLatency().toMillis() / 1000.0;
    int parallel = Math.min(conversations, Math.min(agent.maxInFlight(), agent.modelConcurrency()));
    String bound = latency > 0 ? String.format("%.0f", parallel / latency) : "–";
    String ratio = latency > 0 ? String.format("%.0f%%", 100 * rate * latency / parallel) : "–";
    return String.format(
        "| %d | %d | %.1f | %d | %d | %s | %s | %.1f |",
        conversations,
        received,
        rate,
        percentile(done, 0.50),
        percentile(done, 0.99),
        bound,
        ratio,
        cpuPerMessage);
  }

  /**
   * CPU time of this whole JVM: the agent, but also the embedded broker and the benchmark's own
   * producer and consumer (PostgreSQL's is not counted).
   */
  private static long processCpuNanos() {
    return ((com.sun.management.OperatingSystemMXBean) ManagementFactory.getOperatingSystemMXBean())
        .getProcessCpuTime();
  }

  /**
   * Records of whatsapp.inbound.messages the agent's group has not committed, once it had a few
   * seconds to commit its last acknowledgments (every turn was answered by then).
   */
  private static long uncommitted(String bootstrap) throws Exception {
    try (Admin admin = Admin.create(Map.of("bootstrap.servers", bootstrap))) {
      try {
        Awaitility.await()
            .pollInterval(Duration.ofMillis(200))
            .atMost(Duration.ofSeconds(10))
            .until(() -> lag(admin) == 0);
      } catch (ConditionTimeoutException e) {
        // reported as a figure below, not a failure
      }
      return lag(admin);
    }
  }

  private static long lag(Admin admin) throws Exception {
    Map<TopicPartition, OffsetAndMetadata> committed =
        admin.listConsumerGroupOffsets("agent-service").partitionsToOffsetAndMetadata().get();
    Map<TopicPartition, OffsetSpec> latest = new HashMap<>();
    committed.keySet().stream()
        .filter(tp -> tp.topic().equals(Topics.WHATSAPP_INBOUND_MESSAGES.name()))
        .forEach(tp -> latest.put(tp, OffsetSpec.latest()));
    var ends = admin.listOffsets(latest).all().get();
    return latest.keySet().stream()
        .mapToLong(tp -> ends.get(tp).offset() - committed.get(tp).offset())
        .sum();
  }

  /** Count and total milliseconds of each stage timer so far. */
  private Map<String, double[]> stages() {
    Map<String, double[]> totals = new HashMap<>();
    for (String stage : STAGES) {
      Timer timer = meters.find("sahabot.agent.stage").tag("stage", stage).timer();
      totals.put(
          stage,
          timer == null
              ? new double[2]
              : new double[] {timer.count(), timer.totalTime(TimeUnit.MILLISECONDS)});
    }
    return totals;
  }

  private static String stageRow(
      int conversations, Map<String, double[]> before, Map<String, double[]> after) {
    StringBuilder row = new StringBuilder("| " + conversations + " |");
    for (String stage : STAGES) {
      double count = after.get(stage)[0] - before.get(stage)[0];
      double millis = after.get(stage)[1] - before.get(stage)[1];
      row.append(count == 0 ? " – |" : String.format(" %.1f (%.0f) |", millis / count, count));
    }
    return row.toString();
  }

  private static long percentile(long[] sorted, double p) {
    if (sorted.length == 0) {
      return -1;
    }
    return sorted[(int) Math.min(sorted.length - 1, Math.floor(p * sorted.length))] / 1_000_000;
  }

  private static KafkaProducer<String, InboundMessageRecord> producer(String bootstrap) {
    Map<String, Object> props = new HashMap<>();
    props.put(ProducerConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrap);
    props.put(ProducerConfig.LINGER_MS_CONFIG, 5);
    return new KafkaProducer<>(props, new StringSerializer(), WireSerdes.valueSerializer());
  }

  private static KafkaConsumer<String, OutboundRecord> consumer(String bootstrap) {
    Map<String, Object> props = new HashMap<>();
    props.put(ConsumerConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrap);
    props.put(ConsumerConfig.GROUP_ID_CONFIG, "bench-" + UUID.randomUUID());
    props.put(ConsumerConfig.AUTO_OFFSET_RESET_CONFIG, "latest");
    return new KafkaConsumer<>(
        props, new StringDeserializer(), WireSerdes.valueDeserializer(Topics.WHATSAPP_OUTBOUND));
  }
}
