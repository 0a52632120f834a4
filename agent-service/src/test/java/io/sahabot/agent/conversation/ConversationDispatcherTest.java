package io.sahabot.agent.conversation;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import io.sahabot.agent.fixtures.AgentSettings;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

class ConversationDispatcherTest {

  private final ConversationDispatcher dispatcher =
      new ConversationDispatcher(AgentSettings.forUnitTests(), new SimpleMeterRegistry());

  @AfterEach
  void stop() throws InterruptedException {
    dispatcher.destroy();
  }

  @Test
  void turnsOfOneConversationRunInOrderAndNeverOverlap() {
    List<Integer> order = new CopyOnWriteArrayList<>();
    AtomicInteger running = new AtomicInteger();
    AtomicInteger overlaps = new AtomicInteger();
    for (int i = 0; i < 20; i++) {
      int turn = i;
      dispatcher.submit(
          "tenant:user",
          () -> {
            if (running.incrementAndGet() > 1) {
              overlaps.incrementAndGet();
            }
            order.add(turn);
            running.decrementAndGet();
          },
          failure -> {});
    }

    await().atMost(Duration.ofSeconds(10)).until(() -> order.size() == 20);
    assertThat(order).isSorted();
    assertThat(overlaps).hasValue(0);
  }

  @Test
  void conversationsRunInParallelAndSubmittingNeverWaits() throws InterruptedException {
    CountDownLatch allStarted = new CountDownLatch(8);
    CountDownLatch release = new CountDownLatch(1);
    for (int c = 0; c < 8; c++) {
      dispatcher.submit(
          "tenant:user" + c,
          () -> {
            allStarted.countDown();
            try {
              release.await(10, TimeUnit.SECONDS);
            } catch (InterruptedException e) {
              Thread.currentThread().interrupt();
            }
          },
          failure -> {});
    }
    // more than the workers can take: still queued without blocking the caller
    for (int i = 0; i < 40; i++) {
      dispatcher.submit("tenant:user" + (i % 8), () -> {}, failure -> {});
    }

    assertThat(allStarted.await(10, TimeUnit.SECONDS)).isTrue();
    assertThat(dispatcher.inFlight()).isEqualTo(48);
    release.countDown();
    await().atMost(Duration.ofSeconds(10)).until(() -> dispatcher.inFlight() == 0);
  }

  @Test
  void doneGetsWhatTheTurnThrewAndTheNextTurnStillRuns() {
    Map<String, Throwable> outcomes = new ConcurrentHashMap<>();
    IllegalStateException boom = new IllegalStateException("reply not published");

    dispatcher.submit(
        "tenant:user",
        () -> {
          throw boom;
        },
        failure -> outcomes.put("first", failure == null ? new Error("none") : failure));
    dispatcher.submit(
        "tenant:user",
        () -> {},
        failure -> outcomes.put("second", failure == null ? new Error("none") : failure));

    await().atMost(Duration.ofSeconds(10)).until(() -> outcomes.size() == 2);
    assertThat(outcomes.get("first")).isSameAs(boom);
    assertThat(outcomes.get("second")).hasMessage("none");
  }

  @Test
  void aFloodingConversationIsBoundedAndTheOthersStillRun() throws InterruptedException {
    CountDownLatch release = new CountDownLatch(1);
    List<ConversationDispatcher.Admission> admissions = new CopyOnWriteArrayList<>();
    for (int i = 0; i < 25; i++) {
      admissions.add(
          dispatcher.submit(
              "tenant:flooder",
              () -> {
                try {
                  release.await(10, TimeUnit.SECONDS);
                } catch (InterruptedException e) {
                  Thread.currentThread().interrupt();
                }
              },
              failure -> {}));
    }
    CountDownLatch otherRan = new CountDownLatch(1);

    var other = dispatcher.submit("other:user", otherRan::countDown, failure -> {});

    assertThat(admissions.subList(0, 20)).containsOnly(ConversationDispatcher.Admission.QUEUED);
    assertThat(admissions.get(20)).isEqualTo(ConversationDispatcher.Admission.FULL_FIRST);
    assertThat(admissions.subList(21, 25)).containsOnly(ConversationDispatcher.Admission.FULL);
    assertThat(other).isEqualTo(ConversationDispatcher.Admission.QUEUED);
    assertThat(otherRan.await(10, TimeUnit.SECONDS)).isTrue(); // while the flood still waits
    assertThat(dispatcher.queued("tenant:flooder")).isEqualTo(20);

    release.countDown();
    await().atMost(Duration.ofSeconds(10)).until(() -> dispatcher.queued("tenant:flooder") == 0);
    // room again: the next message is queued, and a later flood is told again
    assertThat(dispatcher.submit("tenant:flooder", () -> {}, failure -> {}))
        .isEqualTo(ConversationDispatcher.Admission.QUEUED);
  }
}
