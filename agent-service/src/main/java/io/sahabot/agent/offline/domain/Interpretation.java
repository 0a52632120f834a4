package io.sahabot.agent.offline.domain;

import java.time.LocalDate;
import java.time.LocalDateTime;
import java.util.List;

/**
 * What a message means. Times are local wall-clock times in the tenant's zone; {@code end} is
 * exclusive. Fields that do not apply to the intent are null.
 *
 * @param start the slot asked for (book, availability; the new slot of a move; the slot to cancel)
 * @param end the end of that slot (book, move)
 * @param date a day without a time (availability of a day, cancel "tomorrow's")
 * @param from for a move, the current slot's start
 * @param periodFrom first day of a report or table period
 * @param periodTo last day (inclusive) of a report or table period
 * @param field the field named, or null for the default
 * @param customerName for an owner booking for someone, the customer's name
 * @param phone for an owner booking for someone, E.164 digits without '+'
 * @param missing for {@link Intent#CLARIFY}: what must be asked ("date", "time", "customer")
 * @param wanted for {@link Intent#CLARIFY}: what the sender wants once it is complete
 */
public record Interpretation(
    Intent intent,
    LocalDateTime start,
    LocalDateTime end,
    LocalDate date,
    LocalDateTime from,
    LocalDate periodFrom,
    LocalDate periodTo,
    String field,
    String customerName,
    String phone,
    List<String> missing,
    Intent wanted) {

  public Interpretation {
    missing = missing == null ? List.of() : List.copyOf(missing);
  }
}
