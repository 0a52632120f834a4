package io.sahabot.agent.tools;

import io.sahabot.schemas.reservation.Slot;
import java.time.Instant;

/**
 * Ids of the buttons and list rows the bot sends, so a tap comes back as the choice it stands for:
 * {@code book|field|start|end}, {@code cancel|id}, {@code confirm-cancel|id}, {@code
 * confirm-move|id|start|end}, {@code keep|id}.
 */
public final class Interactive {

  private Interactive() {}

  public static String bookId(Slot slot) {
    return "book|" + slot.field() + "|" + slot.start() + "|" + slot.end();
  }

  public static String cancelId(long id) {
    return "cancel|" + id;
  }

  public static String confirmCancelId(long id) {
    return "confirm-cancel|" + id;
  }

  public static String confirmMoveId(long id, Instant start, Instant end) {
    return "confirm-move|" + id + "|" + start + "|" + end;
  }

  public static String keepId(long id) {
    return "keep|" + id;
  }
}
