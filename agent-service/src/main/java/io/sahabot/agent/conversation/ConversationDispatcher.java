package io.sahabot.agent.conversation;

import io.sahabot.agent.config.AgentProperties;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.Semaphore;
import java.util.concurrent.ThreadPoolExecutor;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import org.springframework.beans.factory.DisposableBean;
import org.springframework.stereotype.Component;

/**
 * Runs many conversations at once and each one a turn at a time.
 *
 * <p>Turns of one conversation (one Kafka key) are chained, so they run in the order the key's
 * partition gave them and never overlap: langchain4j's memory must not see two turns of one
 * conversation interleaved. Turns of different conversations, even of one tenant and one partition,
 * run in parallel on a worker pool, up to {@code maxInFlight}; past that, submitting blocks the
 * consumer, which is the back-pressure.
 */
@Component
public class ConversationDispatcher implements DisposableBean {

  private final Map<String, CompletableFuture<Void>> tails = new ConcurrentHashMap<>();
  private final Semaphore inFlight;
  private final ExecutorService workers;
  private final AtomicInteger running = new AtomicInteger();

  public ConversationDispatcher(AgentProperties properties) {
    this.inFlight = new Semaphore(properties.maxInFlight());
    AtomicInteger n = new AtomicInteger();
    this.workers =
        new ThreadPoolExecutor(
            properties.maxInFlight(),
            properties.maxInFlight(),
            60,
            TimeUnit.SECONDS,
            new LinkedBlockingQueue<>(),
            r -> {
              Thread t = new Thread(r, "turn-" + n.incrementAndGet());
              t.setDaemon(true);
              return t;
            });
    ((ThreadPoolExecutor) workers).allowCoreThreadTimeOut(true);
  }

  /**
   * Queues {@code turn} behind the conversation's earlier turns; {@code done} runs after it,
   * whether it succeeded or not.
   */
  public void submit(String conversation, Runnable turn, Runnable done) {
    inFlight.acquireUninterruptibly();
    running.incrementAndGet();
    tails.compute(
        conversation,
        (key, tail) -> {
          CompletableFuture<Void> previous =
              tail == null ? CompletableFuture.completedFuture(null) : tail;
          CompletableFuture<Void> next =
              previous.handleAsync(
                  (ignored, error) -> {
                    try {
                      turn.run();
                    } finally {
                      try {
                        done.run();
                      } finally {
                        running.decrementAndGet();
                        inFlight.release();
                      }
                    }
                    return null;
                  },
                  workers);
          next.whenComplete((ignored, error) -> tails.remove(key, next));
          return next;
        });
  }

  /** Turns queued or running. */
  public int inFlight() {
    return running.get();
  }

  @Override
  public void destroy() throws InterruptedException {
    workers.shutdown();
    workers.awaitTermination(10, TimeUnit.SECONDS);
  }
}
