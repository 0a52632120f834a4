package io.sahabot.bench;

import io.sahabot.local.Services;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;

/**
 * What the benchmarks share: the plan, progress, Kafka, the Graph API stub, the running services
 * and the tenants provisioned through webhooks.
 */
final class Context {

  /** A tenant provisioned by tenant-service from a first webhook. */
  record Tenant(UUID id, String phoneNumberId) {}

  final Plan plan;
  final Progress progress;
  final Kafka kafka;
  final GraphApiStub graph;
  final Services services;
  final Map<String, Services.Service> running = new LinkedHashMap<>();
  final Webhooks webhooks;
  String webhookUrl;
  List<Tenant> tenants = List.of();

  Context(
      Plan plan,
      Progress progress,
      Kafka kafka,
      GraphApiStub graph,
      Services services,
      Webhooks webhooks) {
    this.plan = plan;
    this.progress = progress;
    this.kafka = kafka;
    this.graph = graph;
    this.services = services;
    this.webhooks = webhooks;
  }

  Map<String, Integer> ports() {
    Map<String, Integer> ports = new LinkedHashMap<>();
    running.forEach((name, service) -> ports.put(name, service.port()));
    return ports;
  }

  StageMetrics.Scrape scrape() {
    return StageMetrics.scrape(ports());
  }

  /** Waits for the services to have read everything sent so far, saying so. */
  void awaitDrained(String after) throws Exception {
    long t = System.nanoTime();
    boolean drained =
        kafka.awaitDrained(
            java.time.Duration.ofMinutes(3),
            lag ->
                progress.say(
                    "      waiting for the services to catch up: %,d records behind", lag));
    if (!drained) {
      progress.say("      still behind 3 minutes after %s; going on", after);
    } else if (System.nanoTime() - t > 2_000_000_000L) {
      progress.say(
          "      caught up after %s in %d s", after, (System.nanoTime() - t) / 1_000_000_000);
    }
  }
}
