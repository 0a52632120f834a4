package io.sahabot.ingress.sender;

import static io.sahabot.schemas.topics.Topics.WHATSAPP_OUTBOUND;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import io.sahabot.ingress.IngressApplication;
import io.sahabot.platform.kafka.WireOrBytesSerializer;
import io.sahabot.schemas.Json;
import io.sahabot.schemas.whatsapp.OutboundContent;
import io.sahabot.schemas.whatsapp.OutboundMessage;
import io.sahabot.testsupport.SahaBotInfrastructure;
import io.sahabot.testsupport.SharedFixtures;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.UUID;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ThreadLocalRandom;
import java.util.concurrent.TimeUnit;
import okhttp3.mockwebserver.Dispatcher;
import okhttp3.mockwebserver.MockResponse;
import okhttp3.mockwebserver.MockWebServer;
import okhttp3.mockwebserver.RecordedRequest;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.serialization.StringSerializer;
import org.apache.kafka.common.utils.Utils;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.springframework.boot.builder.SpringApplicationBuilder;
import org.springframework.context.ConfigurableApplicationContext;
import org.springframework.kafka.config.KafkaListenerEndpointRegistry;
import tools.jackson.databind.JsonNode;

/**
 * The per-number rate limit at scale: two whole ingress-service instances (application contexts,
 * one consumer group) share 100 business numbers, sending for real to a local server standing in
 * for tenant-service and the Graph API, which notes when each send arrives and from which instance
 * (each instance has its own deployment token).
 *
 * <ul>
 *   <li>every number is sent from one instance only (its partition's owner);
 *   <li>no number gets more than the limit in any one-second window, as the stand-in measures it;
 *       three hot numbers are offered far more, and reach the limit (so the check can fail);
 *   <li>a 131056 for one recipient of a hot number holds back that recipient alone: the number's
 *       other recipients go on meanwhile, and the recipient's messages follow in order after its
 *       back-off.
 * </ul>
 *
 * The limit is the instances' {@code rate-per-second}, {@value #RATE} here rather than the default
 * 80, so that the senders offer more than the limit even on a busy 2-core machine, where one
 * partition's thread, sharing it with other numbers, sent 5 to 15 a second (the code path is the
 * same).
 */
class NumberRateLimitIT {

  private static final org.slf4j.Logger log =
      org.slf4j.LoggerFactory.getLogger(NumberRateLimitIT.class);

  static final int RATE = 5;
  private static final int NUMBERS = 100;
  private static final int HOT = 3;
  private static final int PER_HOT_NUMBER = 50;
  private static final Duration RECIPIENT_BACKOFF = Duration.ofSeconds(2);

  private static final MockWebServer server = new MockWebServer();
  private static final Graph graph = new Graph();

  static {
    server.setDispatcher(graph);
    try {
      server.start();
    } catch (IOException e) {
      throw new IllegalStateException(e);
    }
  }

  private static final String database = OwnDatabase.r2dbcUrl();

  private final List<ConfigurableApplicationContext> instances = new ArrayList<>();

  @AfterEach
  void stopInstances() {
    instances.forEach(ConfigurableApplicationContext::close);
  }

  @AfterAll
  static void stop() throws IOException {
    server.close();
  }

