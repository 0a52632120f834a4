package io.sahabot.schemas.whatsapp;

import static io.sahabot.schemas.Require.nonBlank;

/**
 * A reaction to one of our messages.
 *
 * @param emoji the emoji; absent when the customer removed a reaction
 * @param messageId the wamid reacted to
 */
public record Reaction(String emoji, String messageId) {

  public Reaction {
    nonBlank(messageId, "reaction.messageId");
  }
}
