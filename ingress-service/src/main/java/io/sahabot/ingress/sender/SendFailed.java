package io.sahabot.ingress.sender;

/**
 * A send that failed for good: not retried, recorded on {@code whatsapp.outbound.dlt} with the
 * Graph API's error code and message in the headers {@code sahabot-graph-error-code} and {@code
 * sahabot-graph-error-message}.
 */
public class SendFailed extends RuntimeException {

  private final int code;
  private final int httpStatus;

  public SendFailed(int code, int httpStatus, String message) {
    super("Graph API error " + code + " (HTTP " + httpStatus + "): " + message);
    this.code = code;
    this.httpStatus = httpStatus;
  }

  /** The Graph API's {@code error.code}; 0 when the answer had none. */
  public int code() {
    return code;
  }

  public int httpStatus() {
    return httpStatus;
  }
}
