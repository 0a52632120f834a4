package io.sahabot.ingress.sender;

import io.sahabot.ingress.sender.domain.ErrorPolicy;
import io.sahabot.ingress.sender.domain.GraphError;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.ConcurrentHashMap;
import java.util.function.Consumer;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * What a Graph API error means for the tenant's number beyond the one message, the same whether the
 * error came back from a send ({@link OutboundSender}) or later in a {@code failed} status ({@link
 * StatusListener}): {@link ErrorPolicy.Decision#BROKEN_TOKEN} (190) counts the broken token for the
 * tenant, logs it at ERROR and drops the cached token; {@link ErrorPolicy.Decision#RESTRICTED}
 * (368) stops sends from the number for {@code restrictionPause}. The other decisions concern only
 * the message.
 */
public class ErrorConsequences {

  private static final Logger log = LoggerFactory.getLogger(ErrorConsequences.class);

  private final Consumer<String> forgetToken;
  private final SenderMetrics metrics;
  private final Clock clock;
  private final Duration restrictionPause;
  private final Map<String, Instant> restrictedUntil = new ConcurrentHashMap<>();

  public ErrorConsequences(
      Consumer<String> forgetToken, SenderMetrics metrics, Clock clock, Duration restrictionPause) {
    this.forgetToken = forgetToken;
    this.metrics = metrics;
    this.clock = clock;
    this.restrictionPause = restrictionPause;
  }

  /**
   * Decides {@code error} ({@link ErrorPolicy#decide}) and applies what it means for the number.
   *
   * @param source where the error was seen (for the log: the token's source, or "status")
   */
  public ErrorPolicy.Decision apply(
      GraphError error, UUID tenantId, String phoneNumberId, String source) {
    ErrorPolicy.Decision decision = ErrorPolicy.decide(error);
    switch (decision) {
      case BROKEN_TOKEN -> {
        metrics.brokenToken(tenantId.toString(), phoneNumberId);
        forgetToken.accept(phoneNumberId);
        log.error(
            "Access token ({}) of tenant {} number {} refused by the Graph API (190/{}): {}",
            source,
            tenantId,
            phoneNumberId,
            error.subcode(),
            error.message());
      }
      case RESTRICTED -> {
        restrictedUntil.put(phoneNumberId, clock.instant().plus(restrictionPause));
        log.error(
            "Number {} of tenant {} restricted for policy (368); no sends for {}",
            phoneNumberId,
            tenantId,
            restrictionPause);
      }
      default -> {}
    }
    return decision;
  }

  /** Until when the number gets no sends (368), or null when it may send. */
  public Instant restrictedUntil(String phoneNumberId) {
    Instant until = restrictedUntil.get(phoneNumberId);
    return until != null && clock.instant().isBefore(until) ? until : null;
  }
}
