package io.sahabot.ingress.sender;

import static io.sahabot.schemas.topics.Topics.WHATSAPP_INBOUND_STATUSES;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import io.sahabot.platform.kafka.WireOrBytesSerializer;
import io.sahabot.schemas.whatsapp.DeliveryStatus;
import io.sahabot.schemas.whatsapp.ErrorDetail;
import io.sahabot.testsupport.IntegrationTest;
import io.sahabot.testsupport.SahaBotInfrastructure;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;
import java.util.concurrent.ThreadLocalRandom;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.serialization.StringSerializer;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;

/**
 * The statuses consumer on the real broker and database: statuses published out of order leave each
 * message at its furthest status, never moved back; a {@code failed} status goes through the
 * sender's error policy (190: the tenant's broken token counted; 368: the number stops sending).
 */
@IntegrationTest
class DeliveryStatusesIT {

  private static final Instant T0 = Instant.parse("2026-12-07T10:00:00Z");

  @Autowired DeliveryStatuses statuses;
  @Autowired SenderMetrics metrics;
  @Autowired OutboundSender sender;

  @Test
  void statusesOutOfOrderEndInTheFurthestStatusAndNeverMoveBack() {
    UUID tenant = UUID.randomUUID();
    String number = digits();
    String wamid = "wamid.STATUS." + UUID.randomUUID();
    String readFirst = "wamid.STATUS." + UUID.randomUUID();
    // read before delivered before sent: the arrival order Meta does not promise to avoid
    produce(status(tenant, number, wamid, DeliveryStatus.Status.READ, 30, List.of(), "ev-1"));
    produce(status(tenant, number, wamid, DeliveryStatus.Status.DELIVERED, 20, List.of(), "ev-1"));
    produce(status(tenant, number, wamid, DeliveryStatus.Status.SENT, 10, List.of(), "ev-1"));
    // a second message: sent, delivered, then played after read
    produce(status(tenant, number, readFirst, DeliveryStatus.Status.SENT, 10, List.of(), null));
    produce(status(tenant, number, readFirst, DeliveryStatus.Status.PLAYED, 40, List.of(), null));
    produce(status(tenant, number, readFirst, DeliveryStatus.Status.READ, 30, List.of(), null));

    await().atMost(Duration.ofSeconds(30)).until(() -> statuses.latest(tenant, wamid).isPresent());
    // the last of the three published, the sent, has been read once the marker after it is
    String marker = "wamid.STATUS." + UUID.randomUUID();
    produce(status(tenant, number, marker, DeliveryStatus.Status.SENT, 50, List.of(), null));
    await().atMost(Duration.ofSeconds(30)).until(() -> statuses.latest(tenant, marker).isPresent());

    assertThat(statuses.latest(tenant, wamid))
        .contains(new DeliveryStatuses.Latest("read", 0, "ev-1"));
    assertThat(statuses.latest(tenant, readFirst).map(DeliveryStatuses.Latest::status))
        .contains("played");
    // row-level security: another tenant sees nothing of it
    assertThat(statuses.latest(UUID.randomUUID(), wamid)).isEmpty();
  }

  @Test
  void aFailedStatusGoesThroughTheErrorPolicy() {
    UUID tenant = UUID.randomUUID();
    String number = digits();
    String restricted = digits();
    String tokenFailure = "wamid.STATUS." + UUID.randomUUID();
    String restriction = "wamid.STATUS." + UUID.randomUUID();
    double failed190 = metrics.statusFailedCount(190);
    produce(
        status(
            tenant,
            number,
            tokenFailure,
            DeliveryStatus.Status.FAILED,
            10,
            List.of(new ErrorDetail(190, "Access token expired", null, null)),
            "ev-190"));
    produce(
        status(
            tenant,
            restricted,
            restriction,
            DeliveryStatus.Status.FAILED,
            10,
            List.of(new ErrorDetail(368, "Temporarily blocked for policy violations", null, null)),
            "ev-368"));

    await()
        .atMost(Duration.ofSeconds(30))
        .until(() -> metrics.brokenTokenCount(tenant.toString(), number) == 1.0);
    await()
        .atMost(Duration.ofSeconds(30))
        .until(() -> sender.consequences().restrictedUntil(restricted) != null);
    assertThat(metrics.statusFailedCount(190)).isEqualTo(failed190 + 1);
    assertThat(statuses.latest(tenant, tokenFailure))
        .contains(new DeliveryStatuses.Latest("failed", 190, "ev-190"));
    // the policy is the sender's: a send from the restricted number is refused with 368
    assertThat(sender.consequences().restrictedUntil(number)).isNull();

    // a delivered after the failure is the message's latest; a second failed changes nothing
    double brokenBefore = metrics.brokenTokenCount(tenant.toString(), number);
    produce(
        status(tenant, number, tokenFailure, DeliveryStatus.Status.DELIVERED, 20, List.of(), null));
    produce(
        status(
            tenant,
            number,
            tokenFailure,
            DeliveryStatus.Status.FAILED,
            30,
            List.of(new ErrorDetail(190, "Access token expired", null, null)),
            "ev-190"));
    String marker = "wamid.STATUS." + UUID.randomUUID();
    produce(status(tenant, number, marker, DeliveryStatus.Status.SENT, 50, List.of(), null));
    await().atMost(Duration.ofSeconds(30)).until(() -> statuses.latest(tenant, marker).isPresent());
    Optional<DeliveryStatuses.Latest> latest = statuses.latest(tenant, tokenFailure);
    assertThat(latest.map(DeliveryStatuses.Latest::status)).contains("delivered");
    assertThat(metrics.brokenTokenCount(tenant.toString(), number)).isEqualTo(brokenBefore);
  }

  private static DeliveryStatus status(
      UUID tenant,
      String number,
      String wamid,
      DeliveryStatus.Status status,
      int second,
      List<ErrorDetail> errors,
      String callbackData) {
    return new DeliveryStatus(
        UUID.randomUUID().toString(),
        Instant.now(),
        tenant,
        "delivery-" + UUID.randomUUID(),
        number,
        "905551112233",
        wamid,
        status,
        T0.plusSeconds(second),
        errors,
        callbackData);
  }

  /** One producer per status, awaited: the statuses of one test keep their publishing order. */
  private static void produce(DeliveryStatus status) {
    try (var producer =
        new KafkaProducer<>(
            Map.<String, Object>of(
                ProducerConfig.BOOTSTRAP_SERVERS_CONFIG,
                SahaBotInfrastructure.get().kafkaBootstrapServers()),
            new StringSerializer(),
            new WireOrBytesSerializer())) {
      producer
          .send(new ProducerRecord<>(WHATSAPP_INBOUND_STATUSES.name(), status.key(), status))
          .get();
    } catch (Exception e) {
      throw new IllegalStateException(e);
    }
  }

  private static String digits() {
    return Long.toString(ThreadLocalRandom.current().nextLong(100_000_000_000L, 999_999_999_999L));
  }
}
