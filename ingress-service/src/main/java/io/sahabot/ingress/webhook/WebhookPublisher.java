package io.sahabot.ingress.webhook;

import static io.sahabot.schemas.topics.Topics.WHATSAPP_INBOUND_RAW;

import io.sahabot.ingress.webhook.domain.WebhookSplitter.Change;
import io.sahabot.schemas.whatsapp.RawWebhookChange;
import java.io.ByteArrayOutputStream;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import org.springframework.kafka.core.KafkaTemplate;
import reactor.core.publisher.Mono;
import reactor.core.scheduler.Schedulers;
import tools.jackson.core.io.JsonStringEncoder;

/**
 * Publishes the changes of one POST to {@code whatsapp.inbound.raw}, each under its own {@code
 * phone_number_id}, and completes only when the broker has acknowledged every one of them (the
 * producer runs with acks=all and idempotence). It fails with {@link BrokerUnavailable} when that
 * does not happen within the bound.
 *
 * <p>Each record is the wire JSON of a {@link RawWebhookChange}, written directly with the change's
 * {@code value} bytes as they came in the body (no tree, no copy of it, no re-encoding).
 *
 * <p>{@code send()} blocks while the producer has no metadata for the topic (at start, or with the
 * broker down) or its buffer is full. So sends run on {@code boundedElastic} until the broker has
 * acknowledged a publish, and again after any publish failed; in between (the broker answering, the
 * topic's metadata cached: {@code metadata.max.idle.ms} keeps it) they run on the calling event
 * loop, sparing a thread hop per POST.
 */
public class WebhookPublisher {

  private final KafkaTemplate<String, Object> kafka;
  private final Duration timeout;
  private volatile boolean sendsMayBlock = true;

  public WebhookPublisher(KafkaTemplate<String, Object> kafka, Duration timeout) {
    this.kafka = kafka;
    this.timeout = timeout;
  }

  /** The broker did not acknowledge every record of a POST in time. */
  public static final class BrokerUnavailable extends RuntimeException {
    BrokerUnavailable(Throwable cause) {
      super("Kafka did not acknowledge the webhook's records", cause);
    }
  }

  public Mono<Integer> publish(List<Change> changes) {
    if (changes.isEmpty()) {
      return Mono.just(0);
    }
    // the producer itself fails a record after delivery.timeout.ms (the same bound); orTimeout is
    // the belt to those braces, and cheaper per POST than Mono.timeout (no operator name built)
    Mono<Void> sent =
        Mono.fromFuture(
            () -> sendAll(changes).orTimeout(timeout.toMillis(), TimeUnit.MILLISECONDS));
    if (sendsMayBlock) {
      sent = sent.subscribeOn(Schedulers.boundedElastic());
    }
    return sent.doOnSuccess(ignored -> sendsMayBlock = false)
        .doOnError(ignored -> sendsMayBlock = true)
        .thenReturn(changes.size())
        .onErrorMap(e -> !(e instanceof BrokerUnavailable), BrokerUnavailable::new);
  }

  private CompletableFuture<Void> sendAll(List<Change> changes) {
    if (changes.size() == 1) {
      Change change = changes.get(0);
      return kafka
          .send(WHATSAPP_INBOUND_RAW.name(), change.key(), record(change))
          .thenApply(ignored -> null);
    }
    CompletableFuture<?>[] sent = new CompletableFuture<?>[changes.size()];
    for (int i = 0; i < sent.length; i++) {
      Change change = changes.get(i);
      sent[i] = kafka.send(WHATSAPP_INBOUND_RAW.name(), change.key(), record(change));
    }
    return CompletableFuture.allOf(sent);
  }

  private static final byte[] TYPE =
      ("{\"type\":\"" + RawWebhookChange.class.getSimpleName() + "\",\"deliveryId\":")
          .getBytes(StandardCharsets.US_ASCII);
  private static final byte[] RECEIVED_AT = ",\"receivedAt\":".getBytes(StandardCharsets.US_ASCII);
  private static final byte[] PHONE_NUMBER_ID =
      ",\"phoneNumberId\":".getBytes(StandardCharsets.US_ASCII);
  private static final byte[] FIELD = ",\"field\":".getBytes(StandardCharsets.US_ASCII);
  private static final byte[] VALUE = ",\"value\":".getBytes(StandardCharsets.US_ASCII);

  /**
   * The wire JSON of the {@link RawWebhookChange} this change stands for ({@code type} first, as
   * {@code WireSerdes} writes it; strings escaped by Jackson), its {@code value} the body's bytes.
   */
  static byte[] record(Change change) {
    ByteArrayOutputStream out = new ByteArrayOutputStream(change.value().length + 200);
    out.writeBytes(TYPE);
    string(out, change.deliveryId());
    out.writeBytes(RECEIVED_AT);
    string(out, change.receivedAt().toString());
    out.writeBytes(PHONE_NUMBER_ID);
    string(out, change.phoneNumberId());
    out.writeBytes(FIELD);
    string(out, change.field());
    out.writeBytes(VALUE);
    out.writeBytes(change.value());
    out.write('}');
    return out.toByteArray();
  }

  private static void string(ByteArrayOutputStream out, String value) {
    out.write('"');
    out.writeBytes(JsonStringEncoder.getInstance().quoteAsUTF8(value));
    out.write('"');
  }
}
