package io.sahabot.ingress.webhook.domain;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.tuple;

import io.sahabot.ingress.webhook.domain.WebhookRejected.Reason;
import io.sahabot.ingress.webhook.domain.WebhookSplitter.Change;
import io.sahabot.ingress.webhook.domain.WebhookSplitter.RejectedChange;
import io.sahabot.ingress.webhook.domain.WebhookSplitter.Split;
import io.sahabot.schemas.Json;
import io.sahabot.testsupport.MetaWebhooks;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Instant;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;
import tools.jackson.databind.JsonNode;

class WebhookSplitterTest {

  private static final Instant NOW = Instant.parse("2026-11-27T10:00:00Z");
  private final AtomicInteger ids = new AtomicInteger();
  private final WebhookSplitter splitter =
      new WebhookSplitter(Json.mapper(), () -> "d-" + ids.incrementAndGet());

  static java.util.List<Path> fixtures() {
    return MetaWebhooks.fixtures();
  }

  @ParameterizedTest
  @MethodSource("fixtures")
  void splitsEveryFixtureIntoItsChangesKeyedByPhoneNumberIdWithTheValueVerbatim(Path fixture) {
    JsonNode body = MetaWebhooks.read(fixture);

    var split = splitter.split(MetaWebhooks.escaped(body), NOW);

    JsonNode change = body.path("entry").path(0).path("changes").path(0);
    assertThat(split.changes()).hasSize(1);
    Change raw = split.changes().get(0);
    assertThat(raw.key())
        .isEqualTo(change.path("value").path("metadata").path("phone_number_id").asString());
    assertThat(raw.field()).isEqualTo(change.path("field").asString());
    assertThat(Json.mapper().readTree(raw.value())).isEqualTo(change.path("value"));
    assertThat(raw.receivedAt()).isEqualTo(NOW);
    assertThat(raw.deliveryId()).isEqualTo("d-1");
  }

  @Test
  void keepsTheValueBytesAsSentEscapesAndSpacingIncluded() {
    String value =
        "{ \"metadata\" : {\"phone_number_id\":\"A\"}, \"text\":\"Sal\\u0131 ak\\u015fam\",\"n\":1.50}";
    String body =
        "{\"entry\":[{\"changes\":[{\"value\":"
            + value
            + ",\"field\":\"messages\"}]}],\"object\":\"whatsapp_business_account\"}";

    var split = splitter.split(body.getBytes(StandardCharsets.US_ASCII), NOW);

    assertThat(split.changes())
        .singleElement()
        .satisfies(
            c -> {
              assertThat(new String(c.value(), StandardCharsets.US_ASCII)).isEqualTo(value);
              assertThat(c.key()).isEqualTo("A");
            });
  }

  @Test
  void splitsManyEntriesAndChangesEachUnderItsOwnKeyKeepingUnknownFields() {
    String body =
        """
        {"object":"whatsapp_business_account","entry":[
          {"id":"1","changes":[
            {"field":"messages","value":{"metadata":{"phone_number_id":"A"},"future":{"x":1}}},
            {"field":"messages","value":{"metadata":{"phone_number_id":"B"}}}]},
          {"id":"2","changes":[
            {"field":"messages","value":{"metadata":{"phone_number_id":"C"}}},
            {"field":"account_update","value":{"event":"VERIFIED_ACCOUNT"}}]}]}
        """;

    var split = splitter.split(body.getBytes(StandardCharsets.UTF_8), NOW);

    assertThat(split.changes()).extracting(Change::key).containsExactly("A", "B", "C");
    assertThat(split.changes()).extracting(Change::deliveryId).doesNotHaveDuplicates();
    assertThat(
            Json.mapper().readTree(split.changes().get(0).value()).path("future").path("x").asInt())
        .isEqualTo(1);
    assertThat(split.skipped()).containsExactly("account_update");
  }

