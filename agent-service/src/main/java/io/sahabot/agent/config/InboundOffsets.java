package io.sahabot.agent.config;

import java.time.Duration;
import java.util.Collection;
import java.util.Map;
import java.util.OptionalLong;
import java.util.TreeMap;
import java.util.concurrent.ConcurrentHashMap;
import org.apache.kafka.clients.consumer.Consumer;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.common.TopicPartition;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.kafka.listener.ConsumerAwareRebalanceListener;
import org.springframework.kafka.support.Acknowledgment;

/**
 * Which offsets of whatsapp.inbound.messages may be committed: per partition, the contiguous
 * watermark of finished turns.
 *
 * <p>Turns of different conversations finish out of order, so a record is acknowledged only once it
 * and every earlier record of its partition that reached the listener are done; the container
 * commits the highest acknowledged offset. A crash therefore replays every unfinished turn and
 * never skips one, while the consumer keeps polling (nothing waits for a slow conversation: no
 * head-of-line stall). Records the listener never saw (the error handler dead-lettered them) are
 * covered by the next acknowledged record.
 *
 * <p>When partitions are revoked (a rebalance, or the service stopping), turns of theirs that have
 * not started are skipped (the partition's next owner runs them), the running ones get up to {@code
 * drainTimeout} to finish, and what finished is committed before the partitions go; a turn still
 * running then is cancelled: {@link Tracked#owned()} turns false, so it stores and publishes
 * nothing, and the partition's next owner runs it again.
 *
 * <p>A turn whose output could not be made durable (not published, not stored) is retried in place:
 * {@link Tracked#retry()} drops every record of its partition from it onwards (those not started
 * never start; those running are not acknowledged) and ignores what the consumer delivers until the
 * caller's seek brings that record back; then the partition goes on from it, in order. Nothing is
 * skipped, and the commits of the records before it are not held up.
 */
public class InboundOffsets implements ConsumerAwareRebalanceListener {

  private static final Logger log = LoggerFactory.getLogger(InboundOffsets.class);

  private final Map<TopicPartition, Partition> partitions = new ConcurrentHashMap<>();
  private final Duration drainTimeout;

  public InboundOffsets(Duration drainTimeout) {
    this.drainTimeout = drainTimeout;
  }

  /**
   * Tracks a record the listener received; call on the consumer thread, in the order records
   * arrive. {@code ack} is the container's acknowledgment of the record.
   */
  public Tracked track(ConsumerRecord<?, ?> record, Acknowledgment ack) {
    TopicPartition tp = new TopicPartition(record.topic(), record.partition());
    return partitions.computeIfAbsent(tp, p -> new Partition()).track(record.offset(), ack);
  }

  /** Records tracked and not yet acknowledged, over all partitions (for tests and metrics). */
  public int pending() {
    return partitions.values().stream().mapToInt(Partition::pending).sum();
  }

  @Override
  public void onPartitionsRevokedBeforeCommit(
      Consumer<?, ?> consumer, Collection<TopicPartition> revoked) {
    long deadline = System.nanoTime() + drainTimeout.toNanos();
    for (TopicPartition tp : revoked) {
      Partition partition = partitions.remove(tp);
      if (partition != null && !partition.revoke(deadline)) {
        log.warn(
            "Partition {} revoked with turns still running: they will run again", tp.partition());
      }
    }
  }

  @Override
  public void onPartitionsLost(Consumer<?, ?> consumer, Collection<TopicPartition> lost) {
    for (TopicPartition tp : lost) {
      Partition partition = partitions.remove(tp);
      if (partition != null) {
        partition.revoke(System.nanoTime());
      }
    }
  }

  /** What a retry asks of its caller. */
  public enum Retry {
    /** Seek the partition back to {@link Tracked#seekTarget()} after the back-off. */
    SEEK,
    /** A seek of the partition is already pending and will bring this record back too. */
    SEEK_PENDING,
    /** Dropped by the retry of an earlier record of its partition, whose seek brings it back. */
    SUPERSEDED,
    /** The partition is not ours any more: whoever consumes it next runs the record. */
    NOT_OURS
  }

  /** One tracked record: its turn starts (unless its partition was revoked) and then is done. */
  public static final class Tracked {

    private final Partition partition;
    private final long offset;
    private final Acknowledgment ack;
    private boolean started;
    private boolean finished;
    private boolean done;

    /** Superseded by a retry of this or an earlier record: it will be delivered again. */
    private boolean stale;

    private Tracked(Partition partition, long offset, Acknowledgment ack) {
      this.partition = partition;
      this.offset = offset;
      this.ack = ack;
    }

    /** Whether the turn may run: false once its partition was revoked (another owner runs it). */
    public boolean start() {
      return partition.start(this);
    }

    /**
     * The started turn is over and what it produced is durable; acknowledges the partition's
     * watermark if this record moved it. A turn that never started is never done.
     */
    public void done() {
      partition.done(this);
    }

