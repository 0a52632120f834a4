package io.sahabot.ingress.sender;

import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.MeterRegistry;

/**
 * Sender metrics: {@code sahabot_ingress_sender_sent_total}, {@code
 * sahabot_ingress_sender_retries_total{code}}, {@code sahabot_ingress_sender_failed_total{code}}
 * {@code sahabot_ingress_sender_broken_token_total{tenant_id,phone_number_id}} (a tenant's access
 * token refused with 190: alert on it) and {@code sahabot_ingress_sender_refused_total{reason}}
 * (not sent by our own rule: {@code number-not-of-tenant}, a message from a business number that is
 * not its tenant's; alert on it, nothing legitimate produces one) and {@code
 * sahabot_ingress_sender_fallbacks_total} (fallback templates sent for messages refused outside the
 * 24-hour window, 131047) and {@code sahabot_ingress_sender_duplicates_skipped_total} (redelivered
 * messages not sent again: the send ledger had them sent), {@code
 * sahabot_ingress_statuses_total{status,advanced}} (delivery statuses read, and whether each moved
 * its message's latest status forward) and {@code sahabot_ingress_statuses_failed_total{code}}
 * ({@code failed} statuses put through the error policy).
 */
public class SenderMetrics {

  private final MeterRegistry registry;

  public SenderMetrics(MeterRegistry registry) {
    this.registry = registry;
    Counter.builder("sahabot.ingress.sender.sent").register(registry);
    Counter.builder("sahabot.ingress.sender.fallbacks").register(registry);
    Counter.builder("sahabot.ingress.sender.duplicates.skipped").register(registry);
    Counter.builder("sahabot.ingress.sender.refused")
        .tag("reason", NumberNotOfTenant.REASON)
        .register(registry);
  }

  public void refused(String reason) {
    registry.counter("sahabot.ingress.sender.refused", "reason", reason).increment();
  }

  public void sent() {
    registry.counter("sahabot.ingress.sender.sent").increment();
  }

  public void duplicateSkipped() {
    registry.counter("sahabot.ingress.sender.duplicates.skipped").increment();
  }

  public void fallbackSent() {
    registry.counter("sahabot.ingress.sender.fallbacks").increment();
  }

  public void retried(int code) {
    registry.counter("sahabot.ingress.sender.retries", "code", Integer.toString(code)).increment();
  }

  public void failed(int code) {
    registry.counter("sahabot.ingress.sender.failed", "code", Integer.toString(code)).increment();
  }

  /** A delivery status read: counted by status and by whether it moved its message forward. */
  public void status(io.sahabot.schemas.whatsapp.DeliveryStatus.Status status, boolean advanced) {
    registry
        .counter(
            "sahabot.ingress.statuses",
            "status",
            status.name().toLowerCase(java.util.Locale.ROOT),
            "advanced",
            Boolean.toString(advanced))
        .increment();
  }

  /** A {@code failed} status that went through the error policy, by its error code. */
  public void statusFailed(int code) {
    registry.counter("sahabot.ingress.statuses.failed", "code", Integer.toString(code)).increment();
  }

  /** The failed statuses of a code so far (for tests). */
  public double statusFailedCount(int code) {
    Counter counter =
        registry
            .find("sahabot.ingress.statuses.failed")
            .tags("code", Integer.toString(code))
            .counter();
    return counter == null ? 0 : counter.count();
  }

  public void brokenToken(String tenantId, String phoneNumberId) {
    registry
        .counter(
            "sahabot.ingress.sender.broken.token",
            "tenant_id",
            tenantId,
            "phone_number_id",
            phoneNumberId)
        .increment();
  }

  /** The broken-token count of a tenant's number (for tests and the operator's console). */
  public double brokenTokenCount(String tenantId, String phoneNumberId) {
    Counter counter =
        registry
            .find("sahabot.ingress.sender.broken.token")
            .tags("tenant_id", tenantId, "phone_number_id", phoneNumberId)
            .counter();
    return counter == null ? 0 : counter.count();
  }
}
