package io.sahabot.ingress.sender;

import io.sahabot.ingress.sender.domain.ErrorPolicy;
import io.sahabot.ingress.sender.domain.GraphError;
import io.sahabot.schemas.whatsapp.DeliveryStatus;
import io.sahabot.schemas.whatsapp.DeliveryStatusRecord;
import io.sahabot.schemas.whatsapp.ErrorDetail;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.slf4j.MDC;
import org.springframework.kafka.annotation.KafkaListener;

/**
 * Consumes {@code whatsapp.inbound.statuses} (group {@value #GROUP}; the tests give each
 * application context its own, {@code sahabot.ingress.statuses.group-id}): each status becomes its
 * message's latest status ({@link DeliveryStatuses}: in any arrival order, never backwards), and a
 * {@code failed} one that did move its message forward goes through the same error policy as a
 * Graph API error answered to a send ({@link ErrorPolicy}, {@link ErrorConsequences}): 190 counts
 * the tenant's broken token and drops the cached token, 368 stops sends from the number; every
 * failure is counted in {@code sahabot_ingress_statuses_failed_total{code}}. Nothing is re-sent
 * from a status: the sender keeps no content, and a 131047 gets its fallback template from
 * agent-service, which keeps the template ({@code outbound_fallbacks}).
 */
public class StatusListener {

  public static final String GROUP = "ingress-statuses";

  private static final Logger log = LoggerFactory.getLogger(StatusListener.class);

  private final DeliveryStatuses statuses;
  private final ErrorConsequences consequences;
  private final SenderMetrics metrics;

  public StatusListener(
      DeliveryStatuses statuses, ErrorConsequences consequences, SenderMetrics metrics) {
    this.statuses = statuses;
    this.consequences = consequences;
    this.metrics = metrics;
  }

  @KafkaListener(
      id = GROUP,
      topics = "whatsapp.inbound.statuses",
      groupId = "${sahabot.ingress.statuses.group-id:ingress-statuses}",
      containerFactory = "statusesContainerFactory")
  public void on(DeliveryStatusRecord record) {
    if (record instanceof DeliveryStatus status) {
      apply(status);
    }
  }

  /** Records {@code status} and, when it is a new {@code failed}, applies the policy. */
  public void apply(DeliveryStatus status) {
    MDC.put("tenantId", status.tenantId().toString());
    try {
      boolean advanced = statuses.record(status);
      metrics.status(status.status(), advanced);
      if (!advanced || status.status() != DeliveryStatus.Status.FAILED) {
        return;
      }
      ErrorDetail detail =
          status.errors().isEmpty()
              ? new ErrorDetail(0, null, "failed without an error", null)
              : status.errors().get(0);
      GraphError error =
          new GraphError(
              0,
              detail.code(),
              0,
              detail.message() != null
                  ? detail.message()
                  : detail.title() != null ? detail.title() : "failed");
      ErrorPolicy.Decision decision =
          consequences.apply(error, status.tenantId(), status.phoneNumberId(), "status");
      metrics.statusFailed(error.code());
      log.info(
          "Message {} (event {}) failed after it was sent: {} ({})",
          status.wamid(),
          status.callbackData(),
          error.code(),
          decision);
    } finally {
      MDC.remove("tenantId");
    }
  }
}
