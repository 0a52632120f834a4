package io.sahabot.agent.usage;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.sahabot.agent.usage.TurnAttribution.Attribution;
import java.util.UUID;
import org.junit.jupiter.api.Test;

class TurnAttributionTest {

  private final UUID tenant = UUID.randomUUID();

  @Test
  void theTurnIsCurrentOnlyWhileItsWorkRuns() {
    assertThat(TurnAttribution.current()).isEmpty();

    Attribution during =
        TurnAttribution.with(
            tenant, "u1", "wamid.1", () -> TurnAttribution.current().orElseThrow());

    assertThat(during).isEqualTo(new Attribution(tenant, "u1", "wamid.1"));
    assertThat(TurnAttribution.current()).isEmpty();
  }

  @Test
  void anInnerTurnRestoresTheOuterOneAndAFailureClearsIt() {
    UUID other = UUID.randomUUID();
    Attribution afterInner =
        TurnAttribution.with(
            tenant,
            "u1",
            "m1",
            () -> {
              TurnAttribution.with(other, "u2", "m2", () -> "inner");
              return TurnAttribution.current().orElseThrow();
            });
    assertThat(afterInner.tenantId()).isEqualTo(tenant);

    assertThatThrownBy(
            () ->
                TurnAttribution.with(
                    tenant,
                    "u1",
                    "m1",
                    () -> {
                      throw new IllegalStateException("model down");
                    }))
        .hasMessage("model down");
    assertThat(TurnAttribution.current()).isEmpty();
  }

  @Test
  void anotherThreadDoesNotSeeTheTurn() throws Exception {
    Boolean seenElsewhere =
        TurnAttribution.with(
            tenant,
            "u1",
            "m1",
            () -> {
              var result = new java.util.concurrent.atomic.AtomicBoolean(true);
              Thread t = new Thread(() -> result.set(TurnAttribution.current().isPresent()));
              t.start();
              try {
                t.join();
              } catch (InterruptedException e) {
                throw new IllegalStateException(e);
              }
              return result.get();
            });

    assertThat(seenElsewhere).isFalse();
  }
}
