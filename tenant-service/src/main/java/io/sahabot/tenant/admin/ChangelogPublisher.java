package io.sahabot.tenant.admin;

import static io.sahabot.schemas.topics.Topics.TENANT_CHANGELOG;

import io.sahabot.schemas.tenant.TenantChangelogRecord;
import io.sahabot.schemas.tenant.TenantSnapshot;
import io.sahabot.tenant.provisioning.Tenant;
import java.time.Clock;
import org.springframework.kafka.core.KafkaTemplate;
import org.springframework.stereotype.Component;
import reactor.core.publisher.Mono;

/** Publishes a tenant's snapshot to {@code tenant.changelog} after each change. */
@Component
public class ChangelogPublisher {

  private final KafkaTemplate<String, TenantChangelogRecord> template;
  private final Clock clock;

  public ChangelogPublisher(
      KafkaTemplate<String, TenantChangelogRecord> changelogTemplate, Clock clock) {
    this.template = changelogTemplate;
    this.clock = clock;
  }

  /** Completes with the snapshot once Kafka acknowledged it (acks=all). */
  public Mono<TenantSnapshot> publish(Tenant tenant, String causationId) {
    TenantSnapshot snapshot = tenant.snapshot(causationId, clock);
    return Mono.fromFuture(() -> template.send(TENANT_CHANGELOG.name(), snapshot.key(), snapshot))
        .thenReturn(snapshot);
  }
}
