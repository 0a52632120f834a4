package io.sahabot.agent.delivery;

import io.sahabot.platform.db.TenantScope;
import io.sahabot.schemas.whatsapp.OutboundContent;
import io.sahabot.schemas.whatsapp.OutboundMessage;
import java.time.Duration;
import java.time.OffsetDateTime;
import java.util.Optional;
import java.util.UUID;
import org.springframework.stereotype.Component;
import tools.jackson.databind.json.JsonMapper;

/**
 * The free-form messages the agent sent with a fallback template ({@code outbound_fallbacks}), so
 * that a later {@code failed} status with error 131047 about one of them sends its template, once.
 */
@Component
public class OutboundFallbacks {

  private static final Duration TIMEOUT = Duration.ofSeconds(10);
  private static final JsonMapper JSON = JsonMapper.builder().build();

  private final TenantScope tenantScope;

  public OutboundFallbacks(TenantScope tenantScope) {
    this.tenantScope = tenantScope;
  }

  /** A recorded message: what its fallback needs. */
  public record Recorded(
      String eventId,
      String causationId,
      String phoneNumberId,
      String recipient,
      OutboundContent.Template template,
      boolean fallbackSent) {}

  /** Records {@code message} (which has a fallback) before it is published. */
  public void record(OutboundMessage message) {
    if (message.fallback() == null) {
      throw new IllegalArgumentException("eventId: " + message.eventId() + " has no fallback");
    }
    String template = JSON.writerFor(OutboundContent.class).writeValueAsString(message.fallback());
    tenantScope
        .one(
            message.tenantId(),
            db ->
                db.sql(
                        "INSERT INTO outbound_fallbacks (tenant_id, event_id, causation_id,"
                            + " phone_number_id, recipient, template) VALUES (:tenant, :event,"
                            + " :causation, :pn, :recipient, CAST(:template AS jsonb))"
                            + " ON CONFLICT DO NOTHING")
                    .bind("tenant", message.tenantId())
                    .bind("event", message.eventId())
                    .bind("causation", message.causationId())
                    .bind("pn", message.phoneNumberId())
                    .bind("recipient", message.to())
                    .bind("template", template)
                    .fetch()
                    .rowsUpdated())
        .block(TIMEOUT);
  }

  /** The recorded message {@code eventId}; empty when the agent sent none with a fallback. */
  public Optional<Recorded> find(UUID tenantId, String eventId) {
    return tenantScope
        .one(
            tenantId,
            db ->
                db.sql(
                        "SELECT event_id, causation_id, phone_number_id, recipient,"
                            + " template::text AS template, fallback_sent_at"
                            + " FROM outbound_fallbacks WHERE tenant_id = :tenant"
                            + " AND event_id = :event")
                    .bind("tenant", tenantId)
                    .bind("event", eventId)
                    .map(
                        row ->
                            new Recorded(
                                row.get("event_id", String.class),
                                row.get("causation_id", String.class),
                                row.get("phone_number_id", String.class),
                                row.get("recipient", String.class),
                                (OutboundContent.Template)
                                    JSON.readValue(
                                        row.get("template", String.class), OutboundContent.class),
                                row.get("fallback_sent_at", OffsetDateTime.class) != null))
                    .one())
        .blockOptional(TIMEOUT);
  }

  /** The fallback of {@code eventId} is with the broker: a later status sends nothing. */
  public void fallbackSent(UUID tenantId, String eventId) {
    tenantScope
        .one(
            tenantId,
            db ->
                db.sql(
                        "UPDATE outbound_fallbacks SET fallback_sent_at = now()"
                            + " WHERE tenant_id = :tenant AND event_id = :event")
                    .bind("tenant", tenantId)
                    .bind("event", eventId)
                    .fetch()
                    .rowsUpdated())
        .block(TIMEOUT);
  }
}
