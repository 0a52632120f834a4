package io.sahabot.reservation;

import static io.sahabot.schemas.topics.Topics.RESERVATION_COMMANDS;
import static io.sahabot.schemas.topics.Topics.RESERVATION_EVENTS;
import static io.sahabot.schemas.topics.Topics.TENANT_CHANGELOG;
import static org.awaitility.Awaitility.await;

import io.sahabot.platform.kafka.WireSerdes;
import io.sahabot.platform.tenants.TenantSnapshots;
import io.sahabot.reservation.fixtures.Commands;
import io.sahabot.reservation.fixtures.TenantFixtures;
import io.sahabot.schemas.reservation.ReservationCommand;
import io.sahabot.schemas.reservation.ReservationConfirmed;
import io.sahabot.schemas.reservation.ReservationEvent;
import io.sahabot.schemas.tenant.TenantChangelogRecord;
import io.sahabot.testsupport.IntegrationTest;
import io.sahabot.testsupport.SahaBotInfrastructure;
import java.lang.management.ManagementFactory;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.Timestamp;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.UUID;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.atomic.AtomicInteger;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.serialization.StringDeserializer;
import org.apache.kafka.common.serialization.StringSerializer;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;

/**
 * Commands per second with conflict checks on the real broker and database, all in this JVM: the
 * service (its listener, with {@code sahabot.reservation.listener-concurrency} threads), spread
 * over 1,000 tenants, then with one hot tenant taking half the load; next to the raw PostgreSQL
 * rate of the same insert (same exclusion constraint, as the app role under the tenant's RLS
 * context, one transaction per insert) measured in the same run. Prints figures, asserts nothing.
 *
 * <p>Run: {@code ./mvnw -B verify -pl reservation-service -am -Dtest=none
 * -Dsurefire.failIfNoSpecifiedTests=false -Dit.test=ReservationBenchmark
 * -Dfailsafe.includes='**&#47;*Benchmark.java'} (size with {@code -Dbench.commands=3000}).
 */
@IntegrationTest
class ReservationBenchmark {

  static final int TENANTS = 1000;
  static final int COMMANDS = Integer.getInteger("bench.commands", 2000);
  static final int RAW_THREADS = 4;

  @Autowired TenantSnapshots snapshots;

  final Random random = new Random(42);
  final Map<String, Long> sentAt = new ConcurrentHashMap<>();
  final Map<String, Long> answeredAt = new ConcurrentHashMap<>();
  final Map<String, ReservationEvent> answers = new ConcurrentHashMap<>();

  @Test
  void commandsPerSecond() throws Exception {
    List<UUID> tenants = createTenants();
    Thread follower = followEvents();
    try {
      warmUp(tenants);
      report("spread over " + TENANTS + " tenants", run(tenants, null));
      report("one hot tenant with half the load", run(tenants, tenants.get(0)));
      rawPostgres(tenants);
      var heap = ManagementFactory.getMemoryMXBean().getHeapMemoryUsage();
      System.out.printf(
          "%nheap used %d MiB of %d MiB committed (service, broker and test in one JVM)%n",
          heap.getUsed() >> 20, heap.getCommitted() >> 20);
    } finally {
      follower.interrupt();
    }
  }

  record Result(int commands, double seconds, long confirmed, long[] latenciesMs) {}

  Result run(List<UUID> tenants, UUID hot) {
    List<ReservationCommand> batch = new ArrayList<>();
    for (int i = 0; i < COMMANDS; i++) {
      UUID tenant =
          hot != null && i % 2 == 0 ? hot : tenants.get(1 + random.nextInt(tenants.size() - 1));
      batch.add(request(tenant));
    }
    long start = System.nanoTime();
    send(batch);
    await()
        .atMost(Duration.ofMinutes(3))
        .pollInterval(Duration.ofMillis(50))
        .until(() -> batch.stream().allMatch(c -> answeredAt.containsKey(c.commandId())));
    long end = batch.stream().mapToLong(c -> answeredAt.get(c.commandId())).max().orElseThrow();
    long[] latencies =
        batch.stream()
            .mapToLong(c -> (answeredAt.get(c.commandId()) - sentAt.get(c.commandId())) / 1_000_000)
            .sorted()
            .toArray();
    long confirmed =
        batch.stream()
            .filter(c -> answers.get(c.commandId()) instanceof ReservationConfirmed)
            .count();
    return new Result(batch.size(), (end - start) / 1e9, confirmed, latencies);
  }

