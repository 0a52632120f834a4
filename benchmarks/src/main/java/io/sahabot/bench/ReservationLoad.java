package io.sahabot.bench;

import io.sahabot.schemas.reservation.Actor;
import io.sahabot.schemas.reservation.CustomerRef;
import io.sahabot.schemas.reservation.RequestReservation;
import io.sahabot.schemas.reservation.ReservationCommand;
import io.sahabot.schemas.reservation.ReservationConfirmed;
import io.sahabot.schemas.reservation.ReservationEvent;
import io.sahabot.schemas.topics.Topics;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Random;
import java.util.UUID;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.TimeoutException;
import org.HdrHistogram.Histogram;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerRecord;

/**
 * Benchmark 3: reservation commands on {@code reservation.commands}, outcomes read from {@code
 * reservation.events}: a burst spread over the provisioned tenants, then one with a hot tenant
 * taking half of it. The rate is the commands over the time from the first sent to the last
 * answered.
 */
final class ReservationLoad {

  /** One burst's figures. */
  record Result(int commands, double seconds, long confirmed, Histogram latencyMillis) {
    double perSecond() {
      return commands / seconds;
    }
  }

  private final Random random = new Random(42);
  private final Map<String, Long> sentAt = new ConcurrentHashMap<>();
  private final Map<String, Long> answeredAt = new ConcurrentHashMap<>();
  private final Map<String, ReservationEvent> answers = new ConcurrentHashMap<>();
  private final Context ctx;

  ReservationLoad(Context ctx) {
    this.ctx = ctx;
    ctx.kafka.follow(
        Topics.RESERVATION_EVENTS,
        (event, at) -> {
          answeredAt.putIfAbsent(event.commandId(), at);
          answers.putIfAbsent(event.commandId(), event);
        });
  }

  /** One command per tenant, not measured: the fields' rows and the code paths warm up. */
  void warmUp() throws Exception {
    List<ReservationCommand> batch = new ArrayList<>();
    ctx.tenants.forEach(t -> batch.add(request(t.id())));
    burst(batch);
  }

  Result run(UUID hot) throws Exception {
    List<ReservationCommand> batch = new ArrayList<>();
    for (int i = 0; i < ctx.plan.commands(); i++) {
      UUID tenant =
          hot != null && i % 2 == 0
              ? hot
              : ctx.tenants.get(random.nextInt(ctx.tenants.size())).id();
      batch.add(request(tenant));
    }
    return burst(batch);
  }

  private Result burst(List<ReservationCommand> batch) throws Exception {
    long start = System.nanoTime();
    try (KafkaProducer<String, ReservationCommand> producer = ctx.kafka.producer()) {
      for (ReservationCommand c : batch) {
        sentAt.put(c.commandId(), System.nanoTime());
        producer.send(new ProducerRecord<>(Topics.RESERVATION_COMMANDS.name(), c.key(), c));
      }
    }
    long deadline = System.nanoTime() + Duration.ofMinutes(3).toNanos();
    while (!batch.stream().allMatch(c -> answeredAt.containsKey(c.commandId()))) {
      if (System.nanoTime() > deadline) {
        long missing = batch.stream().filter(c -> !answeredAt.containsKey(c.commandId())).count();
        throw new TimeoutException(missing + " commands not answered within 3 minutes");
      }
      Thread.sleep(50);
    }
    long end = batch.stream().mapToLong(c -> answeredAt.get(c.commandId())).max().orElseThrow();
    Histogram latencies = new Histogram(3);
    batch.forEach(
        c ->
            latencies.recordValue(
                Math.max(
                    0, (answeredAt.get(c.commandId()) - sentAt.get(c.commandId())) / 1_000_000)));
    long confirmed =
        batch.stream()
            .filter(c -> answers.get(c.commandId()) instanceof ReservationConfirmed)
            .count();
    return new Result(batch.size(), (end - start) / 1e9, confirmed, latencies);
  }

  private RequestReservation request(UUID tenant) {
    Instant start =
        LocalDate.now(Limits.ISTANBUL)
            .plusDays(1 + random.nextInt(14))
            .atTime(9 + random.nextInt(15), 0)
            .atZone(Limits.ISTANBUL)
            .toInstant();
    String phone = String.format(Locale.ROOT, "90555%07d", random.nextInt(200));
    String id = UUID.randomUUID().toString();
    return new RequestReservation(
        id,
        Instant.now(),
        tenant,
        "bench-" + id,
        new Actor(Actor.Role.CUSTOMER, phone),
        new CustomerRef("Müşteri " + phone.substring(8), phone, phone),
        null,
        start,
        start.plusSeconds(3600));
  }
}
