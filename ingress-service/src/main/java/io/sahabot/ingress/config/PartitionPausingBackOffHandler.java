package io.sahabot.ingress.config;

import io.sahabot.ingress.sender.PartitionBackOff;
import java.time.Duration;
import org.springframework.kafka.listener.BackOffHandler;
import org.springframework.kafka.listener.DefaultBackOffHandler;
import org.springframework.kafka.listener.ListenerContainerPauseService;
import org.springframework.kafka.listener.MessageListenerContainer;

/**
 * Takes the back-off of a failed outbound record by pausing the partition its {@link
 * PartitionBackOff} names, for the back-off, with spring-kafka's {@link
 * ListenerContainerPauseService} (resumed on its scheduler), instead of sleeping on the listener
 * thread: the thread goes on with its other partitions (other recipients, other numbers), and the
 * consumer keeps polling, so a long back-off never approaches {@code max.poll.interval.ms}.
 *
 * <p>spring-kafka's own {@code ContainerPausingBackOffHandler} pauses the whole container here (the
 * error handler is given the exception, not the record), which would stop every partition of every
 * listener thread; hence the partition is carried by the exception. Any other failure (retried by
 * the platform's short back-off) sleeps as spring-kafka's {@link DefaultBackOffHandler} does (the
 * interface's own default refuses to).
 */
final class PartitionPausingBackOffHandler implements BackOffHandler {

  private final ListenerContainerPauseService pauses;
  private final BackOffHandler sleep = new DefaultBackOffHandler();

  PartitionPausingBackOffHandler(ListenerContainerPauseService pauses) {
    this.pauses = pauses;
  }

  @Override
  public void onNextBackOff(
      MessageListenerContainer container, Exception exception, long nextBackOff) {
    for (Throwable t = exception; t != null; t = t.getCause()) {
      if (t instanceof PartitionBackOff backOff && container != null) {
        pauses.pausePartition(container, backOff.partition(), Duration.ofMillis(nextBackOff));
        return;
      }
    }
    sleep.onNextBackOff(container, exception, nextBackOff);
  }
}