  void warmUp(List<UUID> tenants) {
    List<ReservationCommand> batch = new ArrayList<>();
    for (UUID t : tenants) {
      batch.add(request(t)); // also creates each tenant's field rows
    }
    send(batch);
    await()
        .atMost(Duration.ofMinutes(3))
        .until(() -> batch.stream().allMatch(c -> answeredAt.containsKey(c.commandId())));
  }

  ReservationCommand request(UUID tenant) {
    int day = 1 + random.nextInt(14);
    int hour = 9 + random.nextInt(15);
    Instant start =
        LocalDate.now(Commands.ISTANBUL)
            .plusDays(day)
            .atTime(hour, 0)
            .atZone(Commands.ISTANBUL)
            .toInstant();
    String phone = String.format("90555%07d", random.nextInt(200));
    return Commands.request(
        tenant,
        Commands.customer(phone),
        "Müşteri " + phone.substring(8),
        phone,
        random.nextBoolean() ? "Saha 1" : "Saha 2",
        start,
        1);
  }

  void send(List<ReservationCommand> batch) {
    try (var producer =
        new KafkaProducer<String, ReservationCommand>(
            Map.of(
                ProducerConfig.BOOTSTRAP_SERVERS_CONFIG,
                SahaBotInfrastructure.get().kafkaBootstrapServers(),
                ProducerConfig.LINGER_MS_CONFIG,
                2),
            new StringSerializer(),
            WireSerdes.<ReservationCommand>valueSerializer())) {
      for (ReservationCommand c : batch) {
        sentAt.put(c.commandId(), System.nanoTime());
        producer.send(new ProducerRecord<>(RESERVATION_COMMANDS.name(), c.key(), c));
      }
      producer.flush();
    }
  }

  Thread followEvents() {
    Thread t =
        new Thread(
            () -> {
              try (var consumer =
                  new KafkaConsumer<String, ReservationEvent>(
                      Map.of(
                          ConsumerConfig.BOOTSTRAP_SERVERS_CONFIG,
                          SahaBotInfrastructure.get().kafkaBootstrapServers()),
                      new StringDeserializer(),
                      WireSerdes.valueDeserializer(RESERVATION_EVENTS))) {
                List<TopicPartition> partitions = new ArrayList<>();
                for (int p = 0; p < RESERVATION_EVENTS.partitions(); p++) {
                  partitions.add(new TopicPartition(RESERVATION_EVENTS.name(), p));
                }
                consumer.assign(partitions);
                consumer.seekToEnd(partitions);
                partitions.forEach(consumer::position);
                while (!Thread.currentThread().isInterrupted()) {
                  for (var r : consumer.poll(Duration.ofMillis(100))) {
                    answeredAt.putIfAbsent(r.value().commandId(), System.nanoTime());
                    answers.putIfAbsent(r.value().commandId(), r.value());
                  }
                }
              } catch (org.apache.kafka.common.errors.InterruptException e) {
                // done
              }
            },
            "bench-events");
    t.setDaemon(true);
    t.start();
    return t;
  }

  List<UUID> createTenants() throws Exception {
    List<UUID> ids = new ArrayList<>();
    String run = UUID.randomUUID().toString().substring(0, 8);
    try (Connection c = SahaBotInfrastructure.get().database().connectAsTenantApp();
        PreparedStatement s =
            c.prepareStatement(
                "INSERT INTO tenants (whatsapp_phone_number_id, business_name) VALUES (?, ?)"
                    + " RETURNING id")) {
      for (int i = 0; i < TENANTS; i++) {
        s.setString(1, "bench-" + run + "-" + i);
        s.setString(2, "Bench " + i);
        try (ResultSet rs = s.executeQuery()) {
          rs.next();
          ids.add(rs.getObject(1, UUID.class));
        }
      }
    }
    try (var producer =
        new KafkaProducer<String, TenantChangelogRecord>(
            Map.of(
                ProducerConfig.BOOTSTRAP_SERVERS_CONFIG,
                SahaBotInfrastructure.get().kafkaBootstrapServers()),
            new StringSerializer(),
            WireSerdes.<TenantChangelogRecord>valueSerializer())) {
      TenantFixtures fixtures = TenantFixtures.tenant();
      for (UUID id : ids) {
        var snapshot = fixtures.snapshot(id, 1);
        producer.send(new ProducerRecord<>(TENANT_CHANGELOG.name(), snapshot.key(), snapshot));
      }
    }
    await()
        .atMost(Duration.ofMinutes(1))
        .until(() -> ids.stream().allMatch(id -> snapshots.get(id).isPresent()));
    return ids;
  }