  @Test
  void twoInstancesShareAHundredNumbersNoneAboveItsLimitAndARecipientBackOffHoldsNoOneElse()
      throws Exception {
    String group = "ingress-sender-rate-it-" + UUID.randomUUID();
    UUID tenant = UUID.randomUUID();
    List<String> numbers = new ArrayList<>();
    for (int i = 0; i < NUMBERS; i++) {
      String number = digits();
      numbers.add(number);
      graph.owners.put(number, tenant);
    }
    List<String> hot = onDistinctPartitions(numbers, HOT);
    String slowNumber = hot.get(0);
    String slow = digits();
    graph.refuseOnce.add(slow);

    ConfigurableApplicationContext a = start(group, "instance-a");
    ConfigurableApplicationContext b = start(group, "instance-b");
    // the group has settled: each instance owns half of the partitions
    int half = WHATSAPP_OUTBOUND.partitions() / 2;
    await()
        .atMost(Duration.ofSeconds(120))
        .pollInterval(Duration.ofMillis(500))
        .until(() -> assigned(a) == half && assigned(b) == half);

    List<OutboundMessage> messages = new ArrayList<>();
    List<OutboundMessage> toSlow = new ArrayList<>();
    for (String number : hot) {
      for (int i = 0; i < PER_HOT_NUMBER; i++) {
        if (number.equals(slowNumber) && i % 20 == 10) {
          // the recipient refused once, once the number is at its pace, then twice more among
          // the number's others
          OutboundMessage m = message(tenant, number, slow, "yavaş " + i);
          toSlow.add(m);
          messages.add(m);
        } else {
          messages.add(message(tenant, number, digits(), "sıcak " + i));
        }
      }
    }
    for (String number : numbers) {
      for (int i = 0; i < 3; i++) {
        messages.add(message(tenant, number, digits(), "mesaj " + i));
      }
    }
    produce(messages);

    await()
        .atMost(Duration.ofSeconds(180))
        .pollInterval(Duration.ofMillis(500))
        .until(() -> graph.sent().size() >= messages.size() + 1); // + the refused attempt

    List<Arrival> all = graph.sent();
    Map<String, List<Arrival>> byNumber = new HashMap<>();
    for (Arrival arrival : all) {
      byNumber.computeIfAbsent(arrival.number(), n -> new ArrayList<>()).add(arrival);
    }
    log.info(
        "{} sends from {} numbers in {} ms; most in one second per hot number: {} (limit {})",
        all.size(),
        byNumber.size(),
        Duration.ofNanos(
                all.stream().mapToLong(Arrival::nanos).max().orElse(0)
                    - all.stream().mapToLong(Arrival::nanos).min().orElse(0))
            .toMillis(),
        hot.stream().map(n -> maxInOneSecond(byNumber.get(n))).toList(),
        RATE);
    // every message once (the refused one twice), from the instance that owns its number
    Set<String> ids = new HashSet<>();
    all.forEach(s -> ids.add(s.eventId()));
    assertThat(ids).hasSize(messages.size());
    assertThat(byNumber).hasSize(NUMBERS);
    Set<String> instancesSeen = new HashSet<>();
    for (var entry : byNumber.entrySet()) {
      Set<String> from = new HashSet<>();
      entry.getValue().forEach(s -> from.add(s.instance()));
      assertThat(from).as("instances sending from " + entry.getKey()).hasSize(1);
      instancesSeen.addAll(from);
      assertThat(maxInOneSecond(entry.getValue()))
          .as("most sends from " + entry.getKey() + " in one second")
          .isLessThanOrEqualTo(RATE);
    }
    assertThat(instancesSeen).containsExactlyInAnyOrder("instance-a", "instance-b");
    // the limit was what held the hot numbers back
    assertThat(hot.stream().mapToInt(n -> maxInOneSecond(byNumber.get(n))).max().orElse(0))
        .isEqualTo(RATE);

    // the 131056: that recipient waited, in order; its number's other recipients did not
    List<Arrival> slowSends =
        byNumber.get(slowNumber).stream().filter(s -> s.recipient().equals(slow)).toList();
    List<String> expected = new ArrayList<>();
    expected.add(toSlow.get(0).eventId()); // refused, then sent after the back-off
    toSlow.forEach(m -> expected.add(m.eventId()));
    assertThat(slowSends).extracting(Arrival::eventId).containsExactlyElementsOf(expected);
    long refusedAt = slowSends.get(0).nanos();
    long retriedAt = slowSends.get(1).nanos();
    assertThat(Duration.ofNanos(retriedAt - refusedAt))
        .isGreaterThanOrEqualTo(RECIPIENT_BACKOFF.minusMillis(100));
    long othersMeanwhile =
        byNumber.get(slowNumber).stream()
            .filter(s -> !s.recipient().equals(slow))
            .filter(s -> s.nanos() > refusedAt && s.nanos() < retriedAt)
            .count();
    log.info(
        "the backing-off recipient's number sent {} to others during its {} ms back-off",
        othersMeanwhile,
        Duration.ofNanos(retriedAt - refusedAt).toMillis());
    // the number's other recipients went on meanwhile (a paused partition would have sent none)
    assertThat(othersMeanwhile).isGreaterThanOrEqualTo(2);
  }

  private static int assigned(ConfigurableApplicationContext instance) {
    var partitions =
        instance
            .getBean(KafkaListenerEndpointRegistry.class)
            .getListenerContainer("whatsapp-outbound-sender")
            .getAssignedPartitions();
    return partitions == null ? 0 : partitions.size();
  }

  /** The most arrivals in any window of one second (sliding, as Meta would count). */
  private static int maxInOneSecond(List<Arrival> arrivals) {
    long[] times = arrivals.stream().mapToLong(Arrival::nanos).sorted().toArray();
    int max = 0;
    int start = 0;
    for (int end = 0; end < times.length; end++) {
      while (times[end] - times[start] >= TimeUnit.SECONDS.toNanos(1)) {
        start++;
      }
      max = Math.max(max, end - start + 1);
    }
    return max;
  }