  @Test
  void refusesWhatIsNotAWhatsappWebhook() {
    assertRejected("not json", Reason.MALFORMED);
    assertRejected("[1,2]", Reason.MALFORMED);
    assertRejected("{\"object\":\"page\",\"entry\":[]}", Reason.NOT_WHATSAPP);
    assertRejected("{\"entry\":[]}", Reason.NOT_WHATSAPP);
    assertRejected("{\"object\":\"whatsapp_business_account\"}", Reason.MALFORMED);
    assertRejected("", Reason.MALFORMED);
    assertRejected("{\"object\":\"whatsapp_business_account\",\"entry\":[]} {}", Reason.MALFORMED);
    assertRejected("{\"object\":\"whatsapp_business_account\",\"entry\":[", Reason.MALFORMED);
    assertRejected("{\"entry\":[{\"changes\":3}],\"object\":\"page\"}", Reason.NOT_WHATSAPP);
    // a body with a malformed change in an unfinished document is still not JSON
    assertRejected(
        "{\"object\":\"whatsapp_business_account\",\"entry\":[{\"changes\":[3]}]",
        Reason.MALFORMED);
  }

  @Test
  void anUnreadableEntryOrChangeIsRejectedAloneWithItsBytesAndTheOthersAreKept() {
    String good =
        "{\"field\":\"messages\",\"value\":{\"metadata\":{\"phone_number_id\":\"111\"},\"x\":1}}";
    String body =
        "{\"object\":\"whatsapp_business_account\",\"entry\":["
            + "{\"changes\":{}},"
            + "7,"
            + "{\"changes\":["
            + good
            + ",3,\"text\","
            + "{\"field\":\"messages\",\"value\":3},"
            + "{\"value\":{\"metadata\":{\"phone_number_id\":\"222\"}}}]}]}";

    Split split = splitter.split(body.getBytes(StandardCharsets.UTF_8), NOW);

    assertThat(split.changes())
        .singleElement()
        .satisfies(c -> assertThat(c.key()).isEqualTo("111"));
    assertThat(split.rejected())
        .extracting(
            r -> r.kind(),
            r -> r.detail(),
            r -> r.phoneNumberId(),
            r -> new String(r.content(), StandardCharsets.UTF_8))
        .containsExactly(
            tuple(
                RejectedChange.Kind.UNREADABLE,
                "entry[].changes is not an array",
                null,
                "{\"changes\":{}}"),
            tuple(RejectedChange.Kind.UNREADABLE, "entry[].changes is not an array", null, "7"),
            tuple(RejectedChange.Kind.UNREADABLE, "changes[] is not an object", null, "3"),
            tuple(RejectedChange.Kind.UNREADABLE, "changes[] is not an object", null, "\"text\""),
            tuple(
                RejectedChange.Kind.UNREADABLE,
                "changes[].value is not an object",
                null,
                "{\"field\":\"messages\",\"value\":3}"),
            tuple(
                RejectedChange.Kind.UNREADABLE,
                "changes[].field is missing",
                "222",
                "{\"value\":{\"metadata\":{\"phone_number_id\":\"222\"}}}"));
  }

  @Test
  void aChangeLargerThanTheLimitIsRejectedAsTooLargeWithoutItsBytes() {
    WebhookSplitter small = new WebhookSplitter(Json.mapper(), () -> "d", 40);
    String body =
        "{\"object\":\"whatsapp_business_account\",\"entry\":[{\"changes\":["
            + "{\"field\":\"messages\",\"value\":{\"metadata\":{\"phone_number_id\":\"111\"}}},"
            + "{\"field\":\"messages\",\"value\":{\"metadata\":{\"phone_number_id\":\"222\"},"
            + "\"padding\":\"xxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxx\"}}]}]}";

    Split split = small.split(body.getBytes(StandardCharsets.UTF_8), NOW);

    assertThat(split.changes())
        .singleElement()
        .satisfies(c -> assertThat(c.key()).isEqualTo("111"));
    assertThat(split.rejected())
        .singleElement()
        .satisfies(
            r -> {
              assertThat(r.kind()).isEqualTo(RejectedChange.Kind.TOO_LARGE);
              assertThat(r.phoneNumberId()).isEqualTo("222");
              assertThat(r.field()).isEqualTo("messages");
              assertThat(r.bytes()).isGreaterThan(40);
              assertThat(r.content()).isNull();
            });
  }

  private void assertRejected(String body, Reason reason) {
    assertThatThrownBy(() -> splitter.split(body.getBytes(StandardCharsets.UTF_8), NOW))
        .isInstanceOfSatisfying(
            WebhookRejected.class, e -> assertThat(e.reason()).as(body).isEqualTo(reason));
  }
}
