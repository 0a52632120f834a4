package io.sahabot.ingress.sender;

import io.sahabot.ingress.sender.domain.AccessToken;
import io.sahabot.ingress.sender.domain.ErrorPolicy;
import io.sahabot.ingress.sender.domain.GraphError;
import io.sahabot.ingress.sender.domain.GraphRequests;
import io.sahabot.ingress.sender.domain.NumberRateLimits;
import io.sahabot.schemas.Json;
import io.sahabot.schemas.whatsapp.OutboundContent;
import io.sahabot.schemas.whatsapp.OutboundMessage;
import java.io.UncheckedIOException;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.Base64;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.ConcurrentHashMap;
import java.util.function.BiFunction;
import java.util.function.Supplier;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.slf4j.MDC;
import org.springframework.web.client.ResourceAccessException;
import tools.jackson.core.JacksonException;
import tools.jackson.databind.JsonNode;

/**
 * Sends one {@link OutboundMessage} through the Graph API, synchronously and in one attempt, so a
 * listener thread that calls it keeps the order of its partition (one conversation's messages go
 * out in the order they were produced) and a record never holds the thread for longer than its own
 * HTTP calls.
 *
 * <ul>
 *   <li>token: the tenant's own or the deployment's ({@link AccessTokens}), given only when the
 *       business number is the message's tenant's; else {@link NumberNotOfTenant}, not retried,
 *       counted and logged at WARN (ids only, never the recipient or the text);
 *   <li>pace: at most {@code ratePerSecond} messages per business number in any one-second window
 *       ({@link NumberRateLimits});
 *   <li>errors, decided on {@code error.code} ({@link ErrorPolicy}): rate limits and server errors
 *       throw a {@link TransientSendFailure} ({@link RecipientRateLimited} for 131056), which the
 *       listener container retries after a back-off that pauses the record's partition (not the
 *       thread: {@code config/SenderConfig}); anything else is a {@link SendFailed} carrying the
 *       code; 190 is counted per tenant and logged at ERROR, 368 pauses the number;
 *   <li>131047 (outside the 24-hour window) on a message with a {@link OutboundMessage#fallback()}
 *       template: that template is sent once instead, to the same recipient from the same number,
 *       under its own id {@code eventId + ":fallback"}; the refused content is never sent again (a
 *       redelivery goes straight to the template), and a template has no fallback, so nothing
 *       loops;
 *   <li>a read receipt ({@link OutboundContent.MarkRead}) is sent once like a message, but a
 *       failure drops it instead of retrying it or dead-lettering it;
 *   <li>each id is sent once, across instances, restarts and rebalances: its {@link SendLedger}
 *       claim is taken before the Graph API calls and marked {@code sent} (with the wamid) after; a
 *       redelivered record whose id was sent is skipped (counted as {@code
 *       sahabot_ingress_sender_duplicates_skipped_total}), one another attempt is sending right now
 *       is retried later ({@link SendInFlight}), and one whose content was refused (131047) goes
 *       straight to its fallback. A claim older than the longest attempt is taken over and the
 *       message sent once more: an attempt that crashed (or timed out) after Meta accepted the
 *       message and before its row was marked is the one case of a message sent twice. A send whose
 *       row could not be marked (the database away just then) is remembered by this instance until
 *       the mark succeeds: a redelivery meanwhile is skipped, not sent again after its claim went
 *       stale, and the mark is tried again with each later send;
 *   <li>an outcome is told to a recipient once: a notice (quoting nothing) whose every {@link
 *       OutboundMessage#tells() outcome} this instance already sent to the same recipient is not
 *       sent ({@link ToldOnce}; what still holds when the database was replaced by an older backup
 *       and the agent's record of who told what went with it).
 * </ul>
 */
public class OutboundSender {

  /** Suffix of the id a message's fallback template is sent (and deduplicated) under. */
  public static final String FALLBACK_SUFFIX = ":fallback";

  private static final Logger log = LoggerFactory.getLogger(OutboundSender.class);

  private final GraphApi graph;
  private final BiFunction<UUID, String, AccessToken> tokens;
  private final NumberRateLimits rateLimiters;
  private final SenderMetrics metrics;
  private final ErrorConsequences consequences;
  private final SendLedger ledger;