  /** {@code count} numbers on distinct partitions of whatsapp.outbound (so on distinct threads). */
  private static List<String> onDistinctPartitions(List<String> numbers, int count) {
    List<String> chosen = new ArrayList<>();
    Set<Integer> partitions = new HashSet<>();
    for (String number : numbers) {
      int partition =
          Utils.toPositive(Utils.murmur2(number.getBytes(StandardCharsets.UTF_8)))
              % WHATSAPP_OUTBOUND.partitions();
      if (partitions.add(partition)) {
        chosen.add(number);
        if (chosen.size() == count) {
          return chosen;
        }
      }
    }
    throw new IllegalStateException("not enough partitions");
  }

  private static OutboundMessage message(UUID tenant, String number, String to, String text) {
    return Outbound.message(tenant, number, to, null, new OutboundContent.Text(text));
  }

  private ConfigurableApplicationContext start(String group, String token) {
    Map<String, Object> props =
        new HashMap<>(SahaBotInfrastructure.get().springProperties("ingress-service"));
    props.put("spring.r2dbc.url", database);
    props.put("server.port", "0");
    props.put("sahabot.ingress.graph.recording", "false");
    props.put("sahabot.ingress.graph.base-url", server.url("/").toString());
    props.put("sahabot.ingress.graph.access-token", token);
    props.put("sahabot.ingress.tenant-service-url", server.url("/").toString());
    props.put("sahabot.ingress.sender.group-id", group);
    props.put("sahabot.ingress.sender.rate-per-second", Integer.toString(RATE));
    props.put("sahabot.ingress.sender.recipient-backoff", RECIPIENT_BACKOFF.toString());
    props.put("spring.kafka.consumer.auto-offset-reset", "latest");
    List<String> args = new ArrayList<>();
    props.forEach((k, v) -> args.add("--" + k + "=" + v));
    ConfigurableApplicationContext context =
        new SpringApplicationBuilder(IngressApplication.class)
            .profiles("local", "test")
            .run(args.toArray(String[]::new));
    instances.add(context);
    return context;
  }

  private static void produce(List<OutboundMessage> messages) throws Exception {
    try (var producer =
        new KafkaProducer<>(
            Map.<String, Object>of(
                ProducerConfig.BOOTSTRAP_SERVERS_CONFIG,
                SahaBotInfrastructure.get().kafkaBootstrapServers(),
                ProducerConfig.LINGER_MS_CONFIG,
                5),
            new StringSerializer(),
            new WireOrBytesSerializer())) {
      List<java.util.concurrent.Future<?>> sent = new ArrayList<>();
      for (OutboundMessage m : messages) {
        sent.add(producer.send(new ProducerRecord<>(WHATSAPP_OUTBOUND.name(), m.key(), m)));
      }
      for (var f : sent) {
        f.get(30, TimeUnit.SECONDS);
      }
    }
  }

  private static String digits() {
    return Long.toString(ThreadLocalRandom.current().nextLong(100_000_000_000L, 999_999_999_999L));
  }

  /** One send as the stand-in saw it arrive. */
  record Arrival(String number, String recipient, String eventId, String instance, long nanos) {}

  /** tenant-service's token route and the Graph API, noting every send's arrival. */
  static final class Graph extends Dispatcher {
    final Map<String, UUID> owners = new ConcurrentHashMap<>();
    final Set<String> refuseOnce = ConcurrentHashMap.newKeySet();
    private final List<Arrival> sent = new ArrayList<>();

    synchronized List<Arrival> sent() {
      return List.copyOf(sent);
    }

    @Override
    public MockResponse dispatch(RecordedRequest request) {
      long at = System.nanoTime();
      String path = request.getPath();
      String prefix = "/internal/tenants/by-phone-number/";
      if (path.startsWith(prefix)) {
        String number = path.substring(prefix.length(), path.indexOf('/', prefix.length()));
        UUID owner = owners.get(number);
        return owner == null
            ? new MockResponse().setResponseCode(404)
            : json("{\"tenantId\":\"" + owner + "\"}");
      }
      // /v23.0/{number}/messages
      String number = path.split("/")[2];
      JsonNode body = Json.mapper().readTree(request.getBody().readByteArray());
      String recipient = body.path("to").asString(body.path("recipient").asString(""));
      String instance = request.getHeader("Authorization").substring("Bearer ".length());
      synchronized (this) {
        sent.add(
            new Arrival(
                number,
                recipient,
                body.path("biz_opaque_callback_data").asString(""),
                instance,
                at));
      }
      if (refuseOnce.remove(recipient)) {
        return new MockResponse()
            .setResponseCode(400)
            .setHeader("Content-Type", "application/json")
            .setBody(
                "{\"error\":{\"message\":\"(#131056) Pair rate limit hit\",\"type\":"
                    + "\"OAuthException\",\"code\":131056}}");
      }
      return json(
          new String(
              SharedFixtures.bytes("whatsapp/graph-api/send.response.json"),
              StandardCharsets.UTF_8));
    }

    private static MockResponse json(String body) {
      return new MockResponse().setHeader("Content-Type", "application/json").setBody(body);
    }
  }
}
