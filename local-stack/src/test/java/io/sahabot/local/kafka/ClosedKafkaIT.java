package io.sahabot.local.kafka;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.awaitility.Awaitility.await;

import io.sahabot.local.Services;
import io.sahabot.local.replay.ReplayCommand;
import io.sahabot.schemas.topics.KafkaAccess;
import io.sahabot.schemas.topics.Topics;
import io.sahabot.testsupport.MetaWebhooks;
import io.sahabot.testsupport.SahaBotInfrastructure;
import io.sahabot.testsupport.TestDatabase;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.PrintStream;
import java.net.ServerSocket;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.UUID;
import java.util.concurrent.TimeUnit;
import java.util.stream.Collectors;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.Config;
import org.apache.kafka.clients.admin.GroupListing;
import org.apache.kafka.clients.admin.ScramCredentialInfo;
import org.apache.kafka.clients.admin.ScramMechanism;
import org.apache.kafka.clients.admin.UserScramCredentialUpsertion;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.config.ConfigResource;
import org.apache.kafka.common.errors.GroupAuthorizationException;
import org.apache.kafka.common.errors.SaslAuthenticationException;
import org.apache.kafka.common.errors.TopicAuthorizationException;
import org.apache.kafka.common.serialization.StringDeserializer;
import org.apache.kafka.common.serialization.StringSerializer;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;
import tools.jackson.databind.node.ObjectNode;

/**
 * The four services' jars on a closed Kafka, configured as docker-compose.yml configures them: the
 * broker is the deployment's own {@code deploy/kafka/node.sh} (SASL on every listener, the
 * StandardAuthorizer, nothing allowed without an ACL, admin the only super user), the services'
 * SCRAM users and ACLs are those {@code ./sahabot kafka-acls} generates ({@link KafkaAcls}, the
 * content of {@code deploy/kafka/acls.sh}), and each service logs in as its own principal through
 * {@code KAFKA_SASL_USERNAME} / {@code KAFKA_SASL_PASSWORD}. A booking goes through every service;
 * one principal is refused another's topics and groups.
 */
class ClosedKafkaIT {

  private static final JsonMapper JSON = JsonMapper.builder().build();
  private static final HttpClient HTTP = HttpClient.newHttpClient();
  private static final Duration CALL = Duration.ofSeconds(20);
  private static final String BUSINESS = "710000000001";

  private static Path work;
  private static ClosedKafkaNode kafka;
  private static Services services;
  private static Services.Ports ports;

  @BeforeAll
  static void startTheClosedSystem() throws Exception {
    work = Files.createTempDirectory("closed-kafka-");
    kafka = ClosedKafkaNode.start(work);
    try (Admin admin = kafka.admin()) {
      List<UserScramCredentialUpsertion> users = new ArrayList<>();
      for (KafkaAccess access : KafkaAccess.all()) {
        users.add(
            new UserScramCredentialUpsertion(
                access.service(),
                new ScramCredentialInfo(ScramMechanism.SCRAM_SHA_512, 4096),
                password(access)));
      }
      admin.alterUserScramCredentials(List.copyOf(users)).all().get(20, TimeUnit.SECONDS);
      admin.createAcls(KafkaAcls.all()).all().get(20, TimeUnit.SECONDS);
    }

    TestDatabase db = SahaBotInfrastructure.get().database();
    ports = new Services.Ports(freePort(), freePort(), freePort(), freePort());
    services =
        new Services(
            Path.of("").toAbsolutePath().getParent(),
            work.resolve("logs"),
            new PrintStream(System.out, true, StandardCharsets.UTF_8));
    List<Services.Service> all = new ArrayList<>();
    for (Services.Service service :
        Services.on(
            ports,
            kafka.bootstrap(),
            db.r2dbcUrl(),
            new Services.Logins(
                db.appUser(), db.appPassword(), db.tenantAppUser(), db.tenantAppPassword()),
            work)) {
      KafkaAccess access =
          KafkaAccess.all().stream()
              .filter(a -> a.service().equals(service.name()))
              .findFirst()
              .orElseThrow();
      all.add(
          service.with(
              Map.of(
                  "KAFKA_SECURITY_PROTOCOL", "SASL_PLAINTEXT",
                  "KAFKA_SASL_MECHANISM", "SCRAM-SHA-512",
                  "KAFKA_SASL_USERNAME", access.service(),
                  "KAFKA_SASL_PASSWORD", password(access),
                  "SAHABOT_KAFKA_REPLICATION_FACTOR", "1",
                  "SAHABOT_KAFKA_MIN_INSYNC_REPLICAS", "1")));
    }
    for (Services.Service service : all) {
      services.start(service);
    }
    for (Services.Service service : all) {
      assertThat(services.awaitUp(service, Duration.ofSeconds(240)))
          .as(service.name() + " up on the closed Kafka; log: " + services.log(service))
          .isTrue();
    }
  }

