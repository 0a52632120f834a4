package io.sahabot.agent.turn;

import io.sahabot.schemas.reservation.Slot;
import java.time.Instant;
import java.time.format.DateTimeParseException;
import java.util.Optional;

/**
 * The id of a button or list row the bot sends, so a tap comes back as the choice it stands for:
 * {@code book|field|start|end}, {@code cancel|id}, {@code confirm-cancel|id}, {@code
 * confirm-move|id|start|end}, {@code keep|id}, a reminder's {@code coming|id} and {@code
 * reminder-cancel|id}, an owner's pick of a no-show {@code no-show|id}, joining a taken slot's
 * waitlist {@code waitlist|field|start|end}, taking a waitlist offer {@code take-offer|id}, a
 * customer's confirmed erasure of their data {@code erase-data}, an owner's confirmed settings
 * change {@code admin|…} and a customer's {@code tell-owner}. The tools write it ({@link
 * #encode()}), the conversation reads it back ({@link #parse(String)}); this type is the only one
 * that knows the format.
 */
public sealed interface ButtonPayload {

  /** The id sent with the button or row. */
  String encode();

  /** Book the offered slot. */
  record Book(String field, Instant start, Instant end) implements ButtonPayload {
    public static Book of(Slot slot) {
      return new Book(slot.field(), slot.start(), slot.end());
    }

    @Override
    public String encode() {
      return "book|" + field + "|" + start + "|" + end;
    }
  }

  /** Cancel the customer's chosen reservation. */
  record Cancel(long reservationId) implements ButtonPayload {
    @Override
    public String encode() {
      return "cancel|" + reservationId;
    }
  }

  /** The owner confirmed cancelling a reservation. */
  record ConfirmCancel(long reservationId) implements ButtonPayload {
    @Override
    public String encode() {
      return "confirm-cancel|" + reservationId;
    }
  }

  /** The owner confirmed moving a reservation. */
  record ConfirmMove(long reservationId, Instant start, Instant end) implements ButtonPayload {
    @Override
    public String encode() {
      return "confirm-move|" + reservationId + "|" + start + "|" + end;
    }
  }

  /**
   * The owner declined: keep the reservation as it is. The id is only echoed back; a tap on it does
   * nothing but say so, whatever follows {@code keep}.
   */
  record Keep(String reservationId) implements ButtonPayload {
    public static Keep of(long reservationId) {
      return new Keep(Long.toString(reservationId));
    }

    @Override
    public String encode() {
      return "keep|" + reservationId;
    }
  }

  /** The customer answered a reminder: they are coming. */
  record Coming(long reservationId) implements ButtonPayload {
    @Override
    public String encode() {
      return "coming|" + reservationId;
    }
  }

  /**
   * The customer answered a reminder: cancel the reservation (also the reminder template's
   * quick-reply payload).
   */
  record ReminderCancel(long reservationId) implements ButtonPayload {
    @Override
    public String encode() {
      return "reminder-cancel|" + reservationId;
    }
  }

  /** The owner picked the reservation whose customer did not come. */
  record NoShow(long reservationId) implements ButtonPayload {
    @Override
    public String encode() {
      return "no-show|" + reservationId;
    }
  }

  /** Put the sender on the waitlist of a taken slot. */
  record JoinWaitlist(String field, Instant start, Instant end) implements ButtonPayload {
    @Override
    public String encode() {
      return "waitlist|" + field + "|" + start + "|" + end;
    }
  }

  /** Take the waitlist offer made to entry {@code entryId}. */
  record TakeOffer(long entryId) implements ButtonPayload {
    @Override
    public String encode() {
      return "take-offer|" + entryId;
    }
  }

  /** The customer confirmed erasing their personal data (data rights). */
  record EraseData() implements ButtonPayload {
    @Override
    public String encode() {
      return "erase-data";
    }
  }

  /**
   * The owner confirmed a change of the business's settings (or a blocked slot), written by {@code
   * AdminChange#encode()} after the {@code admin|} prefix.
   */
  record Admin(String change) implements ButtonPayload {
    @Override
    public String encode() {
      return "admin|" + change;
    }
  }

  /** A customer refused a late cancellation asks for the owner to be told. */
  record TellOwner() implements ButtonPayload {
    @Override
    public String encode() {
      return "tell-owner";
    }
  }

  /** The choice an id stands for; empty when it is not one the bot sent (or is malformed). */
  static Optional<ButtonPayload> parse(String id) {
    if (id == null) {
      return Optional.empty();
    }
    String[] p = id.split("\\|");
    try {
      return Optional.ofNullable(
          switch (p[0]) {
            case "book" -> new Book(p[1], Instant.parse(p[2]), Instant.parse(p[3]));
            case "cancel" -> new Cancel(Long.parseLong(p[1]));
            case "confirm-cancel" -> new ConfirmCancel(Long.parseLong(p[1]));
            case "confirm-move" ->
                new ConfirmMove(Long.parseLong(p[1]), Instant.parse(p[2]), Instant.parse(p[3]));
            case "keep" -> new Keep(p.length > 1 ? p[1] : "");
            case "coming" -> new Coming(Long.parseLong(p[1]));
            case "reminder-cancel" -> new ReminderCancel(Long.parseLong(p[1]));
            case "no-show" -> new NoShow(Long.parseLong(p[1]));
            case "waitlist" -> new JoinWaitlist(p[1], Instant.parse(p[2]), Instant.parse(p[3]));
            case "take-offer" -> new TakeOffer(Long.parseLong(p[1]));
            case "erase-data" -> new EraseData();
            case "admin" -> p.length > 1 ? new Admin(id.substring("admin|".length())) : null;
            case "tell-owner" -> new TellOwner();
            default -> null;
          });
    } catch (ArrayIndexOutOfBoundsException | DateTimeParseException | NumberFormatException e) {
      return Optional.empty();
    }
  }
}
