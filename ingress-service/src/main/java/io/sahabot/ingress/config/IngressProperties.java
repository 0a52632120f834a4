package io.sahabot.ingress.config;

import io.sahabot.schemas.topics.Topics;
import java.net.URI;
import java.time.Duration;
import java.util.List;
import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;
import org.springframework.util.unit.DataSize;

/**
 * Everything ingress-service reads from its configuration (prefix {@code sahabot.ingress}), checked
 * at startup. Secrets are masked in {@link #toString()}.
 *
 * @param webhook the inbound webhook endpoint
 * @param graph the WhatsApp Cloud (Graph) API the sender calls
 * @param sender how the sender consumes, retries and paces
 * @param tenantServiceUrl base URL of tenant-service (tenants' own access tokens), called with
 *     ingress's own credential ({@code sahabot.security.token})
 */
@ConfigurationProperties("sahabot.ingress")
public record IngressProperties(
    @DefaultValue Webhook webhook,
    @DefaultValue Graph graph,
    @DefaultValue Sender sender,
    @DefaultValue("http://localhost:8081") URI tenantServiceUrl) {

  public IngressProperties {
    require(tenantServiceUrl != null, "tenant-service-url must be set");
  }

  /**
   * @param appSecrets the app secrets of every Meta app this deployment serves; a POST is accepted
   *     when its signature matches any of them
   * @param verifyToken the {@code hub.verify_token} of the subscription handshake
   * @param maxBody larger bodies are refused with 413 (Meta sends at most about 3 MB)
   * @param publishTimeout how long a POST waits for Kafka's acknowledgement of all its records
   *     before answering 503
   * @param readTimeout how long a request may take to arrive: its head (request line and headers)
   *     within this of the connection's opening (of its first byte, on a kept-alive connection),
   *     then its body within this of the head; a slower client's connection is closed. Applies to
   *     every request on the port, not only {@code /webhook}
   * @param idleTimeout how long a kept-alive connection may wait for its next request before it is
   *     closed
   * @param maxConnections open connections at most on the port; a connection beyond is closed as
   *     soon as it is accepted
   * @param maxChange a change whose {@code value} is larger is not published on the raw topic but
   *     sent to {@code whatsapp.inbound.rejected} as {@code TOO_LARGE} (default: the body limit, so
   *     only Kafka's refusal of a record makes a change too large)
   */
  public record Webhook(
      List<String> appSecrets,
      String verifyToken,
      @DefaultValue("3MB") DataSize maxBody,
      @DefaultValue("10s") Duration publishTimeout,
      @DefaultValue("10s") Duration readTimeout,
      @DefaultValue("60s") Duration idleTimeout,
      @DefaultValue("10000") int maxConnections,
      @DefaultValue("3MB") DataSize maxChange) {

    /**
     * Room for a raw record's envelope (type, delivery id, times, number, field) around a change's
     * value within Kafka's record limit.
     */
    static final long RECORD_ENVELOPE = 64 * 1024;

    public Webhook {
      require(
          appSecrets != null
              && !appSecrets.isEmpty()
              && appSecrets.stream().noneMatch(s -> s == null || s.isBlank()),
          "webhook.app-secrets: at least one non-blank secret");
      appSecrets = List.copyOf(appSecrets);
      require(verifyToken != null && !verifyToken.isBlank(), "webhook.verify-token must be set");
      require(maxBody.toBytes() > 0, "webhook.max-body must be positive");
      require(
          publishTimeout.compareTo(Duration.ofSeconds(1)) >= 0,
          "webhook.publish-timeout must be at least 1s");
      require(
          readTimeout != null && readTimeout.toMillis() >= 100,
          "webhook.read-timeout must be at least 100ms");
      require(
          idleTimeout != null && idleTimeout.toMillis() >= 100,
          "webhook.idle-timeout must be at least 100ms");
      require(maxConnections >= 1, "webhook.max-connections must be at least 1");
      // Kafka (the producer's max.request.size and the topics' max.message.bytes, the catalogue's
      // WEBHOOK_RECORD_MAX_BYTES) must take any change of an accepted body
      require(
          maxBody.toBytes() + RECORD_ENVELOPE <= Topics.WEBHOOK_RECORD_MAX_BYTES,
          "webhook.max-body must leave 64KB for the record's envelope within Kafka's record limit"
              + " of "
              + Topics.WEBHOOK_RECORD_MAX_BYTES
              + " bytes (Topics.WEBHOOK_RECORD_MAX_BYTES)");
      require(
          maxChange != null && maxChange.toBytes() > 0 && maxChange.toBytes() <= maxBody.toBytes(),
          "webhook.max-change must be positive and at most webhook.max-body");
    }

    @Override
    public String toString() {
      return "Webhook[appSecrets=<"
          + appSecrets.size()
          + " masked>, verifyToken=<masked>, maxBody="
          + maxBody
          + ", publishTimeout="
          + publishTimeout
          + ", readTimeout="
          + readTimeout
          + ", idleTimeout="
          + idleTimeout
          + ", maxConnections="
          + maxConnections
          + ", maxChange="
          + maxChange
          + "]";
    }
  }

  /**
   * @param baseUrl e.g. {@code https://graph.facebook.com}
   * @param version e.g. {@code v23.0}
   * @param accessToken the deployment's access token, used for numbers whose tenant has none
   * @param recording keep what would be sent instead of calling the Graph API (local, tests)
   * @param timeout of one HTTP call
   */
  public record Graph(
      @DefaultValue("https://graph.facebook.com") URI baseUrl,
      @DefaultValue("v23.0") String version,
      @DefaultValue("") String accessToken,
      @DefaultValue("false") boolean recording,
      @DefaultValue("10s") Duration timeout) {

    public Graph {
      require(baseUrl != null, "graph.base-url must be set");
      require(version != null && !version.isBlank(), "graph.version must be set");
      accessToken = accessToken == null ? "" : accessToken;
    }

    @Override
    public String toString() {
      return "Graph[baseUrl="
          + baseUrl
          + ", version="
          + version
          + ", accessToken=<masked>, recording="
          + recording
          + ", timeout="
          + timeout
          + "]";
    }
  }

  /**
   * @param groupId consumer group of {@code whatsapp.outbound}
   * @param concurrency listener threads (each sends its partitions' records one at a time)
   * @param ratePerSecond messages per second per business number
   * @param rateWait how long a send waits for the rate limiter before it is retried
   * @param maxRetries retries of a send that failed for a transient reason (rate limits, 5xx,
   *     131056)
   * @param initialBackoff first delay before a retry, doubled each time
   * @param maxBackoff longest delay between retries
   * @param recipientBackoff first delay before a retry of a send refused with 131056 (too many
   *     messages to one recipient; WhatsApp allows about one every 6 s sustained), doubled each
   *     time up to the larger of it and {@code maxBackoff}
   * @param tokenCacheTtl how long a tenant's access token (or its absence) is cached
   * @param restrictionPause how long a number restricted for policy (368) gets no sends
   * @param inFlightBackoff how long a record waits before it looks again at a message another
   *     attempt is sending right now (its send-ledger claim is younger than the longest attempt)
   * @param ledgerTimeout of one call to the send ledger (the database)
   */
  public record Sender(
      @DefaultValue("ingress-sender") String groupId,
      @DefaultValue("3") int concurrency,
      @DefaultValue("80") int ratePerSecond,
      @DefaultValue("5s") Duration rateWait,
      @DefaultValue("5") int maxRetries,
      @DefaultValue("1s") Duration initialBackoff,
      @DefaultValue("30s") Duration maxBackoff,
      @DefaultValue("6s") Duration recipientBackoff,
      @DefaultValue("60s") Duration tokenCacheTtl,
      @DefaultValue("1h") Duration restrictionPause,
      @DefaultValue("2s") Duration inFlightBackoff,
      @DefaultValue("5s") Duration ledgerTimeout) {

    public Sender {
      require(groupId != null && !groupId.isBlank(), "sender.group-id must be set");
      require(concurrency >= 1, "sender.concurrency must be at least 1");
      require(ratePerSecond >= 1, "sender.rate-per-second must be at least 1");
      require(maxRetries >= 0, "sender.max-retries must not be negative");
      require(!initialBackoff.isNegative(), "sender.initial-backoff must not be negative");
      require(maxBackoff.compareTo(initialBackoff) >= 0, "sender.max-backoff < initial-backoff");
      require(
          recipientBackoff != null && !recipientBackoff.isNegative(),
          "sender.recipient-backoff must not be negative");
      require(
          inFlightBackoff != null && inFlightBackoff.toMillis() >= 1,
          "sender.in-flight-backoff must be positive");
      require(
          ledgerTimeout != null && ledgerTimeout.toMillis() >= 1,
          "sender.ledger-timeout must be positive");
    }
  }

  @Override
  public String toString() {
    return "IngressProperties[webhook="
        + webhook
        + ", graph="
        + graph
        + ", sender="
        + sender
        + ", tenantServiceUrl="
        + tenantServiceUrl
        + "]";
  }

  private static void require(boolean condition, String message) {
    if (!condition) {
      throw new IllegalArgumentException("sahabot.ingress." + message);
    }
  }
}
