package io.sahabot.ingress.webhook;

import static io.sahabot.schemas.topics.Topics.WHATSAPP_INBOUND_RAW;
import static org.assertj.core.api.Assertions.assertThat;

import io.sahabot.ingress.webhook.domain.WebhookSplitter;
import io.sahabot.platform.kafka.WireSerdes;
import io.sahabot.schemas.Json;
import io.sahabot.schemas.whatsapp.RawWebhookChange;
import io.sahabot.testsupport.MetaWebhooks;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Instant;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

class WebhookPublisherTest {

  static java.util.List<Path> fixtures() {
    return MetaWebhooks.fixtures();
  }

  @Test
  void escapesTheStringsItWrites() {
    var change =
        new WebhookSplitter.Change(
            "d-1",
            Instant.parse("2026-11-27T10:00:00Z"),
            "1\"2\\3\u00e7",
            "mess\nages",
            "{\"a\":1}".getBytes(StandardCharsets.US_ASCII));

    var read =
        (RawWebhookChange)
            WireSerdes.valueDeserializer(WHATSAPP_INBOUND_RAW)
                .deserialize(WHATSAPP_INBOUND_RAW.name(), WebhookPublisher.record(change));

    assertThat(read.phoneNumberId()).isEqualTo("1\"2\\3\u00e7");
    assertThat(read.field()).isEqualTo("mess\nages");
    assertThat(read.value().path("a").asInt()).isEqualTo(1);
  }

  @ParameterizedTest
  @MethodSource("fixtures")
  void writesTheRecordWireSerdesWouldWriteWithTheValueBytesAsSent(Path fixture) {
    byte[] body = MetaWebhooks.escaped(MetaWebhooks.read(fixture));
    Instant received = Instant.parse("2026-11-27T10:00:00.123456789Z");
    var changes =
        new WebhookSplitter(Json.mapper(), () -> "delivery-1").split(body, received).changes();
    WebhookSplitter.Change change = changes.get(0);

    byte[] record = WebhookPublisher.record(change);

    RawWebhookChange expected =
        new RawWebhookChange(
            "delivery-1",
            received,
            change.phoneNumberId(),
            change.field(),
            Json.mapper().readTree(change.value()));
    byte[] serialized =
        WireSerdes.<Object>valueSerializer().serialize(WHATSAPP_INBOUND_RAW.name(), expected);
    assertThat(Json.mapper().readTree(record)).isEqualTo(Json.mapper().readTree(serialized));
    assertThat(
            WireSerdes.valueDeserializer(WHATSAPP_INBOUND_RAW)
                .deserialize(WHATSAPP_INBOUND_RAW.name(), record))
        .isEqualTo(expected);
    assertThat(new String(record, StandardCharsets.US_ASCII))
        .contains("\"value\":" + new String(change.value(), StandardCharsets.US_ASCII) + "}");
  }
}
