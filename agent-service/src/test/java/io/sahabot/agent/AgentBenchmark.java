package io.sahabot.agent;

import io.sahabot.agent.tenants.TenantView;
import io.sahabot.platform.kafka.WireSerdes;
import io.sahabot.schemas.tenant.TenantSettings;
import io.sahabot.schemas.tenant.TenantSnapshot;
import io.sahabot.schemas.topics.Topics;
import io.sahabot.schemas.whatsapp.InboundMessage;
import io.sahabot.schemas.whatsapp.InboundMessageRecord;
import io.sahabot.schemas.whatsapp.MessageKind;
import io.sahabot.schemas.whatsapp.OutboundRecord;
import io.sahabot.testsupport.IntegrationTest;
import io.sahabot.testsupport.SahaBotInfrastructure;
import io.sahabot.testsupport.TenantRows;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.ConcurrentHashMap;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.serialization.StringDeserializer;
import org.apache.kafka.common.serialization.StringSerializer;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.test.context.TestPropertySource;

/**
 * The agent with a model that takes 1 s per call: messages per second and latency percentiles at
 * 10, 100 and 500 conversations in flight, all of one tenant, through Kafka. Prints figures; never
 * fails on time. Run: {@code ./mvnw -B verify -pl agent-service -am -Dtest=none
 * -Dit.test=AgentBenchmark -Dfailsafe.includes='**}{@code /AgentBenchmark.java'
 * -Dsurefire.failIfNoSpecifiedTests=false}
 */
@IntegrationTest
@TestPropertySource(
    properties = {
      "sahabot.agent.simulated-model-latency=${bench.latency:1s}",
      "sahabot.agent.listener-concurrency=3"
    })
class AgentBenchmark {

  @Autowired TenantView tenants;

  @Test
  void messagesPerSecondWithASlowModel() throws Exception {
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
    try (KafkaProducer<String, InboundMessageRecord> producer = producer(bootstrap);
        KafkaConsumer<String, OutboundRecord> consumer = consumer(bootstrap)) {
      consumer.subscribe(List.of(Topics.WHATSAPP_OUTBOUND.name()));
      consumer.poll(Duration.ofSeconds(2));
      for (int conversations : new int[] {10, 100, 500}) {
        rows.add(run(tenant, conversations, producer, consumer));
      }
    }
    System.out.println();
    System.out.println(
        "| conversations in flight | messages | msg/s | p50 ms | p99 ms | bound (msg/s) | ratio |");
    System.out.println("|---|---|---|---|---|---|---|");
    rows.forEach(System.out::println);
    Runtime rt = Runtime.getRuntime();
    System.out.printf("heap used %d MiB%n", (rt.totalMemory() - rt.freeMemory()) >> 20);
  }

  private String run(
      UUID tenant,
      int conversations,
      KafkaProducer<String, InboundMessageRecord> producer,
      KafkaConsumer<String, OutboundRecord> consumer) {
    int rounds = 3;
    Map<String, Long> sentAt = new ConcurrentHashMap<>();
    long start = System.nanoTime();
    for (int round = 0; round < rounds; round++) {
      for (int c = 0; c < conversations; c++) {
        String user = "90555" + String.format("%07d", c);
        String wamid =
            "wamid.bench." + conversations + "." + round + "." + c + "." + UUID.randomUUID();
        InboundMessage m =
            new InboundMessage(
                UUID.randomUUID().toString(),
                Instant.now(),
                tenant,
                "bench",
                "bench-" + tenant,
                null,
                user,
                user,
                null,
                null,
                wamid,
                Instant.now(),
                MessageKind.TEXT,
                "merhaba",
                null,
                null,
                null,
                null,
                List.of(),
                null,
                null);
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
    long[] done = Arrays.copyOf(latencies, received);
    Arrays.sort(done);
    double rate = received / seconds;
    double bound = Math.min(conversations, 512) / 1.0;
    return String.format(
        "| %d | %d | %.1f | %d | %d | %.0f | %.0f%% |",
        conversations,
        received,
        rate,
        percentile(done, 0.50),
        percentile(done, 0.99),
        bound,
        100 * rate / bound);
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
