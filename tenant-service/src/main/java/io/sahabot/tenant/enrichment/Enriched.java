package io.sahabot.tenant.enrichment;

import io.sahabot.schemas.whatsapp.DeliveryStatus;
import io.sahabot.schemas.whatsapp.InboundMessage;
import io.sahabot.schemas.whatsapp.RejectedInbound;

/**
 * What the enrichment of one raw change emits; {@link EnrichmentRoutes} sends each kind to its
 * topic.
 */
sealed interface Enriched {

  /** A message of a known, active tenant, seen for the first time: whatsapp.inbound.messages. */
  record Message(InboundMessage message) implements Enriched {}

  /** A delivery status, seen for the first time: whatsapp.inbound.statuses. */
  record Status(DeliveryStatus status) implements Enriched {}

  /** A change refused (inactive tenant, nothing readable): whatsapp.inbound.rejected. */
  record Rejected(RejectedInbound rejected) implements Enriched {}

  /**
   * A raw record that could not be enriched, as the bytes it was (the error in the record's
   * headers): whatsapp.inbound.raw.dlt.
   */
  record DeadLetter(byte[] value) implements Enriched {}
}
