package io.sahabot.agent.offline.domain;

import java.time.ZonedDateTime;
import java.util.List;

/**
 * What the understanding needs besides the text: the moment of the message in the tenant's zone,
 * the tenant's fields (the first is the default), its opening hours and slot length, and whether
 * the sender is the business (owner or staff) or a customer.
 */
public record ConversationContext(
    ZonedDateTime now,
    List<String> fields,
    int openMinute,
    int closeMinute,
    int slotMinutes,
    boolean owner) {

  public ConversationContext {
    fields = List.copyOf(fields);
    if (fields.isEmpty()) {
      throw new IllegalArgumentException("fields: at least one");
    }
  }
}