  /** The outcomes sent lately, so that a notice repeating one is not sent. */
  private final ToldOnce toldOnce = new ToldOnce();

  /** Sends done whose ledger row could not be marked {@code sent} yet, by event id. */
  private final Map<String, Unmarked> unmarked = new ConcurrentHashMap<>();

  private record Unmarked(SendLedger.Claim claim, String wamid) {}

  /** At most this many unmarked sends are remembered (the database is away for a while). */
  private static final int UNMARKED_LIMIT = 100_000;

  public OutboundSender(
      GraphApi graph,
      BiFunction<UUID, String, AccessToken> tokens,
      java.util.function.Consumer<String> forgetToken,
      NumberRateLimits rateLimiters,
      SenderMetrics metrics,
      Clock clock,
      Duration restrictionPause,
      SendLedger ledger) {
    this.graph = graph;
    this.tokens = tokens;
    this.rateLimiters = rateLimiters;
    this.metrics = metrics;
    this.consequences = new ErrorConsequences(forgetToken, metrics, clock, restrictionPause);
    this.ledger = ledger;
  }

  /**
   * What an error means for the number (190, 368), shared with the statuses consumer so that a
   * {@code failed} status has the same effect as the same error answered to a send.
   */
  public ErrorConsequences consequences() {
    return consequences;
  }

  /**
   * Sends {@code message} (or its fallback template, see above) and returns the WhatsApp message id
   * Meta gave it, or null when it was not sent because a notice's outcomes were told already.
   *
   * @throws TransientSendFailure when it may be sent later (the caller retries after a back-off)
   * @throws SendFailed when it cannot be sent (not to be retried)
   * @throws NumberNotOfTenant when its business number is not its tenant's
   */
  public String send(OutboundMessage message) {
    MDC.put("tenantId", message.tenantId().toString());
    MDC.put("eventId", message.eventId());
    try {
      Instant until = consequences.restrictedUntil(message.phoneNumberId());
      if (until != null) {
        metrics.failed(ErrorPolicy.RESTRICTED_ACCOUNT);
        throw new SendFailed(
            ErrorPolicy.RESTRICTED_ACCOUNT, 0, "number restricted for policy until " + until);
      }
      markUnmarked();
      Unmarked known = unmarked.get(message.eventId());
      if (known != null) {
        // sent by this instance; its row is still "sending" because the database was away
        toldOnce.sent(message);
        metrics.duplicateSkipped();
        log.info("Event {} already sent as {}, skipped", message.eventId(), known.wamid());
        return known.wamid();
      }
      String toldBy = toldOnce.toldBefore(message);
      if (toldBy != null) {
        metrics.duplicateSkipped();
        log.info(
            "Event {} not sent: every outcome it tells was sent to its recipient by {}",
            message.eventId(),
            toldBy);
        return null;
      }
      SendLedger.Claim claim = ledger.claim(message.tenantId(), message.eventId());
      String wamid;
      switch (claim.outcome()) {
        case SENT -> {
          toldOnce.sent(message);
          return skipped(claim);
        }
        case IN_FLIGHT -> throw inFlight(claim);
        case REFUSED -> wamid = sendFallback(message);
        default -> {
          if (message.content() instanceof OutboundContent.MarkRead) {
            return markRead(message, claim);
          }
          try {
            wamid = attemptClaimed(message, claim);
          } catch (WindowClosed e) {
            ledger.refused(claim);
            wamid = sendFallback(message);
          }
        }
      }
      toldOnce.sent(message);
      return wamid;
    } catch (NumberNotOfTenant refused) {
      metrics.refused(NumberNotOfTenant.REASON);
      log.warn("Event {} not sent: {}", message.eventId(), refused.getMessage());
      throw refused;
    } finally {
      MDC.remove("tenantId");
      MDC.remove("eventId");
    }
  }

  /**
   * A read receipt, once: a failure is logged and dropped, never retried, so the replies behind it
   * on the partition are never held back by it (a late "read" is worth nothing; the reply itself
   * shows the message was read).
   */
  private String markRead(OutboundMessage message, SendLedger.Claim claim) {
    try {
      return attemptClaimed(message, claim);
    } catch (TransientSendFailure | SendFailed e) {
      log.info("Read receipt {} not sent, dropped: {}", message.eventId(), e.getMessage());
      return "";
    }
  }

