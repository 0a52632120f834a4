package io.sahabot.tenant.enrichment;

import static io.sahabot.schemas.topics.Topics.WHATSAPP_INBOUND_MESSAGES;
import static io.sahabot.schemas.topics.Topics.WHATSAPP_INBOUND_RAW;
import static io.sahabot.schemas.topics.Topics.WHATSAPP_INBOUND_REJECTED;
import static io.sahabot.schemas.topics.Topics.WHATSAPP_INBOUND_STATUSES;

import io.sahabot.platform.kafka.WireSerdes;
import io.sahabot.schemas.whatsapp.DeliveryStatusRecord;
import io.sahabot.schemas.whatsapp.InboundMessageRecord;
import io.sahabot.schemas.whatsapp.RejectedInboundRecord;
import java.util.List;
import java.util.function.Function;
import org.apache.kafka.common.serialization.Serde;
import org.apache.kafka.common.serialization.Serdes;
import org.apache.kafka.streams.kstream.Branched;
import org.apache.kafka.streams.kstream.BranchedKStream;
import org.apache.kafka.streams.kstream.KStream;
import org.apache.kafka.streams.kstream.Named;
import org.apache.kafka.streams.kstream.Produced;

/**
 * Where each kind of {@link Enriched} goes: one route per kind, with its topic, its serde and the
 * names of its nodes (branch {@code route-<branch>}, then {@code as-…}, then {@code …-sink}), so
 * {@code describe()} and the node names stay as they were.
 */
final class EnrichmentRoutes {

  private EnrichmentRoutes() {}

  /**
   * One kind of output: which values it takes, what it writes, to which topic, with which serde.
   */
  record Route<T extends Enriched, V>(
      String branch,
      String unwrapName,
      String sinkName,
      Class<T> kind,
      Function<T, V> value,
      String topic,
      Serde<V> serde) {

    boolean takes(Enriched enriched) {
      return kind.isInstance(enriched);
    }

    void writeTo(KStream<String, Enriched> stream) {
      stream
          .mapValues(v -> value.apply(kind.cast(v)), Named.as(unwrapName))
          .to(topic, Produced.with(Serdes.String(), serde).withName(sinkName));
    }
  }

  static List<Route<?, ?>> routes() {
    return List.of(
        new Route<Enriched.Message, InboundMessageRecord>(
            "messages",
            "as-message",
            "messages-sink",
            Enriched.Message.class,
            Enriched.Message::message,
            WHATSAPP_INBOUND_MESSAGES.name(),
            WireSerdes.valueSerde(WHATSAPP_INBOUND_MESSAGES)),
        new Route<Enriched.Status, DeliveryStatusRecord>(
            "statuses",
            "as-status",
            "statuses-sink",
            Enriched.Status.class,
            Enriched.Status::status,
            WHATSAPP_INBOUND_STATUSES.name(),
            WireSerdes.valueSerde(WHATSAPP_INBOUND_STATUSES)),
        new Route<Enriched.Rejected, RejectedInboundRecord>(
            "rejected",
            "as-rejection",
            "rejected-sink",
            Enriched.Rejected.class,
            Enriched.Rejected::rejected,
            WHATSAPP_INBOUND_REJECTED.name(),
            WireSerdes.valueSerde(WHATSAPP_INBOUND_REJECTED)),
        new Route<Enriched.DeadLetter, byte[]>(
            "dead-letter",
            "as-dead-letter",
            "dead-letter-sink",
            Enriched.DeadLetter.class,
            Enriched.DeadLetter::value,
            WHATSAPP_INBOUND_RAW.deadLetter(),
            Serdes.ByteArray()));
  }

  /** Sends every value of {@code enriched} down the route of its kind. */
  static void route(KStream<String, Enriched> enriched) {
    BranchedKStream<String, Enriched> split = enriched.split(Named.as("route-"));
    for (Route<?, ?> route : routes()) {
      split.branch(
          (key, value) -> route.takes(value),
          Branched.withConsumer(route::writeTo, route.branch()));
    }
    split.noDefaultBranch();
  }
}
