package io.sahabot.tenant.enrichment;

import io.sahabot.schemas.Json;
import io.sahabot.schemas.whatsapp.RawWebhookChange;
import io.sahabot.testsupport.SharedFixtures;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;
import java.util.stream.Stream;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.node.ObjectNode;

/** The WhatsApp webhook fixtures of {@code shared/fixtures}, as ingress publishes them. */
public final class WebhookFixtures {

  private WebhookFixtures() {}

  /** {@code shared/fixtures/whatsapp/webhooks}, located by the shared {@link SharedFixtures}. */
  public static Path directory() {
    return SharedFixtures.path("whatsapp/webhooks");
  }

  public static List<String> names() {
    try (Stream<Path> files = Files.list(directory())) {
      return files
          .map(p -> p.getFileName().toString())
          .filter(n -> n.endsWith(".json"))
          .sorted()
          .toList();
    } catch (IOException e) {
      throw new IllegalStateException(e);
    }
  }

  /** Every {@code changes[].value} of a fixture, as records of the raw topic. */
  public static List<RawWebhookChange> changes(String name) {
    JsonNode body = Json.mapper().readTree(directory().resolve(name).toFile());
    List<RawWebhookChange> changes = new ArrayList<>();
    for (JsonNode entry : body.path("entry")) {
      for (JsonNode change : entry.path("changes")) {
        JsonNode value = change.path("value");
        changes.add(
            change(
                value.path("metadata").path("phone_number_id").asString(),
                change.path("field").asString(),
                value));
      }
    }
    return changes;
  }

  /** The single change of a fixture, moved to another business number. */
  public static RawWebhookChange change(String name, String phoneNumberId) {
    RawWebhookChange original = changes(name).get(0);
    ObjectNode value = (ObjectNode) original.value().deepCopy();
    ((ObjectNode) value.path("metadata")).put("phone_number_id", phoneNumberId);
    return change(phoneNumberId, original.field(), value);
  }

  public static RawWebhookChange change(String phoneNumberId, String field, JsonNode value) {
    return new RawWebhookChange(
        UUID.randomUUID().toString(), Instant.now(), phoneNumberId, field, value);
  }

  public static ObjectNode json(String text) {
    return (ObjectNode) Json.mapper().readTree(text);
  }
}
