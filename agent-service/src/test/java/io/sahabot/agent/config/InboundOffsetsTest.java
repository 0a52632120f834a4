package io.sahabot.agent.config;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.common.TopicPartition;
import org.junit.jupiter.api.Test;

class InboundOffsetsTest {

  private static final String TOPIC = "whatsapp.inbound.messages";

  /** The offsets acknowledged, as "partition@offset", in order. */
  private final List<String> acknowledged = new CopyOnWriteArrayList<>();

  private final InboundOffsets offsets = new InboundOffsets(Duration.ofSeconds(5));

  private InboundOffsets.Tracked track(InboundOffsets offsets, int partition, long offset) {
    ConsumerRecord<String, String> record =
        new ConsumerRecord<>(TOPIC, partition, offset, "k", "v");
    return offsets.track(record, () -> acknowledged.add(partition + "@" + offset));
  }

  private InboundOffsets.Tracked started(int partition, long offset) {
    InboundOffsets.Tracked tracked = track(offsets, partition, offset);
    assertThat(tracked.start()).isTrue();
    return tracked;
  }

  @Test
  void acknowledgesOnlyTheFinishedPrefixOfAPartition() {
    List<InboundOffsets.Tracked> turns =
        List.of(started(0, 10), started(0, 11), started(0, 12), started(0, 13), started(0, 14));

    turns.get(2).done();
    turns.get(1).done();
    assertThat(acknowledged).isEmpty(); // 10 still runs: a crash must replay it

    turns.get(0).done();
    assertThat(acknowledged).containsExactly("0@12");

    turns.get(4).done();
    assertThat(acknowledged).containsExactly("0@12");

    turns.get(3).done();
    assertThat(acknowledged).containsExactly("0@12", "0@14");
    assertThat(offsets.pending()).isZero();
  }

  @Test
  void aSlowTurnHoldsBackOnlyItsOwnPartition() {
    InboundOffsets.Tracked slow = started(0, 5);
    InboundOffsets.Tracked other = started(1, 7);

    other.done();

    assertThat(acknowledged).containsExactly("1@7");
    slow.done();
    assertThat(acknowledged).containsExactly("1@7", "0@5");
  }

  @Test
  void anAbandonedTurnIsNeverAcknowledgedNorAnythingAfterIt() {
    InboundOffsets.Tracked failed = started(0, 1);
    InboundOffsets.Tracked next = started(0, 2);

    failed.abandon();
    next.done();
    failed.done();

    assertThat(acknowledged).isEmpty();
    assertThat(offsets.pending()).isEqualTo(2);
  }

  @Test
  void aTurnThatNeverStartedIsNeverDone() {
    InboundOffsets.Tracked notStarted = track(offsets, 0, 1);

    notStarted.done();

    assertThat(acknowledged).isEmpty();
  }

  @Test
  void aRevokedPartitionSkipsTurnsNotStartedAndCommitsTheRunningOnesThatFinishInTime()
      throws InterruptedException {
    InboundOffsets.Tracked running = started(0, 1);
    InboundOffsets.Tracked queued = track(offsets, 0, 2);
    CountDownLatch revoking = new CountDownLatch(1);
    Thread turn =
        new Thread(
            () -> {
              try {
                revoking.await(5, TimeUnit.SECONDS);
              } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
              }
              running.done();
            });
    turn.start();

    revoking.countDown();
    offsets.onPartitionsRevokedBeforeCommit(null, List.of(new TopicPartition(TOPIC, 0)));