  /** The same insert straight to PostgreSQL: app role, tenant context, one transaction each. */
  void rawPostgres(List<UUID> tenants) throws Exception {
    Map<UUID, long[]> refs = new ConcurrentHashMap<>();
    try (Connection c = SahaBotInfrastructure.get().database().connectAsOwner();
        PreparedStatement s =
            c.prepareStatement(
                "SELECT f.tenant_id, f.id, (SELECT min(id) FROM customers WHERE tenant_id ="
                    + " f.tenant_id) FROM fields f WHERE f.tenant_id = ANY (?) AND f.name ="
                    + " 'Saha 1'")) {
      s.setArray(1, c.createArrayOf("uuid", tenants.toArray()));
      try (ResultSet rs = s.executeQuery()) {
        while (rs.next()) {
          refs.put(rs.getObject(1, UUID.class), new long[] {rs.getLong(2), rs.getLong(3)});
        }
      }
    }
    List<UUID> usable = tenants.stream().filter(refs::containsKey).toList();
    AtomicInteger next = new AtomicInteger();
    AtomicInteger inserted = new AtomicInteger();
    long[] latencies = new long[COMMANDS];
    ExecutorService pool = Executors.newFixedThreadPool(RAW_THREADS);
    long start = System.nanoTime();
    List<Future<?>> futures = new ArrayList<>();
    for (int w = 0; w < RAW_THREADS; w++) {
      futures.add(
          pool.submit(
              () -> {
                Random r = new Random(Thread.currentThread().getId());
                try (Connection c = SahaBotInfrastructure.get().database().connectAsApp()) {
                  c.setAutoCommit(false);
                  PreparedStatement enter =
                      c.prepareStatement("SELECT set_config('app.tenant_id', ?, true)");
                  PreparedStatement insert =
                      c.prepareStatement(
                          "INSERT INTO reservations (tenant_id, field_id, customer_id,"
                              + " start_time, end_time, status, price, currency, command_id,"
                              + " created_by) VALUES (?, ?, ?, ?, ?, 'active', 1000.00, 'TRY',"
                              + " ?, 'bench') ON CONFLICT DO NOTHING RETURNING id");
                  for (int i = next.getAndIncrement(); i < COMMANDS; i = next.getAndIncrement()) {
                    long t0 = System.nanoTime();
                    UUID tenant = i % 2 == 0 ? usable.get(0) : usable.get(r.nextInt(usable.size()));
                    long[] ref = refs.get(tenant);
                    Instant slot =
                        LocalDate.now(Commands.ISTANBUL)
                            .plusDays(20 + r.nextInt(30))
                            .atTime(9 + r.nextInt(15), 0)
                            .atZone(Commands.ISTANBUL)
                            .toInstant();
                    enter.setString(1, tenant.toString());
                    enter.execute();
                    insert.setObject(1, tenant);
                    insert.setLong(2, ref[0]);
                    insert.setLong(3, ref[1]);
                    insert.setTimestamp(4, Timestamp.from(slot));
                    insert.setTimestamp(5, Timestamp.from(slot.plusSeconds(3600)));
                    insert.setString(6, "raw-" + UUID.randomUUID());
                    try (ResultSet rs = insert.executeQuery()) {
                      if (rs.next()) {
                        inserted.incrementAndGet();
                      }
                    }
                    c.commit();
                    latencies[i] = (System.nanoTime() - t0) / 1_000_000;
                  }
                }
                return null;
              }));
    }
    for (Future<?> f : futures) {
      f.get();
    }
    double seconds = (System.nanoTime() - start) / 1e9;
    pool.shutdown();
    Arrays.sort(latencies);
    System.out.printf(
        "%-44s %6d inserts in %6.2f s = %8.1f /s  (%d inserted, %d refused by the constraint)"
            + "  p50 %d ms  p99 %d ms%n",
        "raw PostgreSQL insert, " + RAW_THREADS + " connections, half hot",
        COMMANDS,
        seconds,
        COMMANDS / seconds,
        inserted.get(),
        COMMANDS - inserted.get(),
        latencies[latencies.length / 2],
        latencies[(int) (latencies.length * 0.99)]);
  }

  static void report(String name, Result r) {
    System.out.printf(
        "%-44s %6d commands in %6.2f s = %8.1f /s  (%d confirmed, %d rejected)"
            + "  p50 %d ms  p99 %d ms (send to outcome event)%n",
        name,
        r.commands(),
        r.seconds(),
        r.commands() / r.seconds(),
        r.confirmed(),
        r.commands() - r.confirmed(),
        r.latenciesMs()[r.latenciesMs().length / 2],
        r.latenciesMs()[(int) (r.latenciesMs().length * 0.99)]);
  }
}
