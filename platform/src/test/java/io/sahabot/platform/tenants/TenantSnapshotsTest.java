package io.sahabot.platform.tenants;

import static org.assertj.core.api.Assertions.assertThat;

import io.sahabot.schemas.tenant.TenantSettings;
import io.sahabot.schemas.tenant.TenantSnapshot;
import java.time.Duration;
import java.time.Instant;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.CompletableFuture;
import org.junit.jupiter.api.Test;

class TenantSnapshotsTest {

  private final TenantSnapshots view = new TenantSnapshots(Map.of(), "test");
  private final UUID tenant = UUID.randomUUID();

  @Test
  void aTurnWaitingForANewTenantGetsItsSnapshotWhenItArrives() {
    CompletableFuture<?> arrives =
        CompletableFuture.runAsync(
            () -> view.put(snapshot(1, "Saha A")),
            CompletableFuture.delayedExecutor(200, java.util.concurrent.TimeUnit.MILLISECONDS));

    assertThat(view.await(tenant, Duration.ofSeconds(5)))
        .map(TenantSnapshot::businessName)
        .contains("Saha A");
    arrives.join();
  }

  @Test
  void anOlderSnapshotNeverReplacesANewerOne() {
    view.put(snapshot(2, "New name"));
    view.put(snapshot(1, "Old name"));

    assertThat(view.get(tenant)).map(TenantSnapshot::businessName).contains("New name");
  }

  @Test
  void noSnapshotInTimeIsEmpty() {
    assertThat(view.await(tenant, Duration.ofMillis(50))).isEmpty();
  }

  private TenantSnapshot snapshot(long version, String name) {
    return new TenantSnapshot(
        "e" + version,
        Instant.now(),
        tenant,
        null,
        "pn",
        null,
        name,
        true,
        TenantSettings.defaults(),
        version);
  }
}
