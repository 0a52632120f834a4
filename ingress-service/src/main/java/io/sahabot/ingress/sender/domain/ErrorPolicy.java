package io.sahabot.ingress.sender.domain;

/**
 * What the sender does about a Graph API error, decided on {@code error.code} first and on the HTTP
 * status only when the code says nothing (fixture {@code graph-api/README.md}).
 */
public final class ErrorPolicy {

  /** The decision. */
  public enum Decision {
    /** back off and try again (rate limits, server errors) */
    RETRY,
    /**
     * too many messages to this recipient: back off for this recipient (its partition) only, then
     * try again
     */
    RETRY_RECIPIENT,
    /**
     * outside the 24-hour window: do not retry this content; send the message's fallback template
     * once if it has one, else record the failure
     */
    TEMPLATE_NEEDED,
    /** do not retry; record the failure */
    FAIL,
    /** do not retry; the number's access token is expired or invalid */
    BROKEN_TOKEN,
    /** do not retry; the number is restricted for policy, stop sending from it for a while */
    RESTRICTED
  }

  /** Throughput limit of the business number. */
  public static final int THROUGHPUT_LIMIT = 130429;

  /** Too many messages to one recipient. */
  public static final int PAIR_RATE_LIMIT = 131056;

  /** Business account rate limit. */
  public static final int ACCOUNT_RATE_LIMIT = 80007;

  /** Outside the 24-hour customer-service window. */
  public static final int OUTSIDE_WINDOW = 131047;

  /** Undeliverable. */
  public static final int UNDELIVERABLE = 131026;

  /** A business-scoped user id (BSUID) is not allowed as the recipient of this message. */
  public static final int BSUID_NOT_ALLOWED = 131062;

  /** Invalid parameter. */
  public static final int INVALID_PARAMETER = 100;

  /** Access token expired or invalid. */
  public static final int INVALID_TOKEN = 190;

  /** Account restricted for policy. */
  public static final int RESTRICTED_ACCOUNT = 368;

  private ErrorPolicy() {}

  public static Decision decide(GraphError error) {
    return switch (error.code()) {
      case THROUGHPUT_LIMIT, ACCOUNT_RATE_LIMIT -> Decision.RETRY;
      case PAIR_RATE_LIMIT -> Decision.RETRY_RECIPIENT;
      case OUTSIDE_WINDOW -> Decision.TEMPLATE_NEEDED;
      case UNDELIVERABLE, INVALID_PARAMETER, BSUID_NOT_ALLOWED -> Decision.FAIL;
      case INVALID_TOKEN -> Decision.BROKEN_TOKEN;
      case RESTRICTED_ACCOUNT -> Decision.RESTRICTED;
      default ->
          error.httpStatus() >= 500 || error.httpStatus() == 429 ? Decision.RETRY : Decision.FAIL;
    };
  }
}
