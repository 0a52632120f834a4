package io.sahabot.ingress.sender;

import org.apache.kafka.common.TopicPartition;

/**
 * A send to retry after a back-off, naming the partition of its record, so that the listener
 * container's back-off pauses that partition only (not the thread, and not the other partitions the
 * thread consumes).
 */
public class PartitionBackOff extends RuntimeException {

  private final transient TopicPartition partition;

  public PartitionBackOff(TopicPartition partition, TransientSendFailure cause) {
    super(cause.getMessage(), cause);
    this.partition = partition;
  }

  public TopicPartition partition() {
    return partition;
  }

  @Override
  public synchronized TransientSendFailure getCause() {
    return (TransientSendFailure) super.getCause();
  }
}
