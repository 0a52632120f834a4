package io.sahabot.reservation.booking;

import static io.sahabot.reservation.fixtures.Commands.book;
import static io.sahabot.reservation.fixtures.Commands.nextMondayAt;
import static io.sahabot.reservation.fixtures.TenantFixtures.tenant;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import io.micrometer.core.instrument.MeterRegistry;
import io.sahabot.platform.kafka.DeadLetterDepth;
import io.sahabot.reservation.fixtures.Commands;
import io.sahabot.reservation.fixtures.Events;
import io.sahabot.schemas.reservation.RequestReservation;
import io.sahabot.schemas.reservation.ReservationConfirmed;
import io.sahabot.testsupport.ActuatorProbe;
import io.sahabot.testsupport.IntegrationTest;
import io.sahabot.testsupport.SahaBotInfrastructure;
import io.sahabot.testsupport.TestDatabase;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.serialization.ByteArrayDeserializer;
import org.apache.kafka.common.serialization.StringDeserializer;
import org.apache.kafka.common.serialization.StringSerializer;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.web.server.LocalServerPort;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/**
 * Faults around the command listener on the real broker and database: a database outage that loses
 * and dead-letters nothing, an invalid command that is dead-lettered at once, and the dead-letter
 * depth gauge.
 */
@IntegrationTest
class CommandFaultsIT {

  static final String DLT = "reservation.commands.dlt";
  static final JsonMapper json = JsonMapper.builder().build();

  static Commands commands;
  static Events events;

  @LocalServerPort int port;
  @Autowired DeadLetterDepth depth;
  @Autowired MeterRegistry registry;

  @BeforeAll
  static void connect() {
    commands = new Commands();
    events = new Events();
  }

  @AfterAll
  static void disconnect() {
    commands.close();
    events.close();
  }

  @Test
  void aTwentySecondDatabaseOutageDelaysEveryCommandAndLosesNone() throws Exception {
    // given five businesses, known to the service, and a database that goes away for 20 s
    List<UUID> businesses = new ArrayList<>();
    for (int i = 0; i < 5; i++) {
      businesses.add(tenant().create());
    }
    List<RequestReservation> requests = new ArrayList<>();
    for (int i = 0; i < 50; i++) {
      requests.add(
          book(
              businesses.get(i % 5),
              String.format("9055510%05d", i),
              "Müşteri " + i,
              nextMondayAt(10 + i / 5)));
    }
    TestDatabase database = SahaBotInfrastructure.get().database();
    ScheduledExecutorService timer = Executors.newSingleThreadScheduledExecutor();
    AtomicBoolean back = new AtomicBoolean();
    ActuatorProbe probe = new ActuatorProbe(port);
    try {
      database.refuseConnections();
      timer.schedule(
          () -> {
            database.allowConnections();
            back.set(true);
          },
          20,
          TimeUnit.SECONDS);

      // when 50 commands arrive during the outage
      commands.sendAll(requests);

      // then the service is not ready while it lasts, and says why
      await()
          .atMost(Duration.ofSeconds(15))
          .until(() -> "DOWN".equals(readiness(probe).path("status").asText()));
      // (503: what docker-compose.yml's health check reads)
      assertThat(probe.get("/actuator/health/readiness").statusCode()).isEqualTo(503);
      JsonNode down = readiness(probe).path("components").path("commands");
      assertThat(back).isFalse();
      assertThat(down.path("status").asText()).isEqualTo("DOWN");
      assertThat(down.path("details").path("error").asText()).isNotBlank();
      assertThat(down.path("details").path("since").asText()).isNotBlank();
      assertThat(requests).allSatisfy(r -> assertThat(events.answers(r.commandId())).isEmpty());

      // and once the database is back every command is decided, ready again
      await().atMost(Duration.ofSeconds(30)).untilTrue(back);
      await()
          .atMost(Duration.ofSeconds(90))
          .until(() -> requests.stream().allMatch(r -> !events.answers(r.commandId()).isEmpty()));
      await()
          .atMost(Duration.ofSeconds(30))
          .until(() -> "UP".equals(readiness(probe).path("status").asText()));
    } finally {
      timer.shutdownNow();
      if (!back.get()) {
        database.allowConnections();
      }
    }

    // with exactly one outcome each, all bookings, and none of them dead-lettered
    await()
        .during(Duration.ofSeconds(3))
        .atMost(Duration.ofSeconds(10))
        .until(() -> requests.stream().allMatch(r -> events.answers(r.commandId()).size() == 1));
    assertThat(requests)
        .allSatisfy(
            r ->
                assertThat((Object) events.answers(r.commandId()).get(0))
                    .isInstanceOf(ReservationConfirmed.class));
    List<String> deadLetters = deadLetterValues();
    assertThat(requests)
        .allSatisfy(r -> assertThat(deadLetters).noneMatch(value -> value.contains(r.commandId())));
  }

