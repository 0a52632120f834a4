package io.sahabot.ingress.webhook;

import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.Timer;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

/**
 * Webhook metrics, on {@code /actuator/prometheus} as {@code
 * sahabot_ingress_webhooks_received_total}, {@code sahabot_ingress_records_published_total}, {@code
 * sahabot_ingress_webhooks_rejected_total{reason}}, {@code sahabot_ingress_changes_skipped_total},
 * {@code sahabot_ingress_changes_rejected_total{reason}} (changes sent to {@code
 * whatsapp.inbound.rejected}: {@code unreadable}, {@code too_large}) and {@code
 * sahabot_ingress_webhook_latency_seconds} (with p50, p95, p99 and a histogram, tagged by {@code
 * outcome}).
 */
public class WebhookMetrics {

  private final MeterRegistry registry;
  private final Counter received;
  private final Counter published;
  private final Counter skipped;
  private final Map<String, Counter> rejected = new ConcurrentHashMap<>();
  private final Map<String, Counter> changesRejected = new ConcurrentHashMap<>();
  private final Map<String, Timer> latency = new ConcurrentHashMap<>();

  public WebhookMetrics(MeterRegistry registry) {
    this.registry = registry;
    this.received =
        Counter.builder("sahabot.ingress.webhooks.received")
            .description("webhook POSTs received")
            .register(registry);
    this.published =
        Counter.builder("sahabot.ingress.records.published")
            .description("records acknowledged by Kafka on whatsapp.inbound.raw")
            .register(registry);
    this.skipped =
        Counter.builder("sahabot.ingress.changes.skipped")
            .description("changes without a phone_number_id (account-level), not published")
            .register(registry);
    for (String reason :
        new String[] {
          "signature", "malformed", "not_whatsapp", "too_large", "incomplete", "unavailable"
        }) {
      rejectedCounter(reason);
    }
    changeRejected("unreadable", 0);
    changeRejected("too_large", 0);
    timer("accepted");
  }

  /** A change of an accepted POST sent to whatsapp.inbound.rejected. */
  public void changeRejected(String reason) {
    changeRejected(reason, 1);
  }

  private void changeRejected(String reason, int count) {
    changesRejected
        .computeIfAbsent(
            reason,
            r ->
                Counter.builder("sahabot.ingress.changes.rejected")
                    .description("changes of accepted POSTs sent to whatsapp.inbound.rejected")
                    .tag("reason", r)
                    .register(registry))
        .increment(count);
  }

  public void received() {
    received.increment();
  }

  public void published(int records) {
    published.increment(records);
  }

  public void skipped(int changes) {
    skipped.increment(changes);
  }

  public void rejected(String reason) {
    rejectedCounter(reason).increment();
  }

  public void latency(String outcome, long nanos) {
    timer(outcome).record(nanos, java.util.concurrent.TimeUnit.NANOSECONDS);
  }

  private Counter rejectedCounter(String reason) {
    return rejected.computeIfAbsent(
        reason,
        r ->
            Counter.builder("sahabot.ingress.webhooks.rejected")
                .description("webhook POSTs refused (nothing published), by reason")
                .tag("reason", r)
                .register(registry));
  }

  private Timer timer(String outcome) {
    return latency.computeIfAbsent(
        outcome,
        o ->
            Timer.builder("sahabot.ingress.webhook.latency")
                .description("time from receiving a webhook POST to answering it")
                .tag("outcome", o)
                .publishPercentiles(0.5, 0.95, 0.99)
                .register(registry));
  }
}
