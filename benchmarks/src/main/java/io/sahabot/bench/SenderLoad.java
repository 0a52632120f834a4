package io.sahabot.bench;

import io.sahabot.schemas.topics.Topics;
import io.sahabot.schemas.whatsapp.OutboundContent;
import io.sahabot.schemas.whatsapp.OutboundMessage;
import io.sahabot.schemas.whatsapp.OutboundRecord;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Collections;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.UUID;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerRecord;

/**
 * Benchmark 6: ingress's sender against the Graph API stub, fed straight on {@code
 * whatsapp.outbound}: the pace one business number is held to (a backlog for one number, counted
 * over whole seconds once it runs), and the total across 100 numbers. The sender sends a message
 * only from a number of the message's own tenant (it asks tenant-service), so each number is a
 * tenant's: {@link #tenants} inserts them.
 */
final class SenderLoad {

  /** Arrival times of a run, sorted. */
  record Arrivals(int sent, List<Long> atNanos) {}

  private final Context ctx;
  private final Map<String, UUID> tenantOf;

  /**
   * @param tenantOf each business number's tenant ({@link #tenants})
   */
  SenderLoad(Context ctx, Map<String, UUID> tenantOf) {
    this.ctx = ctx;
    this.tenantOf = Map.copyOf(tenantOf);
  }

  /** The business number of the one-number run. */
  static final String ONE_NUMBER = "7400000000";

  /** The business numbers of the run across {@code numbers} numbers. */
  static List<String> numbers(int numbers) {
    List<String> phones = new ArrayList<>();
    for (int i = 0; i < numbers; i++) {
      phones.add(String.format(Locale.ROOT, "7400001%03d", i));
    }
    return phones;
  }

  /** A tenant row for each number (as the schema's owner), and the tenants' ids by number. */
  static Map<String, UUID> tenants(
      String jdbcUrl, String owner, String password, List<String> phones) throws Exception {
    Map<String, UUID> ids = new HashMap<>();
    try (Connection c = DriverManager.getConnection(jdbcUrl, owner, password);
        PreparedStatement insert =
            c.prepareStatement(
                "INSERT INTO tenants (whatsapp_phone_number_id, business_name) VALUES (?, ?)"
                    + " ON CONFLICT (whatsapp_phone_number_id)"
                    + " DO UPDATE SET business_name = EXCLUDED.business_name RETURNING id")) {
      for (String phone : phones) {
        insert.setString(1, phone);
        insert.setString(2, "Sender " + phone);
        try (ResultSet rs = insert.executeQuery()) {
          rs.next();
          ids.put(phone, rs.getObject(1, UUID.class));
        }
      }
    }
    return ids;
  }

  /** One number, a backlog of {@code perSecond * (window + 3 s)} messages. */
  double perNumber(String phoneNumberId, int perSecond, Duration window) throws Exception {
    int count = (int) (perSecond * (window.toSeconds() + 3));
    Arrivals a = send(List.of(phoneNumberId), count, window.plusSeconds(60));
    if (a.atNanos().size() < 2) {
      return Double.NaN;
    }
    long from = a.atNanos().get(0) + 1_000_000_000L;
    long to = from + window.toNanos();
    long inWindow = a.atNanos().stream().filter(t -> t >= from && t < to).count();
    return inWindow / (window.toNanos() / 1e9);
  }

  /** The rate between the 10th and the 90th percentile of arrivals, across the numbers. */
  double acrossNumbers(int numbers, int perNumber) throws Exception {
    List<String> phones = numbers(numbers);
    Arrivals a = send(phones, numbers * perNumber, Duration.ofMinutes(2));
    List<Long> at = a.atNanos();
    if (at.size() < 10) {
      return Double.NaN;
    }
    int lo = at.size() / 10;
    int hi = at.size() * 9 / 10;
    return (hi - lo) / ((at.get(hi) - at.get(lo)) / 1e9);
  }

  private Arrivals send(List<String> phones, int count, Duration timeout) throws Exception {
    List<Long> arrivals = Collections.synchronizedList(new ArrayList<>());
    try (AutoCloseable listening =
            ctx.graph.listen(
                call -> {
                  if (phones.contains(call.phoneNumberId())) {
                    arrivals.add(call.atNanos());
                  }
                });
        KafkaProducer<String, OutboundRecord> producer = ctx.kafka.producer()) {
      for (int i = 0; i < count; i++) {
        String phone = phones.get(i % phones.size());
        OutboundMessage m =
            new OutboundMessage(
                UUID.randomUUID().toString(),
                Instant.now(),
                tenantOf.get(phone),
                "bench-sender",
                phone,
                String.format(Locale.ROOT, "90559%07d", i),
                null,
                new OutboundContent.Text("Sender benchmark"));
        producer.send(new ProducerRecord<>(Topics.WHATSAPP_OUTBOUND.name(), m.key(), m));
      }
      producer.flush();
      long deadline = System.nanoTime() + timeout.toNanos();
      while (arrivals.size() < count && System.nanoTime() < deadline) {
        Thread.sleep(100);
      }
      List<Long> sorted;
      synchronized (arrivals) {
        sorted = new ArrayList<>(arrivals);
      }
      Collections.sort(sorted);
      return new Arrivals(count, sorted);
    }
  }
}