  @AfterAll
  static void stop() {
    if (services != null) {
      services.close();
    }
    if (kafka != null) {
      kafka.close();
    }
  }

  @Test
  void aBookingGoesThroughEveryServiceEachAsItsOwnPrincipal() throws Exception {
    String customer = "905320007001";
    say(customer, "Yarın akşam 9 için saha ayırmak istiyorum");

    List<JsonNode> replies =
        await()
            .atMost(Duration.ofSeconds(90))
            .pollInterval(Duration.ofMillis(500))
            .until(() -> replies(customer), r -> !r.isEmpty());
    assertThat(replies.get(0).toString()).contains("onaylandı");

    // and the operators' replay reads the closed Kafka as admin, and nothing without a login
    ByteArrayOutputStream out = new ByteArrayOutputStream();
    ByteArrayOutputStream err = new ByteArrayOutputStream();
    int code =
        new ReplayCommand(new PrintStream(out, true), new PrintStream(err, true), Clock.systemUTC())
            .run(
                List.of("--tenant", BUSINESS, "--from", "10m", "--bootstrap", kafka.bootstrap()),
                Map.of(
                    "KAFKA_SASL_USERNAME", KafkaAcls.ADMIN,
                    "KAFKA_SASL_PASSWORD", ClosedKafkaNode.ADMIN_PASSWORD));
    assertThat(code).as(err.toString()).isZero();
    assertThat(out.toString()).contains("reservation.commands").contains("reservation.events");

    code =
        new ReplayCommand(new PrintStream(out, true), new PrintStream(err, true), Clock.systemUTC())
            .run(
                List.of("--tenant", BUSINESS, "--bootstrap", kafka.bootstrap(), "--timeout", "3s"),
                Map.of());
    assertThat(code).isEqualTo(1);
  }

  @Test
  void theServicesCreatedTheirTopicsAndJoinedTheGroupsOfTheCatalogue() throws Exception {
    Set<String> declared =
        KafkaAccess.all().stream()
            .flatMap(a -> a.declaredTopics().stream())
            .collect(Collectors.toSet());
    try (Admin admin = kafka.admin()) {
      assertThat(admin.listTopics().names().get(20, TimeUnit.SECONDS)).containsAll(declared);
      Map<ConfigResource, Config> configs =
          admin
              .describeConfigs(
                  declared.stream()
                      .map(t -> new ConfigResource(ConfigResource.Type.TOPIC, t))
                      .toList())
              .all()
              .get(20, TimeUnit.SECONDS);
      configs.forEach(
          (topic, config) ->
              assertThat(config.get("min.insync.replicas").value())
                  .as(topic.name())
                  .isEqualTo("1"));

      await()
          .atMost(Duration.ofSeconds(60))
          .untilAsserted(
              () -> {
                Set<String> groups =
                    admin.listGroups().all().get(20, TimeUnit.SECONDS).stream()
                        .map(GroupListing::groupId)
                        .collect(Collectors.toSet());
                for (KafkaAccess access : KafkaAccess.all()) {
                  assertThat(groups).containsAll(access.groups());
                  for (String prefix : access.groupPrefixes()) {
                    assertThat(groups).anyMatch(g -> g.startsWith(prefix));
                  }
                  if (access.streamsApplicationId() != null) {
                    assertThat(groups).contains(access.streamsApplicationId());
                  }
                }
              });
    }
  }

  @Test
  void aServiceIsRefusedAnotherServicesTopicsAndGroups() {
    // ingress may not read the commands
    try (KafkaConsumer<String, String> consumer = consumer(KafkaAccess.INGRESS, null)) {
      consumer.assign(List.of(new TopicPartition(Topics.RESERVATION_COMMANDS.name(), 0)));
      assertThatThrownBy(() -> consumer.poll(Duration.ofSeconds(10)))
          .isInstanceOf(TopicAuthorizationException.class);
    }
    // nor read its own topic in the agent's group
    try (KafkaConsumer<String, String> consumer = consumer(KafkaAccess.INGRESS, "agent-service")) {
      consumer.subscribe(List.of(Topics.WHATSAPP_OUTBOUND.name()));
      assertThatThrownBy(() -> consumer.poll(Duration.ofSeconds(10)))
          .isInstanceOf(GroupAuthorizationException.class);
    }
    // the agent may not write webhooks
    try (KafkaProducer<String, String> producer = producer(KafkaAccess.AGENT)) {
      assertThatThrownBy(
              () ->
                  producer
                      .send(new ProducerRecord<>(Topics.WHATSAPP_INBOUND_RAW.name(), "k", "{}"))
                      .get(20, TimeUnit.SECONDS))
          .hasCauseInstanceOf(TopicAuthorizationException.class);
    }
    // and a wrong password logs in as no one
    Map<String, Object> wrong = kafka.client(KafkaAccess.INGRESS.service(), "not-the-password");
    wrong.put("request.timeout.ms", 10_000);
    wrong.put("default.api.timeout.ms", 10_000);
    try (Admin admin = Admin.create(wrong)) {
      assertThatThrownBy(() -> admin.listTopics().names().get(20, TimeUnit.SECONDS))
          .hasCauseInstanceOf(SaslAuthenticationException.class);
    }
  }

