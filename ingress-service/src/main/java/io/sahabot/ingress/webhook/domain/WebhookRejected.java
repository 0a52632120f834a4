package io.sahabot.ingress.webhook.domain;

/** A webhook POST refused before anything was published, with the reason a metric counts. */
public final class WebhookRejected extends RuntimeException {

  /** Why; {@link #tag()} is the metric tag. */
  public enum Reason {
    SIGNATURE("signature"),
    MALFORMED("malformed"),
    NOT_WHATSAPP("not_whatsapp"),
    TOO_LARGE("too_large"),
    /** The body did not arrive in full: too slow (read timeout) or the client went away. */
    INCOMPLETE("incomplete");

    private final String tag;

    Reason(String tag) {
      this.tag = tag;
    }

    public String tag() {
      return tag;
    }
  }

  private final Reason reason;

  public WebhookRejected(Reason reason, String message) {
    super(message, null, false, false);
    this.reason = reason;
  }

  public Reason reason() {
    return reason;
  }
}
