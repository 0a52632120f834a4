package io.sahabot.tenant.enrichment.domain;

import io.sahabot.schemas.whatsapp.DeliveryStatus;
import io.sahabot.schemas.whatsapp.InboundMessage;
import java.util.List;

/**
 * What one webhook change holds once read.
 *
 * @param messages the customers' messages, in the change's order
 * @param statuses the statuses of our messages, in the change's order
 * @param errors value-level problems: an element that could not be read (the others still are), or
 *     errors WhatsApp reported for the whole change
 * @param unreadable true when the change carries neither messages, statuses nor errors: nothing of
 *     it can be passed on
 */
public record ParsedChange(
    List<InboundMessage> messages,
    List<DeliveryStatus> statuses,
    List<ValueError> errors,
    boolean unreadable) {

  public ParsedChange {
    messages = List.copyOf(messages);
    statuses = List.copyOf(statuses);
    errors = List.copyOf(errors);
  }

  /**
   * A problem with one part of a change.
   *
   * @param kind a short, stable label for metrics ({@code message}, {@code status}, {@code
   *     webhook})
   * @param detail what was wrong; never message text or phone numbers
   */
  public record ValueError(String kind, String detail) {}
}
