package io.sahabot.ingress.webhook;

import static io.sahabot.schemas.topics.Topics.WHATSAPP_INBOUND_RAW;

import io.sahabot.schemas.whatsapp.RawWebhookChange;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import org.springframework.kafka.core.KafkaTemplate;
import reactor.core.publisher.Mono;
import reactor.core.scheduler.Schedulers;

/**
 * Publishes the changes of one POST to {@code whatsapp.inbound.raw}, each under its own {@code
 * phone_number_id}, and completes only when the broker has acknowledged every one of them (the
 * producer runs with acks=all and idempotence). It fails with {@link BrokerUnavailable} when that
 * does not happen within the bound.
 */
public class WebhookPublisher {

  private final KafkaTemplate<String, Object> kafka;
  private final Duration timeout;

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

  public Mono<Integer> publish(List<RawWebhookChange> changes) {
    if (changes.isEmpty()) {
      return Mono.just(0);
    }
    // send() may block while it fetches metadata (broker down): never on an event-loop thread
    return Mono.fromCallable(() -> sendAll(changes))
        .subscribeOn(Schedulers.boundedElastic())
        .flatMap(Mono::fromFuture)
        .timeout(timeout)
        .thenReturn(changes.size())
        .onErrorMap(e -> !(e instanceof BrokerUnavailable), BrokerUnavailable::new);
  }

  private CompletableFuture<Void> sendAll(List<RawWebhookChange> changes) {
    CompletableFuture<?>[] sent = new CompletableFuture<?>[changes.size()];
    for (int i = 0; i < sent.length; i++) {
      RawWebhookChange change = changes.get(i);
      sent[i] = kafka.send(WHATSAPP_INBOUND_RAW.name(), change.key(), change);
    }
    return CompletableFuture.allOf(sent);
  }
}
