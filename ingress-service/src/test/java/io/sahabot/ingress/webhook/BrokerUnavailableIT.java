package io.sahabot.ingress.webhook;

import static org.assertj.core.api.Assertions.assertThat;

import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import io.sahabot.ingress.config.KafkaConfig;
import io.sahabot.ingress.webhook.domain.SignatureVerifier;
import io.sahabot.ingress.webhook.domain.WebhookSplitter;
import io.sahabot.platform.kafka.WireOrBytesSerializer;
import io.sahabot.schemas.Json;
import io.sahabot.testsupport.MetaWebhooks;
import io.sahabot.testsupport.SharedFixtures;
import java.net.ServerSocket;
import java.time.Clock;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.common.serialization.StringSerializer;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.http.MediaType;
import org.springframework.kafka.core.DefaultKafkaProducerFactory;
import org.springframework.kafka.core.KafkaTemplate;
import org.springframework.test.web.reactive.server.WebTestClient;
import reactor.netty.DisposableServer;
import reactor.netty.http.server.HttpServer;

/**
 * The webhook endpoint with its producer pointed at a closed port (the shared broker keeps
 * running): Kafka cannot acknowledge, so the answer is 503 within the bound, never 200.
 */
class BrokerUnavailableIT {

  private DefaultKafkaProducerFactory<String, Object> producers;
  private final SimpleMeterRegistry registry = new SimpleMeterRegistry();
  private DisposableServer server;
  private WebTestClient http;

  @BeforeEach
  void pointAtAClosedPort() throws Exception {
    int closed;
    try (ServerSocket socket = new ServerSocket(0)) {
      closed = socket.getLocalPort();
    }
    Duration timeout = Duration.ofMillis(1500);
    producers =
        new DefaultKafkaProducerFactory<>(
            KafkaConfig.producerConfig(
                Map.of(ProducerConfig.BOOTSTRAP_SERVERS_CONFIG, "127.0.0.1:" + closed),
                timeout.toMillis()),
            new StringSerializer(),
            new WireOrBytesSerializer());
    var controller =
        new WebhookController(
            new SignatureVerifier(List.of("secret")),
            new WebhookSplitter(Json.mapper(), () -> UUID.randomUUID().toString()),
            new WebhookPublisher(new KafkaTemplate<>(producers), timeout),
            new WebhookMetrics(registry),
            "verify",
            3 * 1024 * 1024,
            Clock.systemUTC());
    server = HttpServer.create().host("127.0.0.1").port(0).route(controller::routes).bindNow();
    http =
        WebTestClient.bindToServer()
            .baseUrl("http://127.0.0.1:" + server.port())
            .responseTimeout(Duration.ofSeconds(10))
            .build();
  }

  @AfterEach
  void close() {
    server.disposeNow();
    producers.destroy();
  }

  @Test
  void answers503WhenTheBrokerDoesNotAcknowledge() {
    byte[] body =
        MetaWebhooks.escaped(
            MetaWebhooks.read(SharedFixtures.file("whatsapp/webhooks/text_tr.json")));
    long started = System.nanoTime();

    http.post()
        .uri("/webhook")
        .contentType(MediaType.APPLICATION_JSON)
        .header("X-Hub-Signature-256", MetaWebhooks.signature(body, "secret"))
        .bodyValue(body)
        .exchange()
        .expectStatus()
        .isEqualTo(503)
        .expectHeader()
        .exists("Retry-After");

    assertThat(Duration.ofNanos(System.nanoTime() - started)).isLessThan(Duration.ofSeconds(8));
    assertThat(
            registry.counter("sahabot.ingress.webhooks.rejected", "reason", "unavailable").count())
        .isEqualTo(1);
    assertThat(registry.counter("sahabot.ingress.records.published").count()).isZero();
  }
}
