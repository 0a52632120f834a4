package io.sahabot.testsupport;

import java.util.Collection;
import java.util.Map;
import java.util.TreeMap;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.AdminClientConfig;
import org.apache.kafka.clients.admin.TopicDescription;

/** Reads which topics exist on the shared broker, and their partition counts. */
public final class KafkaTopicsProbe {

  private KafkaTopicsProbe() {}

  /** Partition count by topic name, for those of {@code names} that exist. */
  public static Map<String, Integer> partitions(Collection<String> names) {
    try (Admin admin =
        Admin.create(
            Map.of(
                AdminClientConfig.BOOTSTRAP_SERVERS_CONFIG,
                SahaBotInfrastructure.get().kafkaBootstrapServers()))) {
      var existing = admin.listTopics().names().get(10, TimeUnit.SECONDS);
      var wanted = names.stream().filter(existing::contains).toList();
      Map<String, TopicDescription> descriptions =
          admin.describeTopics(wanted).allTopicNames().get(10, TimeUnit.SECONDS);
      Map<String, Integer> partitions = new TreeMap<>();
      descriptions.forEach((name, d) -> partitions.put(name, d.partitions().size()));
      return partitions;
    } catch (ExecutionException | TimeoutException e) {
      throw new IllegalStateException("could not describe topics", e);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new IllegalStateException("interrupted", e);
    }
  }
}
