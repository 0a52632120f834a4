package io.sahabot.ingress.sender;

/**
 * Error 131056: too many messages from the business number to this one recipient. Retried after a
 * back-off of {@code sahabot.ingress.sender.recipient-backoff} (doubling), which pauses only the
 * record's partition, so other recipients and numbers keep being sent.
 */
public class RecipientRateLimited extends TransientSendFailure {

  public RecipientRateLimited(String message, int code) {
    super(message, code);
  }
}