  private static String password(KafkaAccess access) {
    return "password-of-" + access.service();
  }

  private static KafkaConsumer<String, String> consumer(KafkaAccess access, String group) {
    Map<String, Object> config = new HashMap<>(kafka.client(access.service(), password(access)));
    if (group != null) {
      config.put(ConsumerConfig.GROUP_ID_CONFIG, group);
    }
    config.put(ConsumerConfig.ENABLE_AUTO_COMMIT_CONFIG, false);
    return new KafkaConsumer<>(config, new StringDeserializer(), new StringDeserializer());
  }

  private static KafkaProducer<String, String> producer(KafkaAccess access) {
    Map<String, Object> config = new HashMap<>(kafka.client(access.service(), password(access)));
    config.put(ProducerConfig.MAX_BLOCK_MS_CONFIG, 20_000);
    config.put(ProducerConfig.DELIVERY_TIMEOUT_MS_CONFIG, 20_000);
    config.put(ProducerConfig.REQUEST_TIMEOUT_MS_CONFIG, 10_000);
    return new KafkaProducer<>(config, new StringSerializer(), new StringSerializer());
  }

  /** A text from the customer to the business, as Meta posts and signs it, now. */
  private static void say(String from, String text) throws Exception {
    ObjectNode message = JSON.createObjectNode().put("type", "text");
    message.putObject("text").put("body", text);
    message
        .put("from", from)
        .put("id", "wamid.closed." + UUID.randomUUID())
        .put("timestamp", Long.toString(Instant.now().getEpochSecond()));
    ObjectNode value = JSON.createObjectNode().put("messaging_product", "whatsapp");
    value
        .putObject("metadata")
        .put("display_phone_number", "90555" + BUSINESS.substring(BUSINESS.length() - 7))
        .put("phone_number_id", BUSINESS);
    value.putArray("contacts").addObject().put("wa_id", from).putObject("profile").put("name", "M");
    value.putArray("messages").add(message);
    ObjectNode root = JSON.createObjectNode().put("object", "whatsapp_business_account");
    root.putArray("entry")
        .addObject()
        .put("id", "closed")
        .putArray("changes")
        .addObject()
        .put("field", "messages")
        .set("value", value);
    byte[] body = MetaWebhooks.escaped(root);
    HttpResponse<String> response =
        HTTP.send(
            HttpRequest.newBuilder(URI.create("http://localhost:" + ports.ingress() + "/webhook"))
                .header("Content-Type", "application/json")
                .header(
                    MetaWebhooks.SIGNATURE_HEADER, MetaWebhooks.signature(body, "dev-app-secret"))
                .timeout(CALL)
                .POST(HttpRequest.BodyPublishers.ofByteArray(body))
                .build(),
            HttpResponse.BodyHandlers.ofString());
    assertThat(response.statusCode()).as(response.body()).isEqualTo(200);
  }

  /** What the Graph API would have been sent to this customer of the business, oldest first. */
  private static List<JsonNode> replies(String to) throws Exception {
    HttpResponse<String> response =
        HTTP.send(
            HttpRequest.newBuilder(
                    URI.create(
                        "http://localhost:"
                            + ports.ingress()
                            + "/recorded?phoneNumberId="
                            + BUSINESS
                            + "&to="
                            + to))
                .timeout(CALL)
                .build(),
            HttpResponse.BodyHandlers.ofString());
    List<JsonNode> bodies = new ArrayList<>();
    JSON.readTree(response.body()).path("messages").forEach(m -> bodies.add(m.path("body")));
    return bodies;
  }

  private static int freePort() throws IOException {
    try (ServerSocket socket = new ServerSocket(0)) {
      return socket.getLocalPort();
    }
  }
}
