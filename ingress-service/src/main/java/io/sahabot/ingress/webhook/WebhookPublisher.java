package io.sahabot.ingress.webhook;

import static io.sahabot.schemas.topics.Topics.WHATSAPP_INBOUND_RAW;
import static io.sahabot.schemas.topics.Topics.WHATSAPP_INBOUND_REJECTED;

import io.sahabot.ingress.webhook.domain.WebhookSplitter.Change;
import io.sahabot.ingress.webhook.domain.WebhookSplitter.RejectedChange;
import io.sahabot.ingress.webhook.domain.WebhookSplitter.Split;
import io.sahabot.schemas.Json;
import io.sahabot.schemas.whatsapp.RawWebhookChange;
import io.sahabot.schemas.whatsapp.RejectedInbound;
import java.io.ByteArrayOutputStream;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import org.apache.kafka.common.errors.RecordTooLargeException;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.kafka.core.KafkaTemplate;
import reactor.core.publisher.Mono;
import reactor.core.scheduler.Schedulers;
import tools.jackson.core.io.JsonStringEncoder;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.node.ObjectNode;
import tools.jackson.databind.node.StringNode;

/**
 * Publishes the changes of one POST to {@code whatsapp.inbound.raw}, each under its own {@code
 * phone_number_id}, and completes only when the broker has acknowledged every one of them (the
 * producer runs with acks=all and idempotence). It fails with {@link BrokerUnavailable} when that
 * does not happen within the bound.
 *
 * <p>Each record is the wire JSON of a {@link RawWebhookChange}, written directly with the change's
 * {@code value} bytes as they came in the body (no tree, no copy of it, no re-encoding).
 *
 * <p>A part of the POST that is not a publishable change ({@link Split#rejected()}: unreadable, or
 * larger than {@code max-change}), and a change Kafka refuses as too large ({@link
 * RecordTooLargeException}: the producer's {@code max.request.size} or the topic's {@code
 * max.message.bytes}), goes to {@code whatsapp.inbound.rejected} as a {@link RejectedInbound}
 * instead, acknowledged like the others: the POST is answered 200 and Meta does not send it again.
 *
 * <p>{@code send()} blocks while the producer has no metadata for the topic (at start, or with the
 * broker down) or its buffer is full. So sends run on {@code boundedElastic} until the broker has
 * acknowledged a publish, and again after any publish failed; in between (the broker answering, the
 * topic's metadata cached: {@code metadata.max.idle.ms} keeps it) they run on the calling event
 * loop, sparing a thread hop per POST.
 */
public class WebhookPublisher {

  private static final Logger log = LoggerFactory.getLogger(WebhookPublisher.class);

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

  /** What a POST's records came to: changes on the raw topic, parts on the rejected topic. */
  public record Published(int changes, List<RejectedInbound> rejected) {}

  /** The changes of one POST, without rejected parts. */
  public Mono<Integer> publish(List<Change> changes) {
    return publish(new Split(changes, List.of())).map(Published::changes);
  }

  public Mono<Published> publish(Split split) {
    if (split.changes().isEmpty() && split.rejected().isEmpty()) {
      return Mono.just(new Published(0, List.of()));
    }
    // the producer itself fails a record after delivery.timeout.ms (the same bound); orTimeout is
    // the belt to those braces, and cheaper per POST than Mono.timeout (no operator name built)
    Mono<Published> sent =
        Mono.fromFuture(() -> sendAll(split).orTimeout(timeout.toMillis(), TimeUnit.MILLISECONDS));
    if (sendsMayBlock) {
      sent = sent.subscribeOn(Schedulers.boundedElastic());
    }
    return sent.doOnSuccess(ignored -> sendsMayBlock = false)
        .doOnError(ignored -> sendsMayBlock = true)
        .onErrorMap(e -> !(e instanceof BrokerUnavailable), BrokerUnavailable::new);
  }

