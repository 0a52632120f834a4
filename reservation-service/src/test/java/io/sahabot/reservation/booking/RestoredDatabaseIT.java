package io.sahabot.reservation.booking;

import static io.sahabot.reservation.fixtures.Commands.book;
import static io.sahabot.reservation.fixtures.Commands.nextMondayAt;
import static io.sahabot.reservation.fixtures.TenantFixtures.tenant;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import io.micrometer.core.instrument.MeterRegistry;
import io.sahabot.reservation.fixtures.Commands;
import io.sahabot.reservation.fixtures.Events;
import io.sahabot.schemas.reservation.RejectionReason;
import io.sahabot.schemas.reservation.RequestReservation;
import io.sahabot.schemas.reservation.ReservationConfirmed;
import io.sahabot.schemas.reservation.ReservationRejected;
import io.sahabot.schemas.reservation.ReservationView;
import io.sahabot.testsupport.IntegrationTest;
import io.sahabot.testsupport.SahaBotInfrastructure;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.Timestamp;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.OffsetSpec;
import org.apache.kafka.clients.consumer.OffsetAndMetadata;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.clients.producer.RecordMetadata;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.serialization.StringSerializer;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.kafka.config.KafkaListenerEndpointRegistry;

/**
 * The database restored from an older backup while the service runs and Kafka keeps its data: the
 * command listener sees that the database is behind {@code reservation.commands} before it decides
 * the next command, and puts back what the database lost first, so a slot a customer was told is
 * theirs is not sold again. Normal operation (a refused command, a dead letter, a restart of the
 * listener, a rebalance) is not taken for a restore.
 */
@IntegrationTest
class RestoredDatabaseIT {

  static final String TOPIC = "reservation.commands";

  static Commands commands;
  static Events events;

  @Autowired MeterRegistry meters;
  @Autowired KafkaListenerEndpointRegistry listeners;

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
  void aSlotTheRestoredDatabaseLostIsNotSoldAgain() throws Exception {
    // given a business with a booking decided before the backup is taken
    UUID business = tenant().create();
    RequestReservation early = book(business, "905320001001", "Zeynep", nextMondayAt(10));
    commands.send(early);
    assertThat((Object) events.awaitAnswer(early.commandId()))
        .isInstanceOf(ReservationConfirmed.class);
    List<Row> backup = awaitWatermarks();

    // and Ahmet's booking of 18:00, told to him after the backup
    RequestReservation ahmet = book(business, "905454031918", "Ahmet", nextMondayAt(18));
    commands.send(ahmet);
    ReservationView ahmets =
        events.<ReservationConfirmed>awaitAnswer(ahmet.commandId()).reservation();
    // and a business provisioned after the backup, with a booking
    UUID newcomer = tenant().create();
    RequestReservation first = book(newcomer, "905320003003", "Can", nextMondayAt(18));
    commands.send(first);
    assertThat((Object) events.awaitAnswer(first.commandId()))
        .isInstanceOf(ReservationConfirmed.class);
    double detectedBefore = counted("sahabot.reservation.restore.partitions.behind");

    // when the database is restored from the backup: Ahmet's booking, the newcomer's row (which
    // tenant-service puts back only when it starts) and the watermarks with them
    restore(backup, business, ahmet.commandId());
    deleteTenant(newcomer);
    try {
      restoredAndAskedAgain(business, ahmets, detectedBefore);
    } finally {
      // the newcomer's partition is left behind by the restore, and nothing of it is asked again
      // here: its rows as Kafka has them, for the tests that follow
      settleWatermarks();
    }
  }

  private void restoredAndAskedAgain(UUID business, ReservationView ahmets, double detectedBefore)
      throws Exception {
    assertThat(statuses(business)).doesNotContainKey(ahmets.id());

    // and Fatma asks for the same hour
    RequestReservation fatma = book(business, "905441234567", "Fatma", nextMondayAt(18));
    commands.send(fatma);

    // then she is refused: Ahmet's reservation was put back first, with the id he was told (the
    // newcomer, which nothing can be put back into, holds no one up)
    assertThat((Object) events.awaitAnswer(fatma.commandId()))
        .isInstanceOfSatisfying(
            ReservationRejected.class,
            refused -> assertThat(refused.reason()).isEqualTo(RejectionReason.OVERLAP));
    assertThat(statuses(business)).containsEntry(ahmets.id(), "active");
    assertThat(counted("sahabot.reservation.restore.partitions.behind"))
        .isGreaterThan(detectedBefore);
    await()
        .atMost(Duration.ofSeconds(10))
        .until(() -> gauge("sahabot.reservation.restore.waiting") == 0);

    // and commands are decided as before
    RequestReservation later = book(business, "905441234567", "Fatma", nextMondayAt(19));
    commands.send(later);
    assertThat((Object) events.awaitAnswer(later.commandId()))
        .isInstanceOf(ReservationConfirmed.class);
  }

