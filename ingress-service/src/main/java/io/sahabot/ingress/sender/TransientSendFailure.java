package io.sahabot.ingress.sender;

/**
 * A send that failed for a reason that may pass (rate limit, server error, network): the listener
 * container retries it after a back-off that pauses the record's partition ({@link
 * PartitionBackOff}), and dead-letters it when the retries run out.
 */
public class TransientSendFailure extends RuntimeException {

  private final int code;

  public TransientSendFailure(String message) {
    this(message, 0);
  }

  public TransientSendFailure(String message, int code) {
    super(message);
    this.code = code;
  }

  /** The Graph API's {@code error.code}, 0 when the failure was not a Graph error. */
  public int code() {
    return code;
  }
}
