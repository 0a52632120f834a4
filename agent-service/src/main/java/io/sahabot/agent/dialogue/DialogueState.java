package io.sahabot.agent.dialogue;

import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.time.LocalDateTime;
import java.util.List;

/**
 * Where a conversation stands between two messages, kept with its memory: the customer's language,
 * the bot's open proposal (a slot it found free and offered to book, or a day whose free slots it
 * listed), the slots gathered while it asks for what is missing, what it just listed (for "the
 * first one") and what it booked last (for "make it 21:00", "cancel it"). Everything but the
 * language expires {@link #TTL} after the last message, so an old "yes" books nothing.
 *
 * @param language {@code tr} or {@code en}, the customer's; null until a message shows it
 * @param proposal the slot offered (intent {@code availability}: free; {@code taken}: not free)
 * @param pending the request being completed (its intent, what it still misses)
 * @param listed what the bot listed last, in order
 * @param booked what the bot booked last
 * @param updatedAt the moment of the last message
 */
public record DialogueState(
    String language,
    Slots proposal,
    Slots pending,
    List<Slots> listed,
    Slots booked,
    Instant updatedAt) {

  /** How long a proposal, a question or a list stays open. */
  public static final Duration TTL = Duration.ofMinutes(30);

  public DialogueState {
    listed = listed == null ? List.of() : List.copyOf(listed);
  }

  public static DialogueState empty() {
    return new DialogueState(null, null, null, List.of(), null, null);
  }

  /** The state at {@code now}: past {@link #TTL}, only the language is left. */
  public DialogueState at(Instant now) {
    if (updatedAt == null || Duration.between(updatedAt, now).compareTo(TTL) > 0) {
      return new DialogueState(language, null, null, List.of(), null, updatedAt);
    }
    return this;
  }

  public DialogueState withProposal(Slots slots) {
    return new DialogueState(language, slots, pending, listed, booked, updatedAt);
  }

  public DialogueState withListed(List<Slots> slots) {
    return new DialogueState(language, proposal, pending, slots, booked, updatedAt);
  }

  /** A booking made: the proposal it answered is closed. */
  public DialogueState withBooked(Slots slots) {
    return new DialogueState(language, null, null, listed, slots, updatedAt);
  }

  /**
   * The slots of one request, as far as they are known. Times are local to the tenant's zone.
   *
   * @param intent what the request is (the intent's key: {@code book}, {@code availability}, …), or
   *     {@code taken} for a slot the bot found taken
   * @param date the day, when no start is known
   * @param from for a move, the current start
   * @param reservationId the reservation listed or booked, when known
   * @param missing what the bot asked for ("date", "time", "phone")
   */
  public record Slots(
      String intent,
      LocalDate date,
      LocalDateTime start,
      LocalDateTime end,
      LocalDateTime from,
      String field,
      String customerName,
      String phone,
      Long reservationId,
      List<String> missing) {

    public Slots {
      missing = missing == null ? List.of() : List.copyOf(missing);
    }

    public static Slots slot(
        String intent, LocalDateTime start, LocalDateTime end, String field, Long reservationId) {
      return new Slots(intent, null, start, end, null, field, null, null, reservationId, List.of());
    }

    public static Slots day(String intent, LocalDate date, String field) {
      return new Slots(intent, date, null, null, null, field, null, null, null, List.of());
    }

    /** The day of the slots: the date, else the start's. */
    public LocalDate day() {
      return date != null ? date : start != null ? start.toLocalDate() : null;
    }
  }
}