  /** The message's fallback template, once, under {@code eventId + ":fallback"}. */
  private String sendFallback(OutboundMessage message) {
    OutboundMessage template =
        new OutboundMessage(
            message.eventId() + FALLBACK_SUFFIX,
            message.occurredAt(),
            message.tenantId(),
            message.causationId(),
            message.phoneNumberId(),
            message.to(),
            null,
            message.fallback());
    SendLedger.Claim claim = ledger.claim(template.tenantId(), template.eventId());
    switch (claim.outcome()) {
      case SENT -> {
        return skipped(claim);
      }
      case IN_FLIGHT -> throw inFlight(claim);
      default -> {}
    }
    String wamid = attemptClaimed(template, claim);
    metrics.fallbackSent();
    log.info(
        "Event {} refused outside the 24-hour window (131047); its fallback template {} sent as {}",
        message.eventId(),
        message.fallback().name(),
        wamid);
    return wamid;
  }

  /**
   * Sends the claimed {@code message} and marks it {@code sent}; gives the claim up when the
   * attempt failed ({@link WindowClosed} excepted: the caller marks it refused).
   */
  private String attemptClaimed(OutboundMessage message, SendLedger.Claim claim) {
    if (claim.takenOver()) {
      log.warn(
          "Event {}: an earlier attempt's claim went stale (crashed or timed out, maybe after Meta"
              + " accepted it); sending it once more",
          claim.eventId());
    }
    String wamid;
    try {
      wamid = attempt(message);
    } catch (WindowClosed e) {
      throw e;
    } catch (RuntimeException e) {
      try {
        ledger.release(claim);
      } catch (TransientSendFailure unreleased) {
        // the claim goes stale and is taken over then
        log.warn("Event {}: claim not released: {}", claim.eventId(), unreleased.getMessage());
      }
      throw e;
    }
    metrics.sent();
    try {
      ledger.sent(claim, wamid);
    } catch (TransientSendFailure failed) {
      // sent: remembered here and marked later, so that a redelivery to this instance is skipped;
      // only a crash of this instance before the mark leaves the claim to go stale elsewhere
      if (unmarked.size() < UNMARKED_LIMIT) {
        unmarked.put(claim.eventId(), new Unmarked(claim, wamid));
      }
      log.error(
          "Event {} sent as {} but not marked sent in the ledger yet (tried again with the next"
              + " sends): {}",
          claim.eventId(),
          wamid,
          failed.getMessage());
    }
    log.debug("Sent event {} as {}", message.eventId(), wamid);
    return wamid;
  }

  /**
   * Marks the sends remembered as unmarked, while the ledger takes them; stops at the first failure
   * (the database still away) and leaves the rest for the next send.
   */
  private void markUnmarked() {
    if (unmarked.isEmpty()) {
      return;
    }
    for (Unmarked u : List.copyOf(unmarked.values())) {
      try {
        ledger.sent(u.claim(), u.wamid());
        unmarked.remove(u.claim().eventId());
        log.info("Event {} marked sent as {} in the ledger, late", u.claim().eventId(), u.wamid());
      } catch (TransientSendFailure stillAway) {
        return;
      }
    }
  }

  /** How many sends are done but not yet marked {@code sent} in the ledger (the database away). */
  int unmarkedSends() {
    return unmarked.size();
  }

  private String skipped(SendLedger.Claim claim) {
    metrics.duplicateSkipped();
    log.info("Event {} already sent as {}, skipped", claim.eventId(), claim.wamid());
    return claim.wamid();
  }

  private SendInFlight inFlight(SendLedger.Claim claim) {
    log.info("Event {} is being sent by another attempt; will look again", claim.eventId());
    return new SendInFlight(claim.eventId());
  }