  @Test
  void refusalsDeadLettersAndRestartsAreNotTakenForARestore() throws Exception {
    // given a business, its booking, a refused command and a dead letter last on its partition
    UUID business = tenant().create();
    double detectedBefore = counted("sahabot.reservation.restore.partitions.behind");
    double runsBefore = counted("sahabot.reservation.restore.reconciles");
    RequestReservation booked = book(business, "905320002002", "Elif", nextMondayAt(11));
    RequestReservation past =
        book(business, "905320002002", "Elif", Instant.now().minus(Duration.ofDays(2)));
    commands.sendAll(List.of(booked, past));
    assertThat((Object) events.awaitAnswer(booked.commandId()))
        .isInstanceOf(ReservationConfirmed.class);
    assertThat((Object) events.awaitAnswer(past.commandId()))
        .isInstanceOf(ReservationRejected.class);
    RecordMetadata unreadable = sendRaw(business, "{\"type\":\"NoSuchCommand\"}");
    await()
        .atMost(Duration.ofSeconds(30))
        .until(() -> committed(unreadable.partition()) > unreadable.offset());

    // when the listener is stopped and started again (its partitions assigned anew)
    var container = listeners.getListenerContainer("reservation-commands");
    container.stop();
    container.start();

    // then the next command is decided at once, and nothing was taken for a restore
    RequestReservation next = book(business, "905320002002", "Elif", nextMondayAt(12));
    commands.send(next);
    assertThat((Object) events.awaitAnswer(next.commandId()))
        .isInstanceOf(ReservationConfirmed.class);
    assertThat(counted("sahabot.reservation.restore.partitions.behind")).isEqualTo(detectedBefore);
    assertThat(counted("sahabot.reservation.restore.reconciles")).isEqualTo(runsBefore);
  }

  /** Each partition's watermark moved up to the consumer group's committed offset. */
  static void settleWatermarks() throws Exception {
    Map<TopicPartition, OffsetAndMetadata> committed;
    try (Admin admin =
        Admin.create(
            Map.<String, Object>of(
                "bootstrap.servers", SahaBotInfrastructure.get().kafkaBootstrapServers()))) {
      committed =
          admin
              .listConsumerGroupOffsets("reservation-commands")
              .partitionsToOffsetAndMetadata()
              .get();
    }
    try (Connection c = SahaBotInfrastructure.get().database().connectAsOwner()) {
      for (var e : committed.entrySet()) {
        if (e.getValue() == null || !TOPIC.equals(e.getKey().topic())) {
          continue;
        }
        try (PreparedStatement s =
            c.prepareStatement(
                "INSERT INTO command_watermarks (topic, kafka_partition, next_offset)"
                    + " VALUES (?, ?, ?) ON CONFLICT (topic, kafka_partition) DO UPDATE"
                    + " SET next_offset = GREATEST(command_watermarks.next_offset,"
                    + " EXCLUDED.next_offset)")) {
          s.setString(1, TOPIC);
          s.setInt(2, e.getKey().partition());
          s.setLong(3, e.getValue().offset());
          s.executeUpdate();
        }
      }
    }
  }

  /** The consumer group's committed offset of {@code partition}, -1 without one. */
  static long committed(int partition) throws Exception {
    try (Admin admin =
        Admin.create(
            Map.<String, Object>of(
                "bootstrap.servers", SahaBotInfrastructure.get().kafkaBootstrapServers()))) {
      var offset =
          admin
              .listConsumerGroupOffsets("reservation-commands")
              .partitionsToOffsetAndMetadata()
              .get()
              .get(new TopicPartition(TOPIC, partition));
      return offset == null ? -1 : offset.offset();
    }
  }

  // ---- helpers ----

  record Row(int partition, long nextOffset, Instant updatedAt) {}