  @Test
  void anInvalidCommandIsDeadLetteredAtOnceAndCounted() throws Exception {
    // given a business and what the dead-letter topic holds now
    UUID business = tenant().create();
    depth.refresh();
    double before = gauge();
    assertThat(before).isGreaterThanOrEqualTo(0);

    // when a command that breaks its own rules (no command id) arrives, with a valid one after it
    RequestReservation valid = book(business, "905320000042", "Ayşe", nextMondayAt(21));
    String invalid =
        "{\"type\":\"RequestReservation\",\"eventId\":\""
            + UUID.randomUUID()
            + "\",\"tenantId\":\""
            + business
            + "\",\"marker\":\"invalid-"
            + UUID.randomUUID()
            + "\"}";
    long sent = System.nanoTime();
    try (var raw =
        new KafkaProducer<String, String>(
            Map.of("bootstrap.servers", SahaBotInfrastructure.get().kafkaBootstrapServers()),
            new StringSerializer(),
            new StringSerializer())) {
      raw.send(new ProducerRecord<>("reservation.commands", business.toString(), invalid)).get();
    }
    commands.send(valid);

    // then it is on the dead-letter topic without the retries of a failure that might pass (the
    // bounded back-off alone waits more than 6 s), and the valid command after it is decided
    await()
        .atMost(Duration.ofSeconds(30))
        .until(() -> deadLetterValues().stream().anyMatch(invalid::equals));
    Duration tookUntilDeadLettered = Duration.ofNanos(System.nanoTime() - sent);
    assertThat(tookUntilDeadLettered).isLessThan(Duration.ofSeconds(5));
    assertThat((Object) events.awaitAnswer(valid.commandId()))
        .isInstanceOf(ReservationConfirmed.class);
    ActuatorProbe probe = new ActuatorProbe(port);
    assertThat(readiness(probe).path("components").path("commands").path("status").asText())
        .isEqualTo("UP");

    // and the gauge counts it
    await()
        .atMost(Duration.ofSeconds(30))
        .until(
            () -> {
              depth.refresh();
              return gauge() >= before + 1;
            });
    assertThat(probe.get("/actuator/prometheus").body())
        .contains("sahabot_dlt_depth{")
        .contains("topic=\"reservation.commands.dlt\"");
  }

  private double gauge() {
    return registry.get(DeadLetterDepth.GAUGE).tag("topic", DLT).gauge().value();
  }

  private static JsonNode readiness(ActuatorProbe probe) {
    return json.readTree(probe.get("/actuator/health/readiness").body());
  }

  /** Every value on the dead-letter topic, read from its beginning to its current end. */
  private static List<String> deadLetterValues() {
    List<String> values = new ArrayList<>();
    try (var consumer =
        new KafkaConsumer<String, byte[]>(
            Map.of("bootstrap.servers", SahaBotInfrastructure.get().kafkaBootstrapServers()),
            new StringDeserializer(),
            new ByteArrayDeserializer())) {
      List<TopicPartition> partitions =
          consumer.partitionsFor(DLT).stream()
              .map(p -> new TopicPartition(DLT, p.partition()))
              .toList();
      consumer.assign(partitions);
      consumer.seekToBeginning(partitions);
      Map<TopicPartition, Long> ends = consumer.endOffsets(partitions);
      while (partitions.stream().anyMatch(p -> consumer.position(p) < ends.get(p))) {
        for (ConsumerRecord<String, byte[]> r : consumer.poll(Duration.ofMillis(200))) {
          if (r.value() != null) {
            values.add(new String(r.value(), StandardCharsets.UTF_8));
          }
        }
      }
    }
    return values;
  }
}
