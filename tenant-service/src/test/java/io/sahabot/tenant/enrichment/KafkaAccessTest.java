package io.sahabot.tenant.enrichment;

import static org.assertj.core.api.Assertions.assertThat;

import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import io.sahabot.schemas.topics.KafkaAccess;
import io.sahabot.schemas.topics.Topic;
import io.sahabot.schemas.topics.Topics;
import io.sahabot.testsupport.KafkaListeners;
import java.time.Clock;
import java.util.ArrayList;
import java.util.List;
import java.util.Properties;
import java.util.Set;
import java.util.TreeSet;
import org.apache.kafka.streams.StreamsBuilder;
import org.apache.kafka.streams.TopologyDescription;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.config.YamlPropertiesFactoryBean;
import org.springframework.core.io.ClassPathResource;

/**
 * The enrichment topology and the service's Streams settings are what its Kafka principal is
 * allowed ({@link KafkaAccess#TENANT}): its sources are the topics the entry reads, its sinks the
 * topics it writes (but {@code tenant.changelog}, the outbox relay's, and {@code
 * reservation.commands}, the tenant API's) and the dead-letter topics it writes, and everything
 * else is an internal topic, named after the application id the entry gives the ACLs.
 */
class KafkaAccessTest {

  static final KafkaAccess ACCESS = KafkaAccess.TENANT;

  @Test
  void topologyReadsAndWritesTheTopicsOfTheCatalogue() {
    StreamsBuilder builder = new StreamsBuilder();
    new EnrichmentTopology(
            new InMemoryProvisioner(), Clock.systemUTC(), new SimpleMeterRegistry(), 12)
        .build(builder);
    Set<String> sources = new TreeSet<>();
    Set<String> sinks = new TreeSet<>();
    for (TopologyDescription.Subtopology sub : builder.build().describe().subtopologies()) {
      for (TopologyDescription.Node node : sub.nodes()) {
        if (node instanceof TopologyDescription.Source source) {
          sources.addAll(source.topicSet());
        } else if (node instanceof TopologyDescription.Sink sink) {
          sinks.add(sink.topic());
        }
      }
    }

    List<String> reads = names(ACCESS.reads());
    List<String> writes = new ArrayList<>(names(ACCESS.writes()));
    // the service writes tenant.changelog through its outbox's relay (ChangelogRelay), the one
    // writer of the changelog: never the topology
    assertThat(writes.remove(Topics.TENANT_CHANGELOG.name())).isTrue();
    // and reservation.commands through the tenant API's commands (ReservationCommandSender)
    assertThat(writes.remove(Topics.RESERVATION_COMMANDS.name())).isTrue();
    ACCESS.deadLetters().forEach(t -> writes.add(t.deadLetter()));
    assertThat(external(sources)).containsExactlyInAnyOrderElementsOf(reads);
    assertThat(external(sinks)).containsExactlyInAnyOrderElementsOf(writes);
    assertThat(internal(sources)).isNotEmpty().isEqualTo(internal(sinks));
  }

  @Test
  void streamsApplicationIdIsTheCatalogues() {
    YamlPropertiesFactoryBean yaml = new YamlPropertiesFactoryBean();
    yaml.setResources(new ClassPathResource("application.yml"));
    Properties properties = yaml.getObject();

    assertThat(properties.getProperty("spring.kafka.streams.application-id"))
        .isEqualTo(ACCESS.streamsApplicationId());
  }

  @Test
  void hasNoListenerOutsideTheTopology() {
    assertThat(KafkaListeners.under("io.sahabot.tenant")).isEmpty();
  }

  private static List<String> names(List<Topic<?>> topics) {
    return topics.stream().map(Topic::name).toList();
  }

  /** Internal topics are named {@code <application.id>-<name>-repartition|-changelog}. */
  private static boolean isInternal(String topic) {
    return topic.endsWith("-repartition") || topic.endsWith("-changelog");
  }

  private static Set<String> external(Set<String> topics) {
    Set<String> external = new TreeSet<>(topics);
    external.removeIf(KafkaAccessTest::isInternal);
    return external;
  }

  private static Set<String> internal(Set<String> topics) {
    Set<String> internal = new TreeSet<>(topics);
    internal.removeIf(t -> !isInternal(t));
    return internal;
  }
}
