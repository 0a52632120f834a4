package io.sahabot.schemas.topics;

import io.sahabot.schemas.reservation.ReservationCommand;
import io.sahabot.schemas.reservation.ReservationEvent;
import io.sahabot.schemas.tenant.TenantChangelogRecord;
import io.sahabot.schemas.whatsapp.DeliveryStatusRecord;
import io.sahabot.schemas.whatsapp.InboundMessageRecord;
import io.sahabot.schemas.whatsapp.InboundRawRecord;
import io.sahabot.schemas.whatsapp.OutboundRecord;
import io.sahabot.schemas.whatsapp.RejectedInboundRecord;
import java.time.Duration;
import java.util.List;

/**
 * Every topic of SahaBot, declared once (DESIGN.md, "Topics"). Each topic {@code t} also has a
 * dead-letter topic {@link Topic#deadLetter()} with the same key.
 */
public final class Topics {

  private static final Duration SEVEN_DAYS = Duration.ofDays(7);

  /**
   * The largest record of the topics that carry a webhook change verbatim (the raw and rejected
   * topics, and their dead-letter topics): 4 MiB, above ingress's webhook body limit (3 MB) with
   * room for the record's envelope, so any change of an accepted webhook fits. ingress's producer
   * ({@code max.request.size}) and tenant-service's Kafka Streams producer use the same figure, and
   * ingress refuses to start with a body limit it does not cover.
   */
  public static final int WEBHOOK_RECORD_MAX_BYTES = 4 * 1024 * 1024;

  /** One webhook change verbatim. ingress → tenant. */
  public static final Topic<InboundRawRecord> WHATSAPP_INBOUND_RAW =
      new Topic<>(
          "whatsapp.inbound.raw",
          "{phoneNumberId}",
          InboundRawRecord.class,
          12,
          SEVEN_DAYS,
          false,
          WEBHOOK_RECORD_MAX_BYTES);

  /** A customer's message with its tenant. tenant → agent. */
  public static final Topic<InboundMessageRecord> WHATSAPP_INBOUND_MESSAGES =
      new Topic<>(
          "whatsapp.inbound.messages",
          "{tenantId}:{userId}",
          InboundMessageRecord.class,
          12,
          SEVEN_DAYS,
          false);

  /** Delivery statuses of sent messages. tenant → (no consumer yet). */
  public static final Topic<DeliveryStatusRecord> WHATSAPP_INBOUND_STATUSES =
      new Topic<>(
          "whatsapp.inbound.statuses",
          "{tenantId}:{userId}",
          DeliveryStatusRecord.class,
          12,
          SEVEN_DAYS,
          false);

  /**
   * Changes not passed on: unreadable or too large (ingress), inactive tenant or nothing readable
   * (tenant). ingress, tenant → operators.
   */
  public static final Topic<RejectedInboundRecord> WHATSAPP_INBOUND_REJECTED =
      new Topic<>(
          "whatsapp.inbound.rejected",
          "{phoneNumberId}",
          RejectedInboundRecord.class,
          3,
          SEVEN_DAYS,
          false,
          WEBHOOK_RECORD_MAX_BYTES);

  /**
   * The latest state of every tenant; compacted with infinite retention ({@code retention} null).
   * tenant → tenant, agent, reservation.
   */
  public static final Topic<TenantChangelogRecord> TENANT_CHANGELOG =
      new Topic<>("tenant.changelog", "{tenantId}", TenantChangelogRecord.class, 6, null, true);

  /**
   * Commands to reservation-service. agent (chat: customers, owners), tenant (the tenant API: the
   * business, {@code Actor.Role.BUSINESS}) → reservation.
   */
  public static final Topic<ReservationCommand> RESERVATION_COMMANDS =
      new Topic<>(
          "reservation.commands", "{tenantId}", ReservationCommand.class, 12, SEVEN_DAYS, false);

  /** The outcome of every command. reservation → agent. */
  public static final Topic<ReservationEvent> RESERVATION_EVENTS =
      new Topic<>(
          "reservation.events", "{tenantId}", ReservationEvent.class, 12, SEVEN_DAYS, false);

  /** Messages to send. agent → ingress. */
  public static final Topic<OutboundRecord> WHATSAPP_OUTBOUND =
      new Topic<>(
          "whatsapp.outbound", "{tenantId}:{userId}", OutboundRecord.class, 12, SEVEN_DAYS, false);

  private static final List<Topic<?>> ALL =
      List.of(
          WHATSAPP_INBOUND_RAW,
          WHATSAPP_INBOUND_MESSAGES,
          WHATSAPP_INBOUND_STATUSES,
          WHATSAPP_INBOUND_REJECTED,
          TENANT_CHANGELOG,
          RESERVATION_COMMANDS,
          RESERVATION_EVENTS,
          WHATSAPP_OUTBOUND);

  private Topics() {}

  /** Every topic, in pipeline order (dead-letter topics not included). */
  public static List<Topic<?>> all() {
    return ALL;
  }
}