  private CompletableFuture<Published> sendAll(Split split) {
    List<Change> changes = split.changes();
    if (changes.size() == 1 && split.rejected().isEmpty()) {
      Change change = changes.get(0);
      return sendChange(change)
          .thenApply(
              rejected ->
                  rejected == null
                      ? new Published(1, List.of())
                      : new Published(0, List.of(rejected)));
    }
    List<CompletableFuture<RejectedInbound>> sent = new ArrayList<>();
    for (Change change : changes) {
      sent.add(sendChange(change));
    }
    List<CompletableFuture<RejectedInbound>> rejections = new ArrayList<>();
    for (RejectedChange part : split.rejected()) {
      RejectedInbound rejected = rejected(part);
      rejections.add(sendRejected(rejected).thenApply(ignored -> rejected));
    }
    List<CompletableFuture<RejectedInbound>> all = new ArrayList<>(sent);
    all.addAll(rejections);
    return CompletableFuture.allOf(all.toArray(CompletableFuture[]::new))
        .thenApply(
            ignored -> {
              int published = 0;
              List<RejectedInbound> rejected = new ArrayList<>();
              for (CompletableFuture<RejectedInbound> change : sent) {
                RejectedInbound r = change.join();
                if (r == null) {
                  published++;
                } else {
                  rejected.add(r);
                }
              }
              rejections.forEach(r -> rejected.add(r.join()));
              return new Published(published, List.copyOf(rejected));
            });
  }

  /**
   * Completes with null once the change is on the raw topic, or with its rejection once that is on
   * the rejected topic when Kafka refused the change as too large.
   */
  private CompletableFuture<RejectedInbound> sendChange(Change change) {
    return send(WHATSAPP_INBOUND_RAW.name(), change.key(), record(change))
        .handle(
            (result, e) -> {
              if (e == null) {
                return CompletableFuture.<RejectedInbound>completedFuture(null);
              }
              RecordTooLargeException tooLarge = tooLarge(e);
              if (tooLarge == null) {
                return CompletableFuture.<RejectedInbound>failedFuture(e);
              }
              log.warn(
                  "Change {} ({} bytes) refused by Kafka as too large, sent to {}",
                  change.deliveryId(),
                  change.value().length,
                  WHATSAPP_INBOUND_REJECTED.name());
              RejectedInbound rejected =
                  rejected(
                      new RejectedChange(
                          change.deliveryId(),
                          change.receivedAt(),
                          change.phoneNumberId(),
                          change.field(),
                          RejectedChange.Kind.TOO_LARGE,
                          "Kafka refused the change as too large: " + tooLarge.getMessage(),
                          change.value().length,
                          null));
              return sendRejected(rejected).thenApply(ignored -> rejected);
            })
        .thenCompose(f -> f);
  }

  private CompletableFuture<?> sendRejected(RejectedInbound rejected) {
    return send(WHATSAPP_INBOUND_REJECTED.name(), rejected.key(), rejected);
  }

  /**
   * {@link KafkaTemplate#send}, with what it throws (a record the producer refuses before sending
   * it, such as one over {@code max.request.size}) as a failed future.
   */
  private CompletableFuture<?> send(String topic, String key, Object value) {
    try {
      return kafka.send(topic, key, value);
    } catch (RuntimeException e) {
      return CompletableFuture.failedFuture(e);
    }
  }

  /** The rejected topic's record of a part of a POST. */
  static RejectedInbound rejected(RejectedChange part) {
    JsonNode change;
    if (part.kind() == RejectedChange.Kind.TOO_LARGE || part.content() == null) {
      ObjectNode summary = Json.mapper().createObjectNode();
      if (part.field() != null) {
        summary.put("field", part.field());
      }
      summary.put("bytes", part.bytes());
      change = summary;
    } else {
      change = readable(part.content());
    }
    return new RejectedInbound(
        UUID.nameUUIDFromBytes((part.deliveryId() + "|rejected").getBytes(StandardCharsets.UTF_8))
            .toString(),
        part.receivedAt(),
        part.deliveryId(),
        part.phoneNumberId(),
        null,
        part.kind() == RejectedChange.Kind.TOO_LARGE
            ? RejectedInbound.Reason.TOO_LARGE
            : RejectedInbound.Reason.UNREADABLE,
        part.detail(),
        change);
  }

  /** The part as JSON; as a string when it is not (it always is, being a part of a JSON body). */
  private static JsonNode readable(byte[] content) {
    try {
      return Json.mapper().readTree(content);
    } catch (RuntimeException e) {
      return StringNode.valueOf(new String(content, StandardCharsets.UTF_8));
    }
  }

  /** The {@link RecordTooLargeException} among the causes of {@code e}, or null. */
  private static RecordTooLargeException tooLarge(Throwable e) {
    for (Throwable t = e; t != null; t = t.getCause()) {
      if (t instanceof RecordTooLargeException tooLarge) {
        return tooLarge;
      }
    }
    return null;
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
