package io.sahabot.platform.kafka;

import java.time.Duration;
import java.util.Map;
import org.apache.kafka.clients.admin.AdminClient;
import org.apache.kafka.clients.admin.AdminClientConfig;
import org.apache.kafka.clients.admin.DescribeClusterOptions;
import org.apache.kafka.clients.admin.DescribeClusterResult;
import org.springframework.beans.factory.DisposableBean;
import org.springframework.boot.health.contributor.AbstractReactiveHealthIndicator;
import org.springframework.boot.health.contributor.Health;
import org.springframework.kafka.core.KafkaAdmin;
import reactor.core.publisher.Mono;

/**
 * Kafka is UP when the cluster answers a describe-cluster request within the timeout. Spring Boot 4
 * ships no Kafka health indicator, so every service gets this one from the platform.
 */
public class KafkaHealthIndicator extends AbstractReactiveHealthIndicator
    implements DisposableBean {

  private final AdminClient admin;
  private final Duration timeout;

  public KafkaHealthIndicator(KafkaAdmin kafkaAdmin, Duration timeout) {
    super("Kafka health check failed");
    Map<String, Object> config = new java.util.HashMap<>(kafkaAdmin.getConfigurationProperties());
    config.put(AdminClientConfig.REQUEST_TIMEOUT_MS_CONFIG, (int) timeout.toMillis());
    config.put(AdminClientConfig.DEFAULT_API_TIMEOUT_MS_CONFIG, (int) timeout.toMillis());
    config.putIfAbsent(AdminClientConfig.CLIENT_ID_CONFIG, "health-check");
    this.admin = AdminClient.create(config);
    this.timeout = timeout;
  }

  @Override
  protected Mono<Health> doHealthCheck(Health.Builder builder) {
    DescribeClusterResult cluster =
        admin.describeCluster(new DescribeClusterOptions().timeoutMs((int) timeout.toMillis()));
    return Mono.fromFuture(cluster.clusterId().toCompletionStage().toCompletableFuture())
        .zipWith(
            Mono.fromFuture(cluster.nodes().toCompletionStage().toCompletableFuture()),
            (clusterId, nodes) ->
                builder.up().withDetail("clusterId", clusterId).withDetail("nodes", nodes.size()))
        .map(Health.Builder::build)
        .timeout(timeout.plusSeconds(1));
  }

  @Override
  public void destroy() {
    admin.close(Duration.ofSeconds(2));
  }
}