    // the running turn finished while the partition was being revoked: committed before it goes
    assertThat(acknowledged).containsExactly("0@1");
    assertThat(queued.start()).isFalse(); // the partition's next owner runs it
    turn.join();
  }

  @Test
  void aTurnFinishingAfterItsPartitionWasRevokedIsNotAcknowledged() {
    InboundOffsets quick = new InboundOffsets(Duration.ofMillis(10));
    InboundOffsets.Tracked running = track(quick, 3, 40);
    running.start();

    quick.onPartitionsRevokedBeforeCommit(null, List.of(new TopicPartition(TOPIC, 3)));
    running.done();

    assertThat(acknowledged).isEmpty();
    assertThat(quick.pending()).isZero();
  }

  @Test
  void aLostPartitionIsNotAcknowledgedAnyMoreAndAReassignedOneStartsAfresh() {
    InboundOffsets.Tracked running = started(2, 8);

    offsets.onPartitionsLost(null, List.of(new TopicPartition(TOPIC, 2)));
    running.done();
    InboundOffsets.Tracked again = started(2, 8);
    again.done();

    assertThat(acknowledged).containsExactly("2@8");
  }

  @Test
  void aRetriedTurnDropsItsPartitionFromItUntilTheSeekBringsItBack() {
    InboundOffsets.Tracked first = started(0, 10);
    InboundOffsets.Tracked failed = started(0, 11);
    InboundOffsets.Tracked later = started(0, 12);
    InboundOffsets.Tracked notStarted = track(offsets, 0, 13);

    assertThat(failed.retry()).isEqualTo(InboundOffsets.Retry.SEEK); // back to 11, after a while
    assertThat(failed.seekTarget()).hasValue(11);
    assertThat(later.owned()).isTrue(); // running: it may claim; its redelivery republishes that
    assertThat(notStarted.start()).isFalse(); // it will come again after the seek
    assertThat(track(offsets, 0, 14).start()).isFalse(); // polled before the seek took effect
    later.done();
    first.done();
    assertThat(acknowledged).containsExactly("0@10"); // 11 is not skipped

    InboundOffsets.Tracked again = track(offsets, 0, 11); // the seek back
    InboundOffsets.Tracked next = track(offsets, 0, 12);
    assertThat(again.start()).isTrue();
    assertThat(next.start()).isTrue();
    again.done();
    next.done();
    assertThat(acknowledged).containsExactly("0@10", "0@11", "0@12");
  }

  @Test
  void aTurnStillRunningWhenItsPartitionIsGivenUpIsNoLongerOwned() {
    InboundOffsets shortDrain = new InboundOffsets(Duration.ofMillis(50));
    InboundOffsets.Tracked running = track(shortDrain, 3, 40);
    assertThat(running.start()).isTrue();
    assertThat(running.owned()).isTrue();

    shortDrain.onPartitionsRevokedBeforeCommit(null, List.of(new TopicPartition(TOPIC, 3)));

    assertThat(running.owned()).isFalse(); // it must not claim: the next owner runs it
    assertThat(running.retry()).isEqualTo(InboundOffsets.Retry.NOT_OURS); // not sought back here
    assertThat(acknowledged).isEmpty();
  }

  @Test
  void retriesOfOnePartitionShareOneSeekToTheEarliestOffsetWhateverOrderTheyFailIn() {
    InboundOffsets.Tracked first = started(5, 20);
    InboundOffsets.Tracked second = started(5, 21);
    InboundOffsets.Tracked third = started(5, 22);

    // the later records fail first: had each sought to its own offset, and the seek to 22 run
    // last, 20 would never come back and the partition would ignore everything for ever
    assertThat(third.retry()).isEqualTo(InboundOffsets.Retry.SEEK);
    assertThat(second.retry()).isEqualTo(InboundOffsets.Retry.SEEK_PENDING);
    assertThat(first.retry()).isEqualTo(InboundOffsets.Retry.SEEK_PENDING);
    assertThat(third.seekTarget()).hasValue(20);
    assertThat(first.seekTarget()).hasValue(20); // a late second task seeks there too

    InboundOffsets.Tracked again = track(offsets, 5, 20);
    assertThat(again.start()).isTrue();
    assertThat(again.seekTarget()).isEmpty(); // delivered again: no seek is left to make
    again.done();
    assertThat(acknowledged).containsExactly("5@20");
  }
}
