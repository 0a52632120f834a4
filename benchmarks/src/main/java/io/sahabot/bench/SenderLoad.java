package io.sahabot.bench;

import io.sahabot.schemas.topics.Topics;
import io.sahabot.schemas.whatsapp.OutboundContent;
import io.sahabot.schemas.whatsapp.OutboundMessage;
import io.sahabot.schemas.whatsapp.OutboundRecord;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Locale;
import java.util.UUID;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerRecord;

/**
 * Benchmark 6: ingress's sender against the Graph API stub, fed straight on {@code
 * whatsapp.outbound}: the pace one business number is held to (a backlog for one number, counted
 * over whole seconds once it runs), and the total across 100 numbers.
 */
final class SenderLoad {

  /** Arrival times of a run, sorted. */
  record Arrivals(int sent, List<Long> atNanos) {}

  private final Context ctx;

  SenderLoad(Context ctx) {
    this.ctx = ctx;
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
    List<String> phones = new ArrayList<>();
    for (int i = 0; i < numbers; i++) {
      phones.add(String.format(Locale.ROOT, "7400001%03d", i));
    }
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
    UUID tenant = UUID.randomUUID();
    try (AutoCloseable listening =
            ctx.graph.listen(
                call -> {
                  if (phones.contains(call.phoneNumberId())) {
                    arrivals.add(call.atNanos());
                  }
                });
        KafkaProducer<String, OutboundRecord> producer = ctx.kafka.producer()) {
      for (int i = 0; i < count; i++) {
        OutboundMessage m =
            new OutboundMessage(
                UUID.randomUUID().toString(),
                Instant.now(),
                tenant,
                "bench-sender",
                phones.get(i % phones.size()),
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