  /** The watermarks once every record sent so far is handled: what a backup taken now holds. */
  static List<Row> awaitWatermarks() throws Exception {
    Map<Integer, Long> ends = new HashMap<>();
    try (Admin admin =
        Admin.create(
            Map.<String, Object>of(
                "bootstrap.servers", SahaBotInfrastructure.get().kafkaBootstrapServers()))) {
      Map<TopicPartition, OffsetSpec> query = new HashMap<>();
      admin
          .describeTopics(List.of(TOPIC))
          .allTopicNames()
          .get()
          .get(TOPIC)
          .partitions()
          .forEach(p -> query.put(new TopicPartition(TOPIC, p.partition()), OffsetSpec.latest()));
      admin
          .listOffsets(query)
          .all()
          .get()
          .forEach((p, info) -> ends.put(p.partition(), info.offset()));
    }
    await()
        .atMost(Duration.ofSeconds(30))
        .until(
            () -> {
              Map<Integer, Long> rows = new HashMap<>();
              watermarks().forEach(r -> rows.put(r.partition(), r.nextOffset()));
              return ends.entrySet().stream()
                  .allMatch(
                      e -> e.getValue() == 0 || rows.getOrDefault(e.getKey(), -1L) >= e.getValue());
            });
    return watermarks();
  }

  static List<Row> watermarks() throws Exception {
    List<Row> rows = new ArrayList<>();
    try (Connection c = SahaBotInfrastructure.get().database().connectAsOwner();
        PreparedStatement s =
            c.prepareStatement(
                "SELECT kafka_partition, next_offset, updated_at FROM command_watermarks"
                    + " WHERE topic = ?")) {
      s.setString(1, TOPIC);
      try (ResultSet rs = s.executeQuery()) {
        while (rs.next()) {
          rows.add(new Row(rs.getInt(1), rs.getLong(2), rs.getTimestamp(3).toInstant()));
        }
      }
    }
    return rows;
  }

  /**
   * What restoring the backup does to this business: the booking decided since is gone, and the
   * watermarks are the backup's.
   */
  static void restore(List<Row> backup, UUID business, String lostCommand) throws Exception {
    try (Connection c = SahaBotInfrastructure.get().database().connectAsOwner()) {
      c.setAutoCommit(false);
      try (PreparedStatement s =
          c.prepareStatement(
              "DELETE FROM reservation_reminders WHERE reservation_id IN"
                  + " (SELECT id FROM reservations WHERE tenant_id = ? AND command_id = ?)")) {
        s.setObject(1, business);
        s.setString(2, lostCommand);
        s.executeUpdate();
      }
      for (String table : List.of("reservations", "reservation_outcomes")) {
        try (PreparedStatement s =
            c.prepareStatement(
                "DELETE FROM " + table + " WHERE tenant_id = ? AND command_id = ?")) {
          s.setObject(1, business);
          s.setString(2, lostCommand);
          assertThat(s.executeUpdate()).as(table).isEqualTo(1);
        }
      }
      try (PreparedStatement s =
          c.prepareStatement("DELETE FROM command_watermarks WHERE topic = ?")) {
        s.setString(1, TOPIC);
        s.executeUpdate();
      }
      for (Row row : backup) {
        try (PreparedStatement s =
            c.prepareStatement(
                "INSERT INTO command_watermarks (topic, kafka_partition, next_offset, updated_at)"
                    + " VALUES (?, ?, ?, ?)")) {
          s.setString(1, TOPIC);
          s.setInt(2, row.partition());
          s.setLong(3, row.nextOffset());
          s.setTimestamp(4, Timestamp.from(row.updatedAt()));
          s.executeUpdate();
        }
      }
      c.commit();
    }
  }

  static void deleteTenant(UUID tenant) throws Exception {
    try (Connection c = SahaBotInfrastructure.get().database().connectAsOwner();
        PreparedStatement s = c.prepareStatement("DELETE FROM tenants WHERE id = ?")) {
      s.setObject(1, tenant);
      assertThat(s.executeUpdate()).isEqualTo(1);
    }
  }

  static RecordMetadata sendRaw(UUID business, String value) throws Exception {
    try (var raw =
        new KafkaProducer<String, String>(
            Map.of("bootstrap.servers", SahaBotInfrastructure.get().kafkaBootstrapServers()),
            new StringSerializer(),
            new StringSerializer())) {
      return raw.send(new ProducerRecord<>(TOPIC, business.toString(), value)).get();
    }
  }

  static Map<Long, String> statuses(UUID tenant) throws Exception {
    return ReconcileIT.statuses(tenant);
  }

  double counted(String name) {
    return meters.find(name).counters().stream().mapToDouble(c -> c.count()).sum();
  }

  double gauge(String name) {
    var gauge = meters.find(name).gauge();
    return gauge == null ? 0 : gauge.value();
  }
}