  private String attempt(OutboundMessage message) {
    String number = message.phoneNumberId();
    AccessToken token = tokens.apply(message.tenantId(), number);
    String mediaId = null;
    if (message.content() instanceof OutboundContent.Image image && image.dataBase64() != null) {
      byte[] data;
      try {
        data = Base64.getMimeDecoder().decode(image.dataBase64());
      } catch (IllegalArgumentException e) {
        metrics.failed(ErrorPolicy.INVALID_PARAMETER);
        throw new SendFailed(ErrorPolicy.INVALID_PARAMETER, 0, "dataBase64 is not base64");
      }
      JsonNode uploaded =
          check(
              message, token, call(() -> graph.uploadMedia(number, token, data, image.mimeType())));
      mediaId = uploaded.path("id").asString(null);
      if (mediaId == null) {
        throw new TransientSendFailure("media upload answered no id");
      }
    }
    byte[] body = Json.mapper().writeValueAsBytes(GraphRequests.message(message, mediaId));
    NumberRateLimits.Permit permit = rateLimiters.acquire(number);
    if (permit == null) {
      throw new TransientSendFailure("rate limiter of the number did not give a permit in time");
    }
    GraphApi.Response response;
    try {
      response = call(() -> graph.sendMessage(number, token, body));
    } finally {
      permit.done(rateLimiters.now());
    }
    JsonNode answer = check(message, token, response);
    return answer.path("messages").path(0).path("id").asString("");
  }

  private JsonNode check(OutboundMessage message, AccessToken token, GraphApi.Response response) {
    JsonNode body = parse(response.body());
    if (response.ok()) {
      return body == null ? Json.mapper().createObjectNode() : body;
    }
    GraphError error = GraphError.of(response.status(), body);
    String number = message.phoneNumberId();
    switch (consequences.apply(error, message.tenantId(), number, token.source().toString())) {
      case RETRY -> {
        metrics.retried(error.code());
        log.info("Graph API error {} (HTTP {}), will retry", error.code(), error.httpStatus());
        throw new TransientSendFailure(
            "Graph API error " + error.code() + ": " + error.message(), error.code());
      }
      case RETRY_RECIPIENT -> {
        metrics.retried(error.code());
        log.info(
            "Graph API error {}: too many messages to this recipient, will back off for it",
            error.code());
        throw new RecipientRateLimited(
            "Graph API error " + error.code() + ": " + error.message(), error.code());
      }
      case TEMPLATE_NEEDED -> {
        metrics.failed(error.code());
        if (message.fallback() != null) {
          throw new WindowClosed();
        }
        log.warn(
            "Event {} refused outside the 24-hour window ({}) and has no fallback template: {}",
            message.eventId(),
            error.code(),
            error.message());
        throw new SendFailed(
            error.code(),
            error.httpStatus(),
            "outside the 24-hour window and no fallback template: " + error.message());
      }
      case BROKEN_TOKEN, RESTRICTED -> {
        // counted, logged and applied to the number by consequences
      }
      case FAIL -> {
        if (error.code() == ErrorPolicy.BSUID_NOT_ALLOWED) {
          metrics.failed(error.code());
          log.warn(
              "Event {} refused: its recipient is a business-scoped user id, which this message"
                  + " may not be sent to ({})",
              message.eventId(),
              error.code());
          throw new SendFailed(
              error.code(),
              error.httpStatus(),
              "a business-scoped user id (BSUID) is not allowed as this message's recipient: "
                  + error.message());
        }
        log.warn(
            "Event {} refused by the Graph API, not retried: {} {}",
            message.eventId(),
            error.code(),
            error.message());
      }
    }
    metrics.failed(error.code());
    throw new SendFailed(error.code(), error.httpStatus(), error.message());
  }

  private static GraphApi.Response call(Supplier<GraphApi.Response> call) {
    try {
      return call.get();
    } catch (ResourceAccessException | UncheckedIOException e) {
      throw new TransientSendFailure("Graph API unreachable: " + e.getMessage());
    }
  }

  private static JsonNode parse(byte[] body) {
    if (body == null || body.length == 0) {
      return null;
    }
    try {
      return Json.mapper().readTree(body);
    } catch (JacksonException e) {
      return null;
    }
  }

  /**
   * The business numbers' rate limits: {@code perSecond} sends in any one-second window per number,
   * waiting {@code wait} for a permit at most.
   */
  public static NumberRateLimits rateLimiters(int perSecond, Duration wait) {
    return new NumberRateLimits(perSecond, wait);
  }

  /** The content was refused outside the 24-hour window and the message has a fallback. */
  private static final class WindowClosed extends RuntimeException {
    WindowClosed() {
      super("outside the 24-hour window", null, false, false);
    }
  }
}
