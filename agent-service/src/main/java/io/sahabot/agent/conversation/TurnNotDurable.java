package io.sahabot.agent.conversation;

/**
 * A turn whose output could not be made durable: its claim and memory were not stored, its replies
 * not published, or its dead letter not taken. Nothing about the message itself is wrong, so the
 * turn is retried in place (its partition sought back to it), never dead-lettered and never
 * skipped.
 */
public class TurnNotDurable extends RuntimeException {

  public TurnNotDurable(String message, Throwable cause) {
    super(message, cause);
  }
}