    /**
     * The turn is over but what it should have produced is not durable: the record stays
     * unacknowledged, and so does every later one of its partition on this instance; whoever
     * consumes the partition next replays from it.
     */
    public void abandon() {
      partition.abandon(this);
    }

    /**
     * The turn is over but its output is not durable, and the partition is still this consumer's:
     * the record and every later one of its partition are dropped, and records are ignored until
     * the partition's earliest retried offset is delivered again. The caller must then, after its
     * back-off, seek the partition back to {@link #seekTarget()} when told to {@link Retry#SEEK}:
     * several retries of one partition within a back-off share one seek, always to the earliest of
     * their offsets (seeks of different retries, run in whatever order, would otherwise leave the
     * partition at a later offset than the one awaited, and it would wait for ever).
     */
    public Retry retry() {
      return partition.retry(this);
    }

    /**
     * Where the partition's pending seek goes: the earliest retried offset not yet delivered again,
     * or empty when it was (or the partition was given up). Clears the pending seek.
     */
    public OptionalLong seekTarget() {
      return partition.takeSeek();
    }

    /**
     * Whether the turn may still claim, store and publish what it produced: false once its
     * partition was given up (a rebalance's drain ran out; the next owner runs it). A turn
     * superseded by a retry of an earlier record is still owned: what it stores is what the
     * record's redelivery publishes, without calling the model again.
     */
    public boolean owned() {
      return partition.owned(this);
    }

    public long offset() {
      return offset;
    }
  }

  private static final class Partition {

    /** Tracked records not yet acknowledged, done or not, by offset. */
    private final TreeMap<Long, Tracked> unacknowledged = new TreeMap<>();

    private int running;

    /** No turn starts any more: the partition is being revoked. */
    private boolean revoked;

    /** Nothing is acknowledged any more: the partition is gone. */
    private boolean closed;

    /** After a retry: the offset the seek brings back; later records are ignored until then. */
    private Long awaiting;

    /** A retry's seek is scheduled and has not yet taken its target. */
    private boolean seekPending;

    synchronized Tracked track(long offset, Acknowledgment ack) {
      Tracked tracked = new Tracked(this, offset, ack);
      if (revoked) {
        return tracked; // never started, never acknowledged
      }
      if (awaiting != null) {
        if (offset == awaiting) {
          awaiting = null;
        } else if (offset > awaiting) {
          tracked.stale = true; // delivered before the seek back took effect: it comes again
          return tracked;
        }
      }
      // a redelivery after a seek replaces what was not finished at that offset
      unacknowledged.put(offset, tracked);
      return tracked;
    }

    synchronized boolean start(Tracked tracked) {
      if (revoked || tracked.stale || tracked.started) {
        return false;
      }
      tracked.started = true;
      running++;
      return true;
    }

    /** Marks a started turn over (done or abandoned); false if it never started or was over. */
    private boolean finish(Tracked tracked) {
      if (!tracked.started || tracked.finished) {
        return false;
      }
      tracked.finished = true;
      running--;
      notifyAll();
      return true;
    }

    synchronized void done(Tracked tracked) {
      if (!finish(tracked)) {
        return;
      }
      tracked.done = true;
      if (closed || tracked.stale) {
        return;
      }
      Tracked watermark = null;
      while (!unacknowledged.isEmpty() && unacknowledged.firstEntry().getValue().done) {
        watermark = unacknowledged.pollFirstEntry().getValue();
      }
      if (watermark != null) {
        watermark.ack.acknowledge();
      }
    }

    synchronized void abandon(Tracked tracked) {
      finish(tracked);
    }

    synchronized Retry retry(Tracked tracked) {
      finish(tracked);
      if (closed || revoked) {
        return Retry.NOT_OURS;
      }
      if (tracked.stale) {
        return Retry.SUPERSEDED;
      }
      var dropped = unacknowledged.tailMap(tracked.offset, true);
      dropped.values().forEach(t -> t.stale = true);
      dropped.clear();
      tracked.stale = true;
      awaiting = awaiting == null ? tracked.offset : Math.min(awaiting, tracked.offset);
      if (seekPending) {
        return Retry.SEEK_PENDING;
      }
      seekPending = true;
      return Retry.SEEK;
    }

    synchronized OptionalLong takeSeek() {
      seekPending = false;
      return closed || revoked || awaiting == null
          ? OptionalLong.empty()
          : OptionalLong.of(awaiting);
    }

    synchronized boolean owned(Tracked tracked) {
      return !closed;
    }

    synchronized int pending() {
      return unacknowledged.size();
    }

    /**
     * No turn of the partition starts any more; waits until the running ones are done or the
     * deadline passes. Returns whether all were done.
     */
    synchronized boolean revoke(long deadlineNanos) {
      revoked = true;
      try {
        long left;
        while (running > 0 && (left = deadlineNanos - System.nanoTime()) > 0) {
          long millis = Math.max(1, left / 1_000_000);
          wait(millis);
        }
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
      }
      // after this, nothing of this partition is acknowledged: its next owner commits it
      closed = true;
      unacknowledged.clear();
      return running == 0;
    }
  }
}
