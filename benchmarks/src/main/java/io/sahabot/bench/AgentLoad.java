package io.sahabot.bench;

import io.sahabot.schemas.topics.Topics;
import io.sahabot.schemas.whatsapp.InboundMessage;
import io.sahabot.schemas.whatsapp.InboundMessageRecord;
import io.sahabot.schemas.whatsapp.OutboundContent;
import io.sahabot.schemas.whatsapp.OutboundMessage;
import java.time.Duration;
import java.time.Instant;
import java.util.Locale;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicLong;
import org.HdrHistogram.ConcurrentHistogram;
import org.HdrHistogram.Histogram;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerRecord;

/**
 * Benchmark 5: agent-service with a model that takes a fixed time per call, fed on {@code
 * whatsapp.inbound.messages} and read on {@code whatsapp.outbound}: N conversations, each sending
 * its next message when the previous one is answered, so N are in flight; the bound is N per model
 * latency.
 */
final class AgentLoad implements AutoCloseable {

  /** One level's figures. */
  record Result(int conversations, long replies, double seconds, Histogram latencyMicros) {
    double perSecond() {
      return replies / seconds;
    }

    double percentileMs(double p) {
      return Report.percentileMs(latencyMicros, p);
    }
  }

  /** A message waiting for its answer. */
  private record Pending(int conversation, long sentAt) {}

  private final Context ctx;
  private final KafkaProducer<String, InboundMessageRecord> producer;
  private final Map<String, Pending> pending = new ConcurrentHashMap<>();
  private volatile Level level;

  private final class Level {
    final int index;
    final int conversations;
    final long windowStart;
    final long windowEnd;
    final AtomicLong replies = new AtomicLong();
    final Histogram latencies = new ConcurrentHistogram(3);

    Level(int index, int conversations, long windowStart, long windowEnd) {
      this.index = index;
      this.conversations = conversations;
      this.windowStart = windowStart;
      this.windowEnd = windowEnd;
    }
  }

  AgentLoad(Context ctx) {
    this.ctx = ctx;
    this.producer = ctx.kafka.producer();
    ctx.kafka.follow(
        Topics.WHATSAPP_OUTBOUND,
        (record, at) -> {
          // the read receipt goes out before the turn: the answer is the first reply
          if (record instanceof OutboundMessage m
              && !(m.content() instanceof OutboundContent.MarkRead)) {
            answered(m.causationId(), at);
          }
        });
  }

  private void answered(String wamid, long at) {
    Pending p = pending.remove(wamid);
    Level l = level;
    if (p == null || l == null) {
      return;
    }
    if (at >= l.windowStart && at <= l.windowEnd) {
      l.replies.incrementAndGet();
      l.latencies.recordValue(Math.max(0, (at - p.sentAt()) / 1000));
    }
    if (at < l.windowEnd) {
      send(l, p.conversation());
    }
  }

  /**
   * One message, answered: the restarted service has its partitions and its tenants. False when no
   * answer came in time.
   */
  boolean awaitReady(Duration timeout) throws InterruptedException {
    Level probe = new Level(9, 1, Long.MAX_VALUE, Long.MIN_VALUE);
    level = probe;
    send(probe, 0);
    producer.flush();
    long deadline = System.nanoTime() + timeout.toNanos();
    while (!pending.isEmpty() && System.nanoTime() < deadline) {
      Thread.sleep(100);
    }
    boolean ready = pending.isEmpty();
    pending.clear();
    return ready;
  }

  Result run(int index, int conversations, Duration warmup, Duration window) throws Exception {
    long start = System.nanoTime();
    Level l =
        new Level(
            index,
            conversations,
            start + warmup.toNanos(),
            start + warmup.toNanos() + window.toNanos());
    level = l;
    for (int c = 0; c < conversations; c++) {
      send(l, c);
    }
    producer.flush();
    while (System.nanoTime() < l.windowEnd) {
      Thread.sleep(100);
    }
    long drain = System.nanoTime() + Duration.ofSeconds(30).toNanos();
    while (!pending.isEmpty() && System.nanoTime() < drain) {
      Thread.sleep(100);
    }
    pending.clear();
    return new Result(conversations, l.replies.get(), window.toNanos() / 1e9, l.latencies);
  }

  private void send(Level l, int conversation) {
    Context.Tenant tenant = ctx.tenants.get(conversation % ctx.plan.businesses());
    String user = String.format(Locale.ROOT, "9058%d%07d", l.index, conversation);
    String wamid = "wamid.BENCH.AGENT." + UUID.randomUUID();
    InboundMessage m =
        InboundMessage.text(
            UUID.randomUUID().toString(),
            Instant.now(),
            tenant.id(),
            "bench-agent",
            tenant.phoneNumberId(),
            user,
            wamid,
            "merhaba");
    pending.put(wamid, new Pending(conversation, System.nanoTime()));
    producer.send(new ProducerRecord<>(Topics.WHATSAPP_INBOUND_MESSAGES.name(), m.key(), m));
  }

  @Override
  public void close() {
    producer.close(Duration.ofSeconds(5));
  }
}
