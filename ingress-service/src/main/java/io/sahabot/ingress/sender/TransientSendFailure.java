package io.sahabot.ingress.sender;

/** A send that failed for a reason that may pass (rate limit, server error, network): retried. */
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
