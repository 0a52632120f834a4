package io.sahabot.tenant.enrichment.domain;

import static org.assertj.core.api.Assertions.assertThat;

import io.sahabot.schemas.whatsapp.DeliveryStatus;
import io.sahabot.schemas.whatsapp.RawWebhookChange;
import io.sahabot.tenant.enrichment.WebhookFixtures;
import java.time.Instant;
import java.util.UUID;
import org.junit.jupiter.api.Test;
import tools.jackson.databind.node.ObjectNode;

class WebhookParserTest {

  private static final UUID TENANT = UUID.fromString("7b0d6a52-3f0e-4c1b-9a57-2f8e1c4d5a60");
  private static final Instant NOW = Instant.parse("2026-11-27T10:00:00Z");

  @Test
  void aStatusNamesTheCallbackDataItsMessageWasSentWith() {
    RawWebhookChange fixture = WebhookFixtures.changes("status_failed_131047.json").get(0);
    ObjectNode value = (ObjectNode) fixture.value().deepCopy();
    ((ObjectNode) value.path("statuses").get(0))
        .put("biz_opaque_callback_data", "3f1c2a9e-0b7d-4e55-9a1e-6c2d8f4b7a10");
    RawWebhookChange withCallback =
        new RawWebhookChange(
            fixture.deliveryId(),
            fixture.receivedAt(),
            fixture.phoneNumberId(),
            fixture.field(),
            value);

    DeliveryStatus status = WebhookParser.parse(withCallback, TENANT, NOW).statuses().get(0);

    assertThat(status.callbackData()).isEqualTo("3f1c2a9e-0b7d-4e55-9a1e-6c2d8f4b7a10");
    assertThat(status.status()).isEqualTo(DeliveryStatus.Status.FAILED);
    assertThat(status.errors()).extracting(e -> e.code()).containsExactly(131047);
  }

  @Test
  void aStatusWithoutCallbackDataHasNone() {
    RawWebhookChange fixture = WebhookFixtures.changes("status_failed_131047.json").get(0);

    DeliveryStatus status = WebhookParser.parse(fixture, TENANT, NOW).statuses().get(0);

    assertThat(status.callbackData()).isNull();
  }
}
